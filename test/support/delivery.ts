import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, decide, ITEM, submit, tokenOf, validForm } from './api.ts';
import { testEnv } from './environment.ts';
import { GatewayCallback } from '../../server/gateways/gateway-callback.model.ts';
import { User } from '../../server/auth/user.model.ts';
import { eventually } from './eventually.ts';

export { eventually };
import { hashPassword } from '../../server/auth/passwords.ts';
import { DEMO_PASSWORD } from '../../server/auth/demo-accounts.ts';

export const CALLBACK_PATH = '/api/v1/gateways/logistics/callback';
export const callbackUrl = () => `${testEnv().url}${CALLBACK_PATH}`;

export const recipient = () => ({ name: '李四', phone: '13912345678', address: '湖南省长沙市岳麓区麓山南路932号' });

export async function chooseDelivery(username: string, caseNo: string, body: unknown) {
  return api()
    .put(`/api/v1/cases/${caseNo}/delivery`)
    .set(await auth(username))
    .send(body as object);
}

export async function deliveryOf(username: string, caseNo: string, language?: string) {
  const res = await api()
    .get(`/api/v1/cases/${caseNo}/delivery`)
    .set(await auth(username))
    .set(language ? { 'Accept-Language': language } : {});
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body;
}

/** 窗口领取 by a clerk: the code and the ID of the person collecting (the demo applicant's unless given). */
export async function handOver(username: string, caseNo: string, pickupCode: string, idNo = applicant().idNo) {
  return api()
    .post(`/api/v1/cases/${caseNo}/delivery/handover`)
    .set(await auth(username))
    .send({ pickupCode, idNo });
}

/** A case of the demo item submitted by the applicant (with a delivery choice, if given), then approved. */
export async function approvedCase(choice?: object): Promise<string> {
  const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  const caseNo = res.body.caseNo as string;
  if (choice) {
    const chosen = await chooseDelivery('applicant', caseNo, choice);
    expect(chosen.status, JSON.stringify(chosen.body)).to.equal(200);
  }
  await decide('reviewer', caseNo, 'review', 'approve');
  await decide('leader', caseNo, 'decision', 'approve');
  return caseNo;
}

/** Waits until the sandbox carrier has delivered every callback it owes for the waybill (each copy answered). */
export async function callbacksSettled(waybillNo: string) {
  return eventually(`callbacks of ${waybillNo}`, async () => {
    const waybill = testEnv().carrier.control.waybill(waybillNo);
    return waybill.events.every((e) => e.callback.pendingCopies === 0) && waybill;
  });
}

export const callbacksAbout = (subject: string) => GatewayCallback.findAll({ where: { gateway: 'logistics', subject }, order: [['id', 'ASC']] });

/** Another applicant, with an account of their own. */
export async function otherApplicant(): Promise<string> {
  const username = 'applicant-wangwu';
  if (!(await User.findOne({ where: { username } }))) {
    await User.create({
      username,
      displayName: '王五',
      roles: ['applicant'],
      departmentCode: null,
      idNo: '110105194912310029',
      phone: '13700137000',
      passwordHash: await hashPassword(DEMO_PASSWORD),
    });
  }
  await tokenOf(username);
  return username;
}
