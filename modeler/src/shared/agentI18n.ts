/** 代办人 (帮办代办 at the window, 委托代理 online) and what a case says of it: zh-CN here, English in agentI18n.en.ts (fetched when English is chosen). */
export const agentZh = {
  name: '代办人姓名',
  idNo: '代办人身份证号码',
  phone: '代办人手机号码',
  relationship: '代办人与申请人关系',
  relationshipOptional: '与委托人关系（选填）',
  chooseRelationship: '请选择',
  self: '代办人（您本人）：{name} · {idNo}',
  // the case: staff's summary and the applicant's page
  agent: '代办人',
  line: '{name}（{relationship}）',
  contact: '身份证 {idNo} · 电话 {phone}',
  promised: '告知承诺与容缺材料',
  replacement: '告知承诺，以承诺代替材料',
  deferral: '容缺受理，后补材料',
  deferralHow: '容缺后补，{when}',
  deferralPending: '自受理之日起 {n} 个工作日内补交',
  deferralDue: '须于 {day} 前补交',
  deferralFulfilled: '已于 {day} 补交',
  signed: '{name} 签署于 {at}',
  text: '承诺书内容',
};
