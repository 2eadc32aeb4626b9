import type { Locale } from '../../contract/locale.ts';
import { DEPARTMENTS } from '../organization/index.ts';
import type { ElementTemplate } from './element-templates.ts';

/**
 * The element templates in English for an analyst working in English: every name, description,
 * label, choice and constraint message the template chooser and the properties panel show. The
 * templates are written in Chinese (contract/bpmn/templates, element-templates.ts); this is their
 * English, by the Chinese text, with the departments' English names for the generated ones. What
 * a template writes into the process (an element's default name, topics, groups, expressions)
 * stays as it is: the process is the same in either language.
 */
const FIXED: Record<string, string> = {
  // the machine steps
  受理: 'Acceptance',
  '检查表单与申请材料，作出受理、补正或转窗口人工受理的决定；流程按变量 acceptanceDecision 分支':
    'Checks the form and the materials and decides: accepted, correction, or review by a window clerk; the process branches on the variable acceptanceDecision',
  会签分派: 'Assign reviewers',
  '按会签环节所在组的在岗人员确定会签人员（变量 <step>Reviewers、<step>ReviewerCount）':
    "Names the reviewers of a review step from its group's active members (variables <step>Reviewers, <step>ReviewerCount)",
  会签汇总: 'Tally reviews',
  '汇总会签环节的审批意见，结果写入 <step>Result 并记入办件时间轴': "Sums up a review step's opinions into <step>Result and the case's timeline",
  '会签环节（人工环节的标识）': 'Review step (the id of the user task)',
  '多实例人工环节的 id，如 site_inspection；办理人写入 <step>Reviewers':
    'The id of the multi-instance user task, e.g. site_inspection; its reviewers go to <step>Reviewers',
  '只能使用字母、数字和下划线': 'Letters, digits and underscores only',
  会签人员所在组: "Reviewers' group",
  '部门:角色，如 ${departmentCode}:reviewer（承办部门的审核员）或 samr:reviewer':
    "department:role, e.g. ${departmentCode}:reviewer (the handling department's reviewers) or samr:reviewer",
  '格式为 部门:角色': 'Format: department:role',
  会签规则: 'Review rule',
  '会签（全体同意，一人不同意即结束）': 'Countersign (all must approve; the first rejection ends it)',
  '或签（一人同意即可）': 'Any one (one approval is enough)',
  依次审批: 'Sequential',
  '依次审批（按顺序逐人审批，一人不同意即结束）': 'Sequential (one after the other; the first rejection ends it)',
  送达: 'Delivery',
  '按申请人选择的方式物流寄送、窗口领取或电子送达；设置 deliveryMethod，非电子送达时流程等待 ResultDelivered 消息':
    'Ships the results, offers them for pickup or serves them electronically, as the applicant chose; sets deliveryMethod, and unless electronic the process waits for the ResultDelivered message',
  联办结论: 'Joint decision',
  '一件事各事项办结后，汇总各事项结果作出联办结论': "After a bundle's items are decided, takes the bundle's joint decision from their results",
  告知: 'Notice',
  向申请人发出告知书并设置办件状态: 'Sends a notice to the applicant and sets the case status',
  告知书: 'Notice',
  '办结通知书（准予）': 'Decision notice (approved)',
  '办结通知书（不予）': 'Decision notice (refused)',
  '终止办理告知书（补正逾期）': 'Termination notice (correction overdue)',
  '终止办理告知书（容缺材料逾期未补齐）': 'Termination notice (tolerated materials not handed in)',
  '终止办理告知书（逾期未缴费）': 'Termination notice (fee not paid in time)',
  送达告知: 'Delivery notice',
  缴费到期对账: 'Payment expiry check',
  '订单到期时向支付平台查询（对账）：到期前已付款（通知丢失或迟到）时设置 paidInTime 为 true，流程继续出件；否则关闭订单，此后到账的款项原路退回':
    'At the order’s expiry asks the payment gateway: paid in time (the notification lost or late) sets paidInTime to true and the results go on; otherwise the order is closed and later payments are refunded',
  统一支付: 'Unified payment',
  '计算办件（一件事一次）的费用并在支付平台开单；需缴费时设置 paymentRequired 与 paymentExpiresAt，流程等待 PaymentReceived 消息':
    "Computes the case's fees (a bundle's at once) and opens one order at the payment gateway; when a fee is due sets paymentRequired and paymentExpiresAt, and the process waits for the PaymentReceived message",
  电子印章: 'E-seal',
  '将决定书（及电子证照）生成 PDF 并加盖电子印章、签名，证照入库':
    'Renders the decision (and e-licences) as PDF, seals and signs them, and issues the e-licences',
  秒批: 'Instant approval',
  '即报即批：按事项的秒批设置向人口库、法人库核验申请数据，由已部署的决策表判定；设置 instantOutcome（approve 准予直接出件，review 转人工审核）':
    "Instant approval: verifies the application against the population and legal-person registries as the item's settings say, and its deployed decision table decides; sets instantOutcome (approve: the results follow at once; review: a reviewer decides)",
  给付: 'Benefit payout',
  '给付事项准予后，经统一支付平台代发（转账）到申请人账户，按办件只发一次':
    "Once a benefit is approved, pays it to the applicant's account through the unified payment platform's transfer, once per case",
  名称: 'Name',
  // the sub-processes
  '受理（受理子流程）': 'Acceptance (sub-process)',
  '调用平台受理子流程：受理、容缺受理、补正（一次告知）或窗口人工受理；决定（acceptanceDecision）和容缺标记（deficient）带回本流程':
    "Calls the platform's acceptance: accepted, accepted with tolerated missing materials, correction (told once) or review by a window clerk; the decision (acceptanceDecision) and the tolerance flag (deficient) come back",
  '出件（缴费、签章、送达）': 'Results (payment, seal, delivery)',
  '调用平台出件子流程：统一支付（有收费时）、电子印章签发决定书和证照、送达（邮寄、窗口领取或电子送达）':
    "Calls the platform's results: unified payment (when a fee is due), the e-seal on the decision and licences, delivery (post, pickup at the window or electronic)",
  // the flow conditions
  '条件：已受理': 'Condition: accepted',
  '条件：准予': 'Condition: approved',
  '条件：不予': 'Condition: refused',
  '条件：容缺待补齐': 'Condition: tolerated materials outstanding',
  '条件：一件事内办理': 'Condition: handled within a bundle',
  // user tasks and 多人审批
  承办部门审核: 'Handling department review',
  承办部门签发: 'Handling department decision',
  '由办件的承办部门（流程变量 departmentCode）的审核员办理': "Handled by the reviewers of the case's department (process variable departmentCode)",
  '由办件的承办部门（流程变量 departmentCode）的负责人办理': "Handled by the leaders of the case's department (process variable departmentCode)",
  窗口人工受理: 'Window review',
  由政务服务中心窗口人员办理: "Handled by the service centre's window clerks",
  承办部门审核员: "The handling department's reviewers",
  承办部门负责人: "The handling department's leaders",
  '多人审批（会签/或签/依次）': 'Review by several people (countersign / any one / sequential)',
  '由一组人员按审批规则共同审批：会签、或签或依次审批；自动生成会签分派、多实例审批和会签汇总，无需填写表达式':
    'A group reviews under a rule: countersign, any one, or sequential; the assignment, the multi-instance review and the tally are written for you, with no expression to type',
  审批规则: 'Review rule',
  '更改后，会签分派、多实例设置和会签汇总随之更新': 'Changing it updates the assignment, the multi-instance settings and the tally',
  审批人员: 'Reviewers',
  '该组在办件所在地区的在岗人员，按加入先后排序（依次审批按此顺序）':
    "The group's active members in the case's region, in the order they joined (the order of a sequential review)",
  // the item form choice of user tasks (server/modeler/form-templates.ts)
  关联事项表单: "Item's form",
  '办理时以只读方式显示该表单（Camunda Forms，camunda:formRef，取最新版本）':
    'Shown read-only on the task (Camunda Forms, camunda:formRef, the latest version)',
  '不关联（显示办件所属事项的表单）': "None (the case's own item form)",
};

