import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { api, applicant, auth, foodForm, getCase, submit, uploadOk, uploadRequired, waitForStatus } from '../support/api.ts';
import { samplePdf } from '../support/files.ts';
import { AGENT_ID, AGENT_ID_MASKED, agentApplicant } from '../support/agent.ts';
import { signboardForm } from '../support/payment.ts';
import { Case } from '../../server/cases/case.model.ts';
import { Commitment } from '../../server/cases/commitment.model.ts';

const FOOD = 'SCJG-SP-002';
/** 李四, who came to the window for 张三 (his own valid ID number) */
const AGENT = { name: '李四', idNo: AGENT_ID, phone: '13912340017', relationship: 'family' };

type Promised = {
  kind: string;
  materialCode: string;
  signer: string;
  text: string;
  signedAt: string;
  sha256: string;
  dueAt?: string | null;
  fulfilledAt?: string | null;
  workingDays?: number;
};

/** Uploads, as the clerk, every material the plan requires but those promised or deferred. */
async function handedIn(materials: { code: string; formats: string[]; required: boolean }[], promised: string[]) {
  return uploadRequired(
    'clerk',
    materials.filter((m) => !promised.includes(m.code)),
  );
}

describe('帮办代办 at the window: the agent who came, and 告知承诺 and 容缺 taken at the counter', function () {
  this.timeout(180_000);

  it('refuses an assisted case whose agent lacks what the window registers, in both languages, writing nothing', async () => {
    const item = await api().get(`/api/v1/items/${FOOD}`);
    const materials = await handedIn(item.body.materials, ['agent-authorization']);
    const body = (agent: Record<string, unknown>) => ({
      itemCode: FOOD,
      answers: { entrusted: true },
      channel: 'assisted',
      applicant: applicant(),
      agent,
      form: foodForm(),
      materials,
    });
    const before = [await Case.count(), await Commitment.count()];

    const bad = await submit('clerk', body({ name: '李四', idNo: '430102198505050018', phone: '1391234001' }));
    expect(bad.status).to.equal(422);
    expect(bad.body.error.details).to.deep.include.members([
      { field: 'agent.relationship', label: '代办人与申请人关系', message: '代办人与申请人关系：为必填项' },
      { field: 'agent.idNo', label: '代办人身份证号码', message: '代办人身份证号码：不是有效的居民身份证号码（请核对校验位和出生日期）' },
      { field: 'agent.phone', label: '代办人手机号码', message: '代办人手机号码：不是有效的手机号码' },
    ]);
    const english = await submit('clerk', body({ ...AGENT, relationship: 'boss' }), { 'Accept-Language': 'en' });
    expect(english.status).to.equal(422);
    expect(english.body.error.details[0]).to.include({
      field: 'agent.relationship',
      message:
        "Agent's relationship to the applicant: must be one of: Close relative, Employee of the applicant's organisation, Other person entrusted, Agency staff, Government assistance officer",
    });
    const himself = await submit('clerk', body({ ...AGENT, idNo: applicant().idNo }));
    expect(himself.status).to.equal(422);
    expect(himself.body.error.details[0]).to.include({
      field: 'agent.idNo',
      message: '代办人身份证号码：代办人不能是申请人本人；申请人本人到场请按窗口受理提交',
    });
    // a window case (the applicant came) names nobody
    const atWindow = await submit('clerk', { ...body(AGENT), channel: 'window' });
    expect(atWindow.status).to.equal(422);
    expect(atWindow.body.error.details[0].field).to.equal('agent');
    expect([await Case.count(), await Commitment.count()]).to.deep.equal(before);
  });

  it('a bundle taken for 张三 through 李四: the agent signs the commitment and the deferral, each item case shows its part, and 张三 hands the deferred material in from home', async () => {
    const answers = { needsBusinessRegistration: false, premisesScale: 'small', needsSignboard: true, entrusted: false };
    const plan = await api().post('/api/v1/bundles/KBCYD/plan').send({ answers, byAgent: true });
    expect(plan.status, JSON.stringify(plan.body)).to.equal(200);
    const asked = plan.body.materials as { code: string; formats: string[]; required: boolean; commitment?: boolean; tolerable?: boolean }[];
    expect(
      asked.find((m) => m.code === 'agent-authorization'),
      'an agent hands in the authorisation',
    ).to.include({ required: true });
    expect(asked.find((m) => m.code === 'premises-proof')).to.include({ commitment: true });
    expect(asked.find((m) => m.code === 'premises-layout')).to.include({ tolerable: true });

    const res = await submit('clerk', {
      bundleCode: 'KBCYD',
      answers,
      channel: 'assisted',
      applicant: applicant(),
      agent: AGENT,
      form: { ...signboardForm(), ...foodForm(), premisesAddress: '长沙市芙蓉区五一大道100号' },
      materials: await handedIn(asked, ['premises-proof', 'premises-layout']),
      commitments: [{ materialCode: 'premises-proof' }],
      deferrals: [{ materialCode: 'premises-layout' }],
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const caseNo = res.body.caseNo as string;
    const accepted = await waitForStatus('clerk', caseNo, 'accepted', 60_000);
    expect(accepted.channel).to.equal('assisted');
    expect(accepted.agent).to.deep.equal({ name: '李四', idNo: AGENT_ID_MASKED, phone: '139****0017', relationship: 'family', relationshipLabel: '近亲属' });
    expect((await getCase('clerk', caseNo, 'en')).body.agent.relationshipLabel).to.equal('Close relative');

    // the agent signed both, for 张三, in the platform's words; the hash binds the words, the agent and the time
    const signed = accepted.commitments as Promised[];
    const commitment = signed.find((k) => k.kind === 'replacement')!;
    const deferral = signed.find((k) => k.kind === 'deferral')!;
    expect(commitment).to.include({ materialCode: 'premises-proof', signer: '李四' });
    expect(commitment.text).to.contain('本人李四受张三委托代为申请办理“开办餐饮店”，承诺申请人已具备“经营场所使用证明”所证明的条件');
    expect(commitment.sha256).to.equal(createHash('sha256').update([commitment.text, '李四', AGENT_ID, commitment.signedAt].join('\n')).digest('hex'));
    expect(deferral).to.include({ materialCode: 'premises-layout', signer: '李四', fulfilledAt: null, workingDays: 10 });
    expect(deferral.text).to.contain('承诺自受理之日起10个工作日内补交该材料');
    expect(Date.parse(deferral.dueAt!)).to.be.greaterThan(Date.now());

    // each department reads the agent and the promises for its own item's materials
    const food = (await getCase('reviewer', `${caseNo}-01`)).body;
    expect(food.agent).to.include({ name: '李四', relationshipLabel: '近亲属' });
    expect((food.commitments as Promised[]).map((k) => `${k.kind}:${k.materialCode}`).sort()).to.deep.equal([
      'deferral:premises-layout',
      'replacement:premises-proof',
    ]);
    const signboard = (await getCase('reviewer3', `${caseNo}-02`)).body;
    expect((signboard.commitments as Promised[]).map((k) => `${k.kind}:${k.materialCode}`)).to.deep.equal(['replacement:premises-proof']);

    // 张三, in whose name it was taken, hands the floor plan in himself; 李四's own account may not
    const lisi = await agentApplicant();
    const plan2 = { code: 'premises-layout', attachmentId: await uploadOk(lisi, '平面图.pdf', samplePdf('平面布置图')) };
    const byAgent = await api()
      .post(`/api/v1/cases/${caseNo}/materials`)
      .set(await auth(lisi))
      .send({ materials: [plan2] });
    expect(byAgent.status).to.equal(404);
    const own = (await getCase('applicant', caseNo)).body;
    expect(own.actions.supply, 'the applicant named on it may hand the deferred material in').to.equal(true);
    expect(own.owed.map((m: { code: string }) => m.code)).to.deep.equal(['premises-layout']);
    const layout = { code: 'premises-layout', attachmentId: await uploadOk('applicant', '平面图.pdf', samplePdf('平面布置图')) };
    const supplied = await api()
      .post(`/api/v1/cases/${caseNo}/materials`)
      .set(await auth('applicant'))
      .send({ materials: [layout] });
    expect(supplied.status, JSON.stringify(supplied.body)).to.equal(200);
    expect(supplied.body.complete).to.equal(true);
    const after = (await getCase('applicant', caseNo)).body;
    expect((after.commitments as Promised[]).find((k) => k.kind === 'deferral')!.fulfilledAt).to.be.a('string');
    expect(after.actions.supply).to.equal(false);
    const entry = (after.timeline as { type: string; actor: string; detail: { atWindow: boolean } }[]).find((e) => e.type === 'case.materials_supplied')!;
    expect(entry).to.deep.include({ actor: 'applicant' });
    expect(entry.detail.atWindow).to.equal(false);
  });

  it('an online agent may say how they stand to the person, and signs the commitment for them', async () => {
    const lisi = await agentApplicant();
    const item = await api().get(`/api/v1/items/${FOOD}`);
    const res = await submit(lisi, {
      itemCode: FOOD,
      answers: { entrusted: true },
      channel: 'web',
      applicant: applicant(),
      agent: { name: '李四', idNo: AGENT_ID_MASKED, phone: '13700137001', relationship: 'entrusted' },
      form: foodForm(),
      materials: await uploadRequired(
        lisi,
        (item.body.materials as { code: string; formats: string[]; required: boolean }[]).filter((m) => m.code !== 'premises-proof'),
      ),
      commitments: [{ materialCode: 'premises-proof' }],
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const view = (await getCase(lisi, res.body.caseNo, 'en')).body;
    expect(view.agent).to.include({ relationship: 'entrusted', relationshipLabel: 'Other person entrusted' });
    expect((view.commitments as Promised[])[0]).to.include({ signer: '李四' });
    // 张三's own application: he signs his own commitment, in his own words
    const his = await submit('applicant', {
      itemCode: FOOD,
      answers: { entrusted: false },
      applicant: applicant(),
      form: foodForm(),
      materials: await uploadRequired(
        'applicant',
        (item.body.materials as { code: string; formats: string[]; required: boolean; when?: object }[]).filter((m) => m.code !== 'premises-proof' && !m.when),
      ),
      commitments: [{ materialCode: 'premises-proof' }],
    });
    expect(his.status, JSON.stringify(his.body)).to.equal(201);
    const own = (await getCase('applicant', his.body.caseNo)).body.commitments as Promised[];
    expect(own[0]).to.include({ signer: '张三' });
    expect(own[0]!.text).to.contain('本人张三申请办理');
  });
});
