/**
 * What a case is made of in the tests, as plain data (no platform needed): the item most tests
 * apply for, valid forms and an applicant. test/support/api.ts passes them on; a test that runs
 * without the lane's platform (test/cluster/) takes them from here.
 */

export const ITEM = 'SCJG-GT-001';

export const validForm = () => ({
  businessName: '张三小吃店',
  operatorName: '张三',
  operatorIdNo: '430102199003071234',
  operatorPhone: '13800138000',
  organizationForm: 'individual',
  businessScope: '小吃服务；预包装食品销售',
  premisesAddress: '长沙市芙蓉区五一大道100号',
  employees: 3,
  capitalTenThousandYuan: 5,
  openingDate: '2026-12-01',
});

/** A valid form of 食品经营许可 (SCJG-SP-002). */
export const foodForm = () => ({
  operatorName: '张三',
  operatorIdNo: '430102199003071234',
  operatorPhone: '13800138000',
  premisesAddress: '长沙市芙蓉区五一大道100号',
  premisesArea: 80,
  businessFormat: 'snack_bar',
  foodCategories: '热食类食品制售',
  foodSafetyManager: '张三',
});

export const applicant = () => ({ name: '张三', idType: 'resident_id', idNo: '430102199003071234', phone: '13800138000' });
