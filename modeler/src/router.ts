import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { MODELING_ROLES, session, STAFF_ROLES } from './api/session.ts';
import type { Role } from './api/types.ts';

declare module 'vue-router' {
  interface RouteMeta {
    /** pages anyone may open (the login, 办件查询, an item's guide) */
    public?: boolean;
    /** roles that may open the page; none: any signed-in person */
    roles?: Role[];
    /** the i18n key of the page's title */
    title?: string;
  }
}

/**
 * The pages. Each feature folder owns its page; the modeler and the window and applicant pages
 * join here as they are built.
 */
const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./login/LoginPage.vue'), meta: { public: true, title: 'login.title' } },
  // 统一身份认证: the provider sends the browser back here with its answer (the login page finishes the sign-in)
  { path: '/login/oidc', name: 'login-oidc', component: () => import('./login/LoginPage.vue'), meta: { public: true, title: 'login.title' } },
  // 申请人注册: phone verified, real-name check, then signed in
  { path: '/register', name: 'register', component: () => import('./login/RegisterPage.vue'), meta: { public: true, title: 'identity.registerTitle' } },
  // 办件查询 by case number and phone, without signing in
  { path: '/track', name: 'track', component: () => import('./public-track/PublicTrackPage.vue'), meta: { public: true, title: 'publicTrack.title' } },
  // 好差评 结果全公开
  {
    path: '/ratings-board',
    name: 'ratings-board',
    component: () => import('./public-board/RatingsBoardPage.vue'),
    meta: { public: true, title: 'ratingsBoard.title' },
  },
  // 政务服务数字地图: the halls and 便民服务站, their services, hours and queue, on a map the page draws
  { path: '/map', name: 'hall-map', component: () => import('./hall-map/HallMapPage.vue'), meta: { public: true, title: 'hallMap.title' } },
  // 智能排队叫号: the hall's kiosk, its calling screen and a ticket's own page (the slip's short link), without signing in
  {
    path: '/hall/:hallId/kiosk',
    name: 'hall-kiosk',
    component: () => import('./queue/KioskPage.vue'),
    props: true,
    meta: { public: true, title: 'queue.kiosk.title' },
  },
  {
    path: '/hall/:hallId/display',
    name: 'hall-display',
    component: () => import('./queue/HallDisplayPage.vue'),
    props: true,
    meta: { public: true, title: 'queue.display.title' },
  },
  { path: '/q/:token', name: 'queue-visit', component: () => import('./queue/VisitPage.vue'), props: true, meta: { public: true, title: 'queue.visit.title' } },
  {
    path: '/',
    component: () => import('./layout/AppLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('./home/HomePage.vue') },
      { path: 'inbox', name: 'inbox', component: () => import('./inbox/InboxPage.vue'), meta: { roles: STAFF_ROLES, title: 'inbox.title' } },
      // 已办 and 抄送我的 beside 待办 (the inbox's tabs)
      {
        path: 'inbox/done',
        name: 'inbox-done',
        component: () => import('./inbox/DonePage.vue'),
        meta: { roles: STAFF_ROLES, title: 'inboxPages.done.title' },
      },
      {
        path: 'inbox/copies',
        name: 'inbox-copies',
        component: () => import('./inbox/CopiesPage.vue'),
        meta: { roles: STAFF_ROLES, title: 'inboxPages.copies.title' },
      },
      // 消息通知: anyone signed in has notifications (the header's bell opens the latest)
      {
        path: 'notifications',
        name: 'notifications',
        component: () => import('./notifications/NotificationsPage.vue'),
        meta: { title: 'inboxPages.notifications.title' },
      },
      {
        path: 'inbox/tasks/:taskId',
        name: 'task',
        component: () => import('./task/TaskPage.vue'),
        props: true,
        meta: { roles: STAFF_ROLES, title: 'task.title' },
      },
      {
        path: 'cases/:caseNo?',
        name: 'lookup',
        component: () => import('./lookup/CaseLookupPage.vue'),
        props: true,
        meta: { roles: STAFF_ROLES, title: 'lookup.title' },
      },
      { path: 'modeling', name: 'modeling', component: () => import('./modeling/ModelingPage.vue'), meta: { roles: MODELING_ROLES, title: 'modeling.title' } },
      {
        path: 'modeling/items/:code/form',
        name: 'modeling-item-form',
        component: () => import('./forms/ItemFormEditorPage.vue'),
        props: true,
        meta: { roles: MODELING_ROLES, title: 'forms.editorTitle' },
      },
      {
        path: 'modeling/decisions/:key',
        name: 'modeling-decision',
        component: () => import('./decisions/DecisionEditorPage.vue'),
        meta: { roles: MODELING_ROLES, title: 'decisions.listTitle' },
      },
      {
        path: 'modeling/drafts/:id',
        name: 'modeling-draft',
        component: () => import('./modeling/DraftEditorPage.vue'),
        props: true,
        meta: { roles: MODELING_ROLES, title: 'modeling.editorTitle' },
      },
      // 监管驾驶舱: ECharts comes with this page only
      {
        path: 'supervision',
        name: 'supervision',
        component: () => import('./supervision/SupervisionPage.vue'),
        meta: { roles: ['leader'], title: 'supervision.title' },
      },
      // 问题清单 (问题闭环): 差评, 走流程 and 监测预警 problems to rectify, review and close
      {
        path: 'problems',
        name: 'problems',
        component: () => import('./problems/ProblemsPage.vue'),
        meta: { roles: ['leader', 'admin'], title: 'problems.title' },
      },
      // the 差评整改 page became the 问题清单: old links (and the 好差评 dashboard's) land on its 差评
      { path: 'rectifications', name: 'rectifications', redirect: { name: 'problems', query: { source: 'bad_rating' } } },
      {
        path: 'modeling/items/new',
        name: 'catalog-item-new',
        component: () => import('./catalog-editor/ItemEditorPage.vue'),
        meta: { roles: MODELING_ROLES, title: 'catalogEditor.newItem' },
      },
      {
        path: 'modeling/items/:code',
        name: 'catalog-item',
        component: () => import('./catalog-editor/ItemEditorPage.vue'),
        props: true,
        meta: { roles: MODELING_ROLES, title: 'catalogEditor.itemTitle' },
      },
      {
        path: 'modeling/bundles/new',
        name: 'catalog-bundle-new',
        component: () => import('./catalog-editor/BundleEditorPage.vue'),
        meta: { roles: MODELING_ROLES, title: 'catalogEditor.newBundle' },
      },
      {
        path: 'modeling/bundles/:code',
        name: 'catalog-bundle',
        component: () => import('./catalog-editor/BundleEditorPage.vue'),
        props: true,
        meta: { roles: MODELING_ROLES, title: 'catalogEditor.bundleTitle' },
      },
      {
        path: 'security',
        name: 'security',
        component: () => import('./security/SecurityPage.vue'),
        meta: { roles: ['security_admin'], title: 'security.title' },
      },
      { path: 'calendar', name: 'calendar', component: () => import('./calendar/CalendarPage.vue'), meta: { roles: ['admin'], title: 'calendar.title' } },
      {
        path: 'e-licenses',
        name: 'e-licenses',
        component: () => import('./e-licenses/ELicensesPage.vue'),
        meta: { roles: ['admin'], title: 'eLicenses.title' },
      },
      { path: 'seals', name: 'seals', component: () => import('./seals/SealsPage.vue'), meta: { roles: ['admin'], title: 'seals.title' } },
      // 验章: whoever may read the document (the applicant once delivered, staff who may see the case)
      {
        path: 'cases/:caseNo/documents/:id/verify',
        name: 'verify-document',
        component: () => import('./seals/VerifyDocumentPage.vue'),
        props: true,
        meta: { title: 'seals.verify.title' },
      },
      {
        path: 'organization',
        name: 'organization',
        component: () => import('./organization/OrganizationPage.vue'),
        meta: { roles: ['admin'], title: 'organization.title' },
      },
      {
        path: 'operations',
        name: 'operations',
        component: () => import('./operations/OperationsPage.vue'),
        meta: { roles: ['admin'], title: 'operations.title' },
      },
      { path: 'audit', name: 'audit', component: () => import('./audit/AuditPage.vue'), meta: { roles: ['auditor'], title: 'audit.title' } },
      {
        path: 'shared-data/queries',
        name: 'shared-data-queries',
        component: () => import('./shared-data/QueryLogPage.vue'),
        // the 数据局's leaders (the server refuses other departments') and the audit administrator
        meta: { roles: ['leader', 'auditor'], title: 'sharedData.title' },
      },
      {
        path: 'proactive',
        name: 'proactive-policies',
        component: () => import('./proactive/PoliciesPage.vue'),
        // 免申即享's policies: administrators (who run a round now), analysts (who keep their decisions), leaders
        meta: { roles: ['admin', 'analyst', 'leader'], title: 'proactive.policiesTitle' },
      },
      {
        path: 'online-help',
        name: 'online-help',
        component: () => import('./online-help/HelpDeskPage.vue'),
        // 线上帮办: the centre's clerks (帮办员) take requests; its leaders, the 数据局's and administrators read the figures (the server checks the department)
        meta: { roles: ['clerk', 'leader', 'admin'], title: 'onlineHelp.deskTitle' },
      },
      { path: 'window', name: 'window', component: () => import('./window/WindowPage.vue'), meta: { roles: ['clerk'], title: 'window.title' } },
      { path: 'queue', name: 'queue', component: () => import('./queue/CallingPage.vue'), meta: { roles: ['clerk'], title: 'queue.panel.title' } },
      { path: 'pickup', name: 'pickup', component: () => import('./pickup/PickupPage.vue'), meta: { roles: ['clerk'], title: 'pickup.title' } },
      {
        path: 'my',
        name: 'applicant-home',
        component: () => import('./applicant/ApplicantHomePage.vue'),
        meta: { roles: ['applicant'], title: 'applicant.title' },
      },
      // 我的办件 is the applicant's home page: a link or a typed address to the list lands there
      { path: 'my/cases', redirect: { name: 'applicant-home' } },
      {
        path: 'my/cases/:caseNo',
        name: 'applicant-case',
        component: () => import('./applicant/CasePage.vue'),
        props: true,
        meta: { roles: ['applicant'], title: 'applicant.caseTitle' },
      },
      {
        path: 'guide/:kind(item|bundle)/:code',
        name: 'applicant-guide',
        component: () => import('./applicant/GuidePage.vue'),
        props: true,
        // 办事指南 are public (the map and shared links open them): in the app's frame, a sign-in link for whoever is not signed in
        meta: { public: true, title: 'applicant.guideTitle' },
      },
      {
        path: 'apply/:code',
        name: 'applicant-apply',
        component: () => import('./applicant/ApplyPage.vue'),
        props: true,
        meta: { roles: ['applicant'], title: 'applicant.applyTitle' },
      },
      {
        path: 'apply/bundle/:code',
        name: 'applicant-apply-bundle',
        component: () => import('./applicant/ApplyPage.vue'),
        props: (route) => ({ code: String(route.params.code), kind: 'bundle' }),
        meta: { roles: ['applicant'], title: 'applicant.applyPage.applyBundle' },
      },
      // 在线预约: booking a visit to a hall, one's bookings, the application prepared for it; the clerks' 今日预约
      {
        path: 'appointments/new/:kind(item|bundle)/:code',
        name: 'book-appointment',
        component: () => import('./appointments/BookingPage.vue'),
        props: true,
        meta: { roles: ['applicant'], title: 'appointments.book' },
      },
      {
        path: 'appointments',
        name: 'my-appointments',
        component: () => import('./appointments/MyBookingsPage.vue'),
        meta: { roles: ['applicant'], title: 'appointments.myBookings' },
      },
      {
        path: 'appointments/:code/prepare',
        name: 'prepare-appointment',
        component: () => import('./appointments/PreparePage.vue'),
        props: true,
        meta: { roles: ['applicant'], title: 'appointments.prepare' },
      },
      {
        path: 'appointments/today',
        name: 'today-appointments',
        component: () => import('./appointments/TodayPage.vue'),
        meta: { roles: ['clerk'], title: 'appointments.todayTitle' },
      },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('./home/NotFoundPage.vue'), meta: { title: 'app.notFound' } },
    ],
  },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach((to) => {
  if (to.meta.public) return true;
  if (!session.signedIn.value) return { name: 'login', query: to.fullPath === '/' ? {} : { next: to.fullPath } };
  if (to.name === 'home' && session.hasRole('applicant') && !session.hasRole(...STAFF_ROLES)) return { name: 'applicant-home' };
  // an applicant sent to a case's staff page (the pay page's way back of an order opened before) reads their own page of it
  if (to.name === 'lookup' && to.params.caseNo && session.hasRole('applicant') && !session.hasRole(...STAFF_ROLES))
    return { name: 'applicant-case', params: { caseNo: to.params.caseNo } };
  if (to.name === 'home' && session.hasRole(...STAFF_ROLES)) return { name: 'inbox' };
  if (to.name === 'home' && session.hasRole(...MODELING_ROLES)) return { name: 'modeling' };
  if (to.meta.roles && !session.hasRole(...to.meta.roles)) return { name: 'home' };
  return true;
});
