import { expect } from 'chai';
import { applicant, completeMaterials, ITEM, submit, validForm, waitForTask } from '../support/api.ts';
import { browserSuite, signIn, signInThroughForm } from './support/browser.ts';
import { LOAD_TIMES_FILE, loadTimesTable, measureLoad, recordLoadTimes, type LoadTime } from './support/load-times.ts';

/**
 * How long the main pages take on this machine until a person can use them (navigation start →
 * the page's main content shown and usable; support/load-times.ts), written to
 * test-artifacts/<lane>/load-times.json and printed. README and docs/performance.md quote a run
 * made with nothing else heavy on the machine; no test asserts a time (the machine is shared).
 */

const LOGIN = ['#login-username', '#login-password', 'button[type=submit].login__submit'];

describe('page load times (chromium, recorded)', function () {
  this.timeout(240_000);
  const { open } = browserSuite();
  let caseNo: string;
  let taskId: string;

  before(async function () {
    this.timeout(120_000);
    const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    caseNo = res.body.caseNo as string;
    taskId = (await waitForTask('reviewer', caseNo, 'review')).id as string;
  });

  it('sign-in page, signing in, inbox, task page, case lookup and applicant home', async () => {
    const times: LoadTime[] = [];
    const { page } = await open();
    // a first visit (nothing cached), then as on any later day (scripts and styles from the browser's cache)
    times.push(await measureLoad(page, 'sign-in page, first visit', '/login', LOGIN));
    times.push(await measureLoad(page, 'sign-in page', '/login', LOGIN));
    // signing in: the sign-in page opened (its scripts cached), the name and password typed, the button pressed → the inbox's tasks listed
    const started = Date.now();
    await signInThroughForm(page, 'reviewer', '/inbox', '[data-test=task-list] > li');
    const signedIn = Date.now() - started;
    // the staff pages opened from a link or the address bar (a whole page load, scripts cached)
    times.push(await measureLoad(page, 'inbox', '/inbox', ['[data-test=task-list] > li']));
    times.push(await measureLoad(page, 'task page', `/inbox/tasks/${taskId}`, ['[data-test=claim]', '[data-test=form-viewer] .fjs-form']));
    times.push(await measureLoad(page, 'case lookup', `/cases/${caseNo}`, ['[data-test=case-no]', '[data-test=panel-timeline]']));
    expect(await page.locator('[data-test=case-no]').textContent()).to.equal(caseNo);

    const { page: applicantPage } = await open();
    await signIn(applicantPage, 'applicant', '/my', null);
    times.push(await measureLoad(applicantPage, 'applicant home', '/my', ['[data-test=my-cases] [data-test=case-item]']));

    const load1 = times[0]!.load1;
    times.push({
      name: 'signing in (sign-in page → inbox)',
      ms: signedIn,
      assets: { count: 0, sentBytes: 0, bytes: 0 },
      api: [],
      load1,
      at: new Date().toISOString(),
    });
    recordLoadTimes(times);
    console.log(`${loadTimesTable(times)}\n  (${LOAD_TIMES_FILE()})`);
    for (const t of times) expect(t.ms, t.name).to.be.above(0);
    // the task page shows the task's own form: it asks for no item's form schema on the way
    const task = times.find((t) => t.name === 'task page')!;
    expect(task.api.map((a) => a.path).filter((p) => p.startsWith('/api/v1/items/'))).to.deep.equal([]);
  });
});
