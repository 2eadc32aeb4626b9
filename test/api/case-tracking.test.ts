import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, decide, ITEM, submit, validForm, waitForTask } from '../support/api.ts';

type Instance = { caseNo: string; processDefinitionKey: string; bpmnXml: string; finished: string[]; current: string[] };
const tracking = async (user: string, caseNo: string) =>
  api()
    .get(`/api/v1/cases/${caseNo}/tracking`)
    .set(await auth(user));

describe('办件跟踪: the diagram with finished and current steps, across called processes', () => {
  it('shows where a case stands as it moves, to those who may see it', async () => {
    const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    const caseNo = res.body.caseNo as string;
    await waitForTask('reviewer', caseNo, 'review');

    const atReview = await tracking('applicant', caseNo);
    expect(atReview.status).to.equal(200);
    const [main, acceptance] = atReview.body.instances as Instance[];
    expect(main!.processDefinitionKey).to.equal('item_standard');
    expect(main!.bpmnXml).to.contain('<bpmn:process id="item_standard"');
    expect(main!.finished).to.include.members(['submitted', 'in_bundle', 'acceptance', 'accepted', 'fork']);
    expect(main!.current).to.include('review');
    expect(acceptance!.processDefinitionKey).to.equal('case_acceptance');
    expect(acceptance!.finished).to.include.members(['received', 'acceptance', 'decided', 'ended_accepted']);
    expect(atReview.body.position.map((p: { activityId: string; name: string }) => `${p.activityId}:${p.name}`)).to.include('review:审核');

    await decide('reviewer', caseNo, 'review', 'approve');
    await waitForTask('leader', caseNo, 'decision');
    const atDecision = (await tracking('reviewer', caseNo)).body.instances[0] as Instance;
    expect(atDecision.finished).to.include('review');
    expect(atDecision.current).to.include('decision').and.not.include('review');

    expect((await tracking('reviewer2', caseNo)).status, 'another department').to.equal(404);
  });
});
