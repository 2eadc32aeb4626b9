/** Item forms (Camunda Forms via form-js): the task view's form and the analysts' form editor. zh-CN here, English in i18n.en.ts (fetched when English is chosen). */
export const formsZh = {
  viewerNote: '以下为办件申请表（只读）；本环节无权查看的字段不显示。',
  linkedNote: '本环节关联的表单：{id}',
  loadFailed: '表单加载失败',
  empty: '本环节没有可查看的表单字段',
  listTitle: '事项表单',
  listNote: '以 Camunda Forms（form-js）编辑各事项的申请表；保存后生成事项新版本，并部署供流程中的人工任务关联。',
  edit: '编辑表单',
  editorTitle: '事项表单编辑',
  editorHelp:
    '拖入或选中左侧组件后按回车添加字段。每个字段须有中文标签和英文标题（在“自定义属性”中添加键 x-title-en）；证件号、手机号等格式可用自定义属性 format（cn-id-card、cn-mobile、cn-credit-code）；住址等个人信息字段加自定义属性 x-personal（address、phone、id-number），各处显示时打码、存储时加密。',
  version: '当前版本 {version}',
  sourceEditor: '已编辑的表单',
  sourceGenerated: '由申请表结构生成',
  save: '保存并部署',
  saving: '正在保存…',
  saved: '已保存为第 {version} 版，并已部署为表单 {formId}',
  unchanged: '表单无变化，仍为第 {version} 版',
  problems: '保存未通过，请修改以下问题：',
  back: '返回流程建模',
  notFound: '事项不存在',
};
