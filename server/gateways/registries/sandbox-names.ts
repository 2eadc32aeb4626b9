/**
 * What the sandbox registries' generated records are made of: Changsha's counties with streets for
 * addresses, surnames and given names, trade names and industries. Synthetic: no real person or
 * company; the combinations only look real.
 */

export interface County {
  code: string;
  name: string;
  streets: readonly string[];
}

export const COUNTIES: readonly County[] = [
  { code: '430102', name: '芙蓉区', streets: ['五一大道', '韭菜园路', '人民中路', '八一路'] },
  { code: '430103', name: '天心区', streets: ['书院路', '坡子街', '劳动西路', '芙蓉南路'] },
  { code: '430104', name: '岳麓区', streets: ['麓山南路', '桐梓坡路', '枫林三路', '金星中路'] },
  { code: '430105', name: '开福区', streets: ['湘江中路', '芙蓉北路', '三一大道', '北辰路'] },
  { code: '430111', name: '雨花区', streets: ['韶山中路', '劳动东路', '万家丽中路', '圭白路'] },
  { code: '430112', name: '望城区', streets: ['雷锋大道', '郭亮中路', '旺旺路'] },
  { code: '430121', name: '长沙县', streets: ['星沙大道', '开元东路', '东八线'] },
];

/** The county's name (the city's for a city-level code such as 430100). */
export const countyName = (code: string) => COUNTIES.find((c) => c.code === code)?.name ?? '';

export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '胡',
  '朱',
  '郭',
  '何',
  '罗',
  '高',
  '林',
  '彭',
  '谭',
  '曾',
  '邓',
  '蒋',
];
export const MALE_GIVEN = [
  '伟',
  '强',
  '军',
  '磊',
  '洋',
  '勇',
  '杰',
  '涛',
  '明',
  '超',
  '华',
  '建国',
  '国庆',
  '志刚',
  '文',
  '斌',
  '浩然',
  '宇',
  '鹏',
  '俊',
  '德明',
  '长青',
];
export const FEMALE_GIVEN = [
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '艳',
  '娟',
  '霞',
  '秀英',
  '桂英',
  '玲',
  '婷',
  '雪',
  '慧',
  '琳',
  '颖',
  '洁',
  '萍',
  '红梅',
  '淑华',
  '秀兰',
];

export const TRADE_NAMES = [
  '湘韵',
  '麓山',
  '星城',
  '橘洲',
  '福瑞',
  '鑫源',
  '同心',
  '嘉禾',
  '恒信',
  '天成',
  '明德',
  '楚天',
  '华盛',
  '金穗',
  '润泽',
  '雅和',
  '百味',
  '和顺',
];

/** An industry: what a name says, and the business scope registered with it. */
export interface Industry {
  word: string;
  scope: string;
}

export const INDUSTRIES: readonly Industry[] = [
  { word: '餐饮管理', scope: '餐饮服务；食品销售；餐饮管理' },
  { word: '商贸', scope: '日用百货、五金交电、服装鞋帽的销售' },
  { word: '科技', scope: '软件开发；信息技术咨询服务；计算机系统集成' },
  { word: '建材', scope: '建筑材料、装饰材料的销售' },
  { word: '物流', scope: '普通货物道路运输；仓储服务（不含危险化学品）' },
  { word: '文化传媒', scope: '文化活动策划；广告设计、制作、代理、发布' },
  { word: '食品', scope: '食品生产；食品销售；农副产品收购' },
  { word: '家政服务', scope: '家政服务；养老服务；保洁服务' },
  { word: '教育咨询', scope: '教育咨询服务（不含涉许可审批的教育培训活动）' },
  { word: '医药', scope: '药品零售；医疗器械销售' },
];

/** What an individual business (个体工商户) is named for, with its scope. */
export const SHOPS: readonly Industry[] = [
  { word: '小吃店', scope: '小餐饮；食品销售' },
  { word: '粉店', scope: '小餐饮' },
  { word: '便利店', scope: '预包装食品、日用百货零售' },
  { word: '理发店', scope: '理发服务' },
  { word: '五金店', scope: '五金产品零售' },
];

export const CROPS = ['蔬菜', '水稻', '茶叶', '生猪', '油茶'];
