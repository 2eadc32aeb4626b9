import { expect } from 'chai';
import { api, applicant, foodForm, submit, uploadRequired, waitForStatus } from '../support/api.ts';
import { engineCall } from '../support/engine.ts';
import { meets, checkCondition } from '../../server/catalog/situations.ts';
import type { Question } from '../../contract/catalog/questions.ts';

describe("办理情形: answers choose an item's materials and its process branches", () => {
  it('asks for the power of attorney only of someone applying for another', async () => {
    const item = await api().get('/api/v1/items/SCJG-SP-002');
    expect(item.body.situations.map((q: Question) => q.code)).to.deep.equal(['entrusted']);
    const authorization = item.body.materials.find((m: { code: string }) => m.code === 'agent-authorization');
    expect(authorization.when).to.deep.equal({ entrusted: true });

    const self = await api()
      .post('/api/v1/bundles/KBCYD/plan')
      .send({ answers: { needsBusinessRegistration: false, premisesScale: 'small', needsSignboard: false, entrusted: false } });
    expect(self.body.materials.map((m: { code: string }) => m.code)).not.to.include('agent-authorization');
    const agent = await api()
      .post('/api/v1/bundles/KBCYD/plan')
      .send({ answers: { needsBusinessRegistration: false, premisesScale: 'small', needsSignboard: false, entrusted: true } });
    expect(agent.body.materials.find((m: { code: string }) => m.code === 'agent-authorization')).to.include({ required: true });
  });

  it('takes the answers with the case, checks the materials they call for, and gives them to the process', async () => {
    const item = await api().get('/api/v1/items/SCJG-SP-002');
    const required = item.body.materials.filter((m: { when?: object }) => !m.when);
    const materials = await uploadRequired('applicant', required);

    const unanswered = await submit('applicant', { itemCode: 'SCJG-SP-002', applicant: applicant(), form: foodForm(), materials });
    expect(unanswered.status).to.equal(422);
    expect(unanswered.body.error.details[0]).to.include({ field: 'answers.entrusted', message: '是否委托他人代为办理？：为必填项' });

    const res = await submit('applicant', { itemCode: 'SCJG-SP-002', answers: { entrusted: true }, applicant: applicant(), form: foodForm(), materials });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const waiting = await waitForStatus('applicant', res.body.caseNo, 'correction');
    expect(waiting.answers, 'the case shows the answers it was filed with').to.deep.equal({ entrusted: true });
    const correction = waiting.timeline.find((e: { type: string }) => e.type === 'acceptance.correction');
    expect(correction.detail.reasons.map((r: { 'zh-CN': string }) => r['zh-CN'])).to.deep.equal(['缺少申请材料：委托代理人授权书']);
    const variable = await engineCall<{ value: unknown; type: string }>('GET', `/process-instance/${waiting.processInstanceId}/variables/entrusted`);
    expect(variable).to.include({ value: true, type: 'Boolean' });
  });

  it('refuses answers to an item that asks none', async () => {
    const res = await submit('applicant', { itemCode: 'SCJG-GT-001', answers: { entrusted: true }, applicant: applicant(), form: {}, materials: [] });
    expect(res.status).to.equal(422);
    expect(res.body.error.details[0].message).to.equal('情形问答：本事项没有需要回答的办理情形');
  });

  it('checks conditions against the questions asked', () => {
    const questions: Question[] = [
      {
        code: 'scale',
        text: '规模',
        textEn: 'Scale',
        type: 'choice',
        options: [
          { value: 'small', label: '小', labelEn: 'small' },
          { value: 'large', label: '大', labelEn: 'large' },
        ],
      },
    ];
    expect(meets({ scale: 'large' }, { scale: 'large' })).to.equal(true);
    expect(meets({ scale: 'large' }, { scale: 'small' })).to.equal(false);
    expect(meets(null, {})).to.equal(true);
    expect(() => checkCondition('item X', { size: 'large' }, questions)).to.throw('item X depends on unknown question "size"');
    expect(() => checkCondition('item X', { scale: 'huge' }, questions)).to.throw('waits for an answer "huge"');
  });
});
