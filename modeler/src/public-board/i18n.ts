/** 好差评 结果全公开 (/ratings-board): zh-CN here, English in i18n.en.ts (fetched when English is chosen). */
export const ratingsBoardZh = {
  title: '好差评结果公开',
  intro: '近一年各部门的办件评价：好评率、差评及其整改情况，每五分钟更新。只公开统计数字，不含任何办件或个人信息。',
  period: '统计期间：{from} 至 {to}',
  total: '全市：{ratings} 条评价，好评率 {satisfaction}，差评 {bad} 条，整改率 {rectification}',
  caption: '各部门评价排名（按好评率）',
  rank: '排名',
  department: '部门',
  ratings: '评价数',
  satisfaction: '好评率',
  bad: '差评数',
  rectification: '差评整改率',
  onTime: '按期整改',
  none: '统计期间内暂无评价',
  noFigure: '—',
  failed: '评价结果暂时无法读取，请稍后再试',
  fromTrack: '好差评结果公开',
};
