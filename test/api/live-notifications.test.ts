import { expect } from 'chai';
import { io } from 'socket.io-client';
import { api, applicant, auth, completeMaterials, ITEM, submit, validForm, waitForTask } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { listen, within } from '../support/sockets.ts';

type Pushed = { kind: string; caseNo: string; text: string };
const connect = (user: string) => listen<Pushed>(user, 'notification');

describe('live notifications over socket.io', () => {
  it('refuses a socket without a valid token', async () => {
    const socket = io(testEnv().url, { path: '/api/v1/socket.io', auth: { token: 'forged' }, transports: ['websocket'], reconnection: false });
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(error.message).to.equal('token_invalid');
    socket.close();
  });

  it("pushes a notification to its person's open sockets, and to nobody else", async () => {
    const samr = await connect('reviewer');
    const fire = await connect('reviewer2');
    try {
      const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
      const caseNo = res.body.caseNo as string;
      await waitForTask('reviewer', caseNo, 'review');
      const urged = await api()
        .post(`/api/v1/cases/${caseNo}/urge`)
        .set(await auth('applicant'))
        .send({ note: '请尽快' });
      expect(urged.status).to.equal(200);
      // pushed, not polled: it arrives without the client asking (timing belongs to the benchmarks)
      expect(await within(5000, () => samr.received.some((n) => n.kind === 'urged' && n.caseNo === caseNo)), 'the holder hears it').to.equal(true);
      await new Promise((r) => setTimeout(r, 200));
      expect(
        fire.received.filter((n) => n.caseNo === caseNo),
        'another department hears nothing',
      ).to.deep.equal([]);
    } finally {
      samr.socket.close();
      fire.socket.close();
    }
  });
});
