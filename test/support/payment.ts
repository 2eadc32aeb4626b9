import { expect } from 'chai';
import { api, applicant, decide, submit, uploadRequired } from './api.ts';

export const SIGNBOARD = 'CSGL-ZP-001';

/** The form of a 户外招牌 (outdoor signboard) application, an item that charges a fee. */
export const signboardForm = () => ({
  businessName: '张三小吃店',
  operatorName: '张三',
  operatorPhone: '13800138000',
  premisesAddress: '长沙市岳麓区麓山路100号',
  signboardText: '张三小吃',
  signboardWidthM: 4,
  signboardHeightM: 0.8,
  signboardMountType: 'flat_wall',
  signboardIlluminated: false,
});

/** A 户外招牌 case (it charges a fee) submitted, reviewed and approved by 城市管理局. */
export async function approvedSignboardCase(): Promise<string> {
  const item = await api().get(`/api/v1/items/${SIGNBOARD}`);
  const materials = await uploadRequired('applicant', item.body.materials);
  const res = await submit('applicant', { itemCode: SIGNBOARD, applicant: applicant(), form: signboardForm(), materials });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  const caseNo = res.body.caseNo as string;
  await decide('reviewer3', caseNo, 'review', 'approve');
  await decide('leader3', caseNo, 'decision', 'approve');
  return caseNo;
}
