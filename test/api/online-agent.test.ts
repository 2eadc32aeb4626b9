import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, getCase, ITEM, submit, uploadOk, validForm, waitForStatus } from '../support/api.ts';
import { samplePdf } from '../support/files.ts';
import { AGENT_ID_MASKED, agentApplicant } from '../support/agent.ts';
import { Case } from '../../server/cases/case.model.ts';
import { Commitment } from '../../server/cases/commitment.model.ts';

describe('委托代理 online: a signed-in person applies for someone else', () => {
  let agentUser: string;
  before(async () => {
    agentUser = await agentApplicant();
  });

  it('records the signed-in person as the agent, whatever the page sent for them, and the person applied for follows the case', async () => {
    const materials = await completeMaterials(agentUser);
    const res = await submit(agentUser, {
      itemCode: ITEM,
      channel: 'web',
      applicant: applicant(),
      // the page sends the agent's own number masked, and no name of its own making counts
      agent: { name: '王五', idNo: AGENT_ID_MASKED, phone: '13700137001' },
      form: validForm(),
      materials,
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const view = await getCase(agentUser, res.body.caseNo);
    expect(view.body).to.include({ channel: 'web' });
    expect(view.body.applicant.name).to.equal('张三');
    expect(view.body.agent).to.deep.equal({ name: '李四', idNo: AGENT_ID_MASKED, phone: '137****7001', relationship: null, relationshipLabel: null });
    expect(view.body.timeline[0].detail.agent).to.equal('李四');
    // 张三, whose ID number the case carries, sees it from his own account
    expect((await getCase('applicant', res.body.caseNo)).status).to.equal(200);
  });

  it('asks an agent for the authorisation (授权委托书) whatever the situations say: missing, it is in the one correction notice; handed in, the case is accepted', async () => {
    const agent = { name: '李四', idNo: AGENT_ID_MASKED, phone: '13700137001' };
    const without = await submit(agentUser, {
      itemCode: ITEM,
      channel: 'web',
      applicant: applicant(),
      agent,
      form: validForm(),
      materials: await completeMaterials(agentUser),
    });
    expect(without.status, JSON.stringify(without.body)).to.equal(201);
    const waiting = await waitForStatus(agentUser, without.body.caseNo, 'correction');
    const notice = (waiting.timeline as { type: string; detail: { notice: { text: string } } }[]).find((e) => e.type === 'acceptance.correction')!;
    expect(notice.detail.notice.text).to.contain('缺少申请材料：委托代理人授权书');

    const authorisation = { code: 'agent-authorization', attachmentId: await uploadOk(agentUser, '授权委托书.pdf', samplePdf('授权委托书')) };
    const withIt = await submit(agentUser, {
      itemCode: ITEM,
      channel: 'web',
      applicant: applicant(),
      agent,
      form: validForm(),
      materials: [...(await completeMaterials(agentUser)), authorisation],
    });
    expect(withIt.status, JSON.stringify(withIt.body)).to.equal(201);
    await waitForStatus(agentUser, withIt.body.caseNo, 'accepted');
    // the same applicant applying himself is not asked for it
    const own = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    await waitForStatus('applicant', own.body.caseNo, 'accepted');
  });

  it('plans a bundle for an agent with the authorisation required, though the answers say nobody is entrusted', async () => {
    const answers = { needsBusinessRegistration: false, premisesScale: 'small', needsSignboard: false, entrusted: false };
    const plan = async (byAgent?: boolean) => {
      const res = await api()
        .post('/api/v1/bundles/KBCYD/plan')
        .send({ answers, ...(byAgent === undefined ? {} : { byAgent }) });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      return (res.body.materials as { code: string; required: boolean }[]).find((m) => m.code === 'agent-authorization');
    };
    expect(await plan(true)).to.include({ required: true });
    expect((await plan())?.required ?? false).to.equal(false);
    const bad = await api().post('/api/v1/bundles/KBCYD/plan').send({ answers, byAgent: 'yes' });
    expect(bad.status).to.equal(422);
    expect(bad.body.error.details[0].field).to.equal('byAgent');
  });

  it("refuses the agent as their own applicant, and never lets them use the applicant's earlier files or e-licenses; nothing is written", async () => {
    // 张三's own earlier case, with files he uploaded
    const hisFiles = await completeMaterials('applicant');
    const his = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: hisFiles });
    expect(his.status, JSON.stringify(his.body)).to.equal(201);
    const mine = await completeMaterials(agentUser);
    const agent = { name: '李四', idNo: AGENT_ID_MASKED, phone: '13700137001' };
    const before = [await Case.count(), await Commitment.count()];

    const self = await submit(agentUser, {
      itemCode: ITEM,
      applicant: { name: '李四', idType: 'resident_id', idNo: AGENT_ID_MASKED, phone: '13912340017' },
      agent,
      form: validForm(),
      materials: mine,
    });
    expect(self.status).to.equal(422);
    expect(self.body.error.details[0]).to.include({ field: 'applicant.idNo', message: '申请人：代他人申请时，申请人应为委托人，不能是您本人' });

    const reused = await submit(agentUser, {
      itemCode: ITEM,
      applicant: applicant(),
      agent,
      form: validForm(),
      materials: [...mine.filter((m) => m.code !== 'premises-proof'), hisFiles.find((m) => m.code === 'premises-proof')!],
    });
    expect(reused.status).to.equal(422);
    expect(reused.body.error.details[0].message).to.equal('经营场所使用证明：附件不存在或不是由您上传的');

    const licensed = await submit(agentUser, {
      itemCode: ITEM,
      applicant: applicant(),
      agent,
      form: validForm(),
      materials: [...mine.filter((m) => m.code !== 'operator-id'), { code: 'operator-id', eLicenseNumber: applicant().idNo }],
    });
    expect(licensed.status).to.equal(422);
    expect(licensed.body.error.details[0].message).to.equal('经营者身份证明：电子证照只能由持证人本人调用，代他人申请请上传材料');

    const forCompany = await submit(agentUser, {
      itemCode: ITEM,
      applicant: { name: '长沙某某餐饮有限公司', idType: 'credit_code', idNo: '91350100M000100Y43', phone: '13800138000' },
      agent,
      form: validForm(),
      materials: mine,
    });
    expect(forCompany.status).to.equal(422);
    expect(forCompany.body.error.details[0].field).to.equal('applicant.idType');
    expect([await Case.count(), await Commitment.count()]).to.deep.equal(before);

    // the applicant's prefill stays his own: the agent asking for his gets a refusal
    const peek = await api()
      .post('/api/v1/prefill')
      .send({ itemCode: ITEM, idNo: applicant().idNo })
      .set(await auth(agentUser));
    expect(peek.status).to.equal(422);
  });
});
