import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { testEnv, testLane } from '../../support/environment.ts';
import { DEMO_PASSWORD } from '../../../server/auth/demo-accounts.ts';
import { REPO_ROOT } from '../../../scripts/lib/engine.ts';
import { ensureWebBuilt } from '../../../scripts/build-web.ts';
import { finishSignIn, nextCode } from '../../support/second-factor.ts';
import { api } from '../../support/api.ts';
import { base32Decode, hotp, stepAt } from '../../../server/auth/totp.ts';

/**
 * Debian's chromium headless shell (scripts/setup.sh installs it; the browser itself where only it
 * is installed): playwright-core never downloads a browser. CHROMIUM_PATH chooses another.
 */
const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** Builds the front end if modeler/ changed since the last build, then starts a headless chromium. */
export async function startBrowser(): Promise<Browser> {
  await ensureWebBuilt();
  // root in a container has no user namespaces for chromium's sandbox
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export interface WatchedPage {
  page: Page;
  /** console errors and uncaught exceptions of the page: a test ends by asserting there were none */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Transitions and animations take no time in the tests' pages (TEST_ANIMATIONS=1 keeps them): a
 * click then never lands on a list that is still closing, and the browser draws each change once
 * instead of for every frame of a fade or of a loading spinner.
 */
const STILL_PAGE = `document.addEventListener('DOMContentLoaded', () => {
  const style = document.createElement('style');
  style.textContent = '*, *::before, *::after { transition-duration: 0s !important; transition-delay: 0s !important; animation-duration: 0s !important; animation-delay: 0s !important; }';
  document.head.appendChild(style);
});`;

/** A page in a fresh context (its own sessionStorage and localStorage), watched for errors. */
export async function openPage(browser: Browser, viewport = DESKTOP): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, baseURL: testEnv().url, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  if (!process.env.TEST_ANIMATIONS) await context.addInitScript({ content: STILL_PAGE });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  // TEST_PAGE_STACKS=1: a page error with its stack (which module of which chunk)
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}${process.env.TEST_PAGE_STACKS ? ` ${err.stack}` : ''}`));
  return { page, errors, close: () => context.close() };
}

export function expectNoErrors(watched: WatchedPage): void {
  expect(watched.errors, 'console errors or uncaught exceptions in the page').to.deep.equal([]);
}

/**
 * What a tab opened on a PDF received: a browser with a PDF viewer shows it at its blob: URL; the
 * headless shell (no viewer) hands it over as a download, whose first bytes are returned.
 */
export async function openedPdf(tab: Page): Promise<{ shownAt: string } | { downloaded: Buffer }> {
  return Promise.race([
    tab.waitForEvent('download').then(async (download) => ({ downloaded: readFileSync(await download.path()) })),
    // the headless shell aborts the navigation it turns into a download: keep waiting for that
    tab.waitForURL(/^blob:/).then(
      () => ({ shownAt: tab.url() }),
      () => new Promise<never>(() => undefined),
    ),
  ]);
}

/** Saves a full-page screenshot as test-artifacts/<lane>/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = join(REPO_ROOT, 'test-artifacts', testLane(), 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

// page.evaluate callbacks run in the browser. The tests compile without the DOM library (it would
// change the Node typings of the whole program), so the few page globals read here are declared
// for this module only.
interface PageElement {
  id: string;
  tagName: string;
  scrollWidth: number;
  closest(selector: string): PageElement | null;
  getAttribute(name: string): string | null;
}
declare const document: {
  activeElement: PageElement | null;
  documentElement: PageElement & { lang: string; classList: { contains(name: string): boolean } };
  body: PageElement;
};
declare const window: { innerWidth: number } & Record<string, unknown>;
declare function getComputedStyle(element: PageElement): { outlineStyle: string; outlineWidth: string; fontSize: string };

/** How many pixels the page is wider than its viewport (0: no horizontal scroll). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth);
}

/** Leaves a mark in the page's memory; a reload or a navigation to another document loses it. */
export async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => void (window.stillTheSamePage = true));
}
export const stillMarked = (page: Page) => page.evaluate(() => window.stillTheSamePage === true);

/** What has the keyboard focus, and whether its focus ring shows. */
export async function focused(page: Page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    const style = e ? getComputedStyle(e) : null;
    return {
      id: e?.id ?? null,
      tag: e?.tagName ?? null,
      dataTest: e?.getAttribute('data-test') ?? null,
      caseNo: e?.closest('li[data-case-no]')?.getAttribute('data-case-no') ?? null,
      outline: style ? { style: style.outlineStyle, width: parseFloat(style.outlineWidth) } : null,
    };
  });
}

/** The document's language, whether large text is on, and the root font size. */
export async function documentState(page: Page) {
  return page.evaluate(() => ({
    lang: document.documentElement.lang,
    largeText: document.documentElement.classList.contains('large-text'),
    fontSize: getComputedStyle(document.documentElement).fontSize,
  }));
}

/** Whether an <img> has loaded a picture. */
export const imageShown = (img: Locator) =>
  img.evaluate((e) => {
    const image = e as unknown as { complete: boolean; naturalWidth: number };
    return image.complete && image.naturalWidth > 0;
  });

/**
 * Signs in through the login form, as a person would, and waits for the page the role lands on
 * (the inbox for staff; `ready` names what shows once that page has loaded): the load-times test
 * times it. The sign-in tests (sign-in-security, second-factor, oidc-sign-in, the keyboard journey
 * of reviewer-inbox) take the form's steps themselves; the other tests start signed in (signIn).
 */
export async function signInThroughForm(
  page: Page,
  username: string,
  landing = '/inbox',
  ready: string | null = '[data-test=task-list], .el-empty',
): Promise<void> {
  await page.goto('/login');
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登录|Sign in/ }).click();
  await secondStep(page, username, landing);
  await page.waitForURL(`**${landing}`);
  if (ready) await page.locator(ready).first().waitFor();
}

/** A browser session of a demo account: its token and user, as the login page keeps them. */
type BrowserSession = { token: string; user: unknown };
const browserSessions = new Map<string, Promise<BrowserSession>>();

async function newBrowserSession(username: string): Promise<BrowserSession> {
  const login = await api().post('/api/v1/auth/login').send({ username, password: DEMO_PASSWORD });
  expect(login.status, `login ${username}: ${JSON.stringify(login.body)}`).to.equal(200);
  const res = await finishSignIn(api, username, login);
  return { token: res.body.token as string, user: res.body.user as unknown };
}

/**
 * One browser session per account for the whole run, signed in through the API as the login page
 * does (with the second factor where the account has one), kept while the server still takes it:
 * a test that signed out, changed the password or had the account ended gets a new one. The API
 * helpers' tokens (support/api.ts) are other sessions: a browser that signs out leaves them alone.
 */
async function browserSession(username: string): Promise<BrowserSession> {
  const kept = await browserSessions.get(username)?.catch(() => null);
  if (kept) {
    const me = await api().get('/api/v1/auth/me').set('Authorization', `Bearer ${kept.token}`);
    if (me.status === 200) return kept;
  }
  const fresh = newBrowserSession(username);
  browserSessions.set(username, fresh);
  fresh.catch(() => browserSessions.delete(username));
  return fresh;
}

let sessionsHandedOut = 0;

/**
 * Opens the page the role lands on already signed in as `username` (a session of the account kept
 * for the run: browserSession), and waits for `ready` there. What a signed-in page then does is the
 * same as after the login form; the form itself is tested by the tests that use signInThroughForm.
 * Each call outranks the ones before it on the page; signing out stays signed out.
 */
export async function signIn(page: Page, username: string, landing = '/inbox', ready: string | null = '[data-test=task-list], .el-empty'): Promise<void> {
  const { token, user } = await browserSession(username);
  const handed = ++sessionsHandedOut;
  // before the app's scripts, on the next document load only: the tab's sessionStorage, as the login page fills it
  await page.addInitScript(
    ({ token, user, handed }) => {
      type Storage = { getItem(k: string): string | null; setItem(k: string, v: string): void };
      let storage: Storage | null = null;
      try {
        storage = (globalThis as unknown as { sessionStorage: Storage | null }).sessionStorage;
      } catch {
        // a frame of an opaque origin (a blob: PDF, about:blank) has none, or may not touch it
      }
      if (!storage || Number(storage.getItem('approval.test-session') ?? 0) >= handed) return;
      storage.setItem('approval.test-session', String(handed));
      storage.setItem('approval.token', token);
      storage.setItem('approval.user', user);
    },
    { token, user: JSON.stringify(user), handed },
  );
  // the home page sends each role where it lands after the login form
  await page.goto('/');
  await page.waitForURL(`**${landing}`);
  if (ready) await page.locator(ready).first().waitFor();
}

/**
 * After the password: the second factor's step where the person has one (administrators, analysts,
 * the leaders the demo seals name: the code of their own secret, as the phone shows it), or the
 * enrolment where their role requires one and there is none yet (the secret read off the page, as
 * an app would from the QR code); nothing when the sign-in went straight to `landing`.
 */
export async function secondStep(page: Page, username: string, landing: string): Promise<void> {
  const landed = page.waitForURL(`**${landing}`).then(() => 'landed' as const);
  const asked = page
    .locator('#login-code, [data-test=enrolment]')
    .first()
    .waitFor()
    .then(() => 'asked' as const);
  const first = await Promise.race([landed.catch(() => 'landed' as const), asked.catch(() => 'landed' as const)]);
  void landed.catch(() => undefined);
  void asked.catch(() => undefined);
  if (first === 'landed') return;
  if (await page.locator('#login-code').isVisible()) {
    await page.locator('#login-code').fill(await nextCode(username));
    await page.locator('[data-test=second-factor-submit]').click();
    return;
  }
  const secret = (await page.locator('[data-test=totp-secret]').getAttribute('data-secret'))!;
  await page.locator('#login-enrol-code').fill(hotp(base32Decode(secret)!, stepAt(Date.now())));
  await page.locator('[data-test=enrol-confirm]').click();
  await page.locator('[data-test=codes-saved]').click();
}

/**
 * One chromium for a describe block: `open()` gives a watched page; after each test its pages are
 * closed and must have logged no console error and thrown no page error.
 */
export function browserSuite(): { open: (viewport?: typeof DESKTOP) => Promise<WatchedPage> } {
  let browser: Browser;
  let opened: WatchedPage[] = [];
  before(async function () {
    this.timeout(300_000); // a first build of the front end
    browser = await startBrowser();
  });
  after(async () => browser?.close());
  afterEach(async () => {
    const pages = opened;
    opened = [];
    for (const p of pages) await p.close();
    for (const p of pages) expectNoErrors(p);
  });
  return {
    open: async (viewport = DESKTOP) => {
      const watched = await openPage(browser, viewport);
      opened.push(watched);
      return watched;
    },
  };
}

export const taskCard = (page: Page, caseNo: string) => page.locator(`li[data-case-no="${caseNo}"]`);

/**
 * Opens the inbox as a link would: `/inbox?caseNo=…` (the one case: other tests' tasks may fill the
 * first 20 of the most urgent) or `{ sort: 'newest' }` (a task arriving live comes first); waits
 * for the list, or its empty state, to show.
 */
export async function openInbox(page: Page, query: Record<string, string> = {}): Promise<void> {
  const qs = new URLSearchParams(query).toString();
  await page.goto(qs ? `/inbox?${qs}` : '/inbox');
  await page.locator('[data-test=task-list], .el-empty').first().waitFor();
}