/** The generated texts that name a department. */
function departmentTexts(): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const d of DEPARTMENTS) {
    texts[`${d.nameZh}审核`] = `${d.nameEn} review`;
    texts[`${d.nameZh}签发`] = `${d.nameEn} decision`;
    texts[`由${d.nameZh}的审核员办理（${d.code}:reviewer）`] = `Handled by the reviewers of ${d.nameEn} (${d.code}:reviewer)`;
    texts[`由${d.nameZh}的负责人办理（${d.code}:leader）`] = `Handled by the leaders of ${d.nameEn} (${d.code}:leader)`;
    texts[`${d.nameZh}审核员`] = `${d.nameEn}: reviewers`;
    texts[`${d.nameZh}负责人`] = `${d.nameEn}: leaders`;
  }
  return texts;
}

const FLOW_DESCRIPTION = /^顺序流在 (.+) 时通过$/;

/** One text in English: from the tables, a flow condition's description by its expression; else as it is. */
function english(text: string, table: Record<string, string>): string {
  const flow = FLOW_DESCRIPTION.exec(text);
  if (flow) return `The flow is taken when ${flow[1]}`;
  return table[text] ?? text;
}

type Property = Record<string, unknown> & {
  label?: string;
  description?: string;
  choices?: { name: string; value: string }[];
  constraints?: { pattern?: { value: string; message?: string } | string };
};

/** The templates in the caller's language (Chinese as they are). */
export function templatesIn(templates: ElementTemplate[], locale: Locale): ElementTemplate[] {
  if (locale !== 'en') return templates;
  const table = { ...FIXED, ...departmentTexts() };
  const en = (text: string) => english(text, table);
  return templates.map((t) => ({
    ...t,
    name: en(t.name),
    ...(t.description ? { description: en(t.description) } : {}),
    properties: (t.properties as Property[]).map((p) => {
      const pattern = p.constraints?.pattern;
      return {
        ...p,
        ...(p.label ? { label: en(p.label) } : {}),
        ...(p.description ? { description: en(p.description) } : {}),
        ...(p.choices ? { choices: p.choices.map((c) => ({ ...c, name: en(c.name) })) } : {}),
        ...(pattern && typeof pattern === 'object' && pattern.message
          ? { constraints: { ...p.constraints, pattern: { ...pattern, message: en(pattern.message) } } }
          : {}),
      };
    }),
  }));
}
