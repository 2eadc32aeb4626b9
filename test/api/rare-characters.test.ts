import { expect } from 'chai';
import { api, auth, getCase } from '../support/api.ts';
import { eventuallyHolds } from '../support/eventually.ts';
import { approvedPastResults, NAME_WITHOUT_FONT } from '../support/rare-characters.ts';

type Entry = { type: string; label: string; detail: Record<string, unknown>; notes: string[] };
type Notice = { kind: string; caseNo: string | null; text: string };

const notificationsOf = async (user: string, language = 'zh-CN') =>
  (
    await api()
      .get('/api/v1/notifications?limit=100')
      .set(await auth(user))
      .set('Accept-Language', language)
  ).body.notifications as Notice[];

const ZH_NOTE = '已安装的字体均无以下字符，文书中以其编码代替：\u{30041}（U+30041）';
const EN_NOTE = 'no installed font has these characters; the document shows their code points instead: U+30041';

/**
 * Issue 16 item 7: documents never fail for a name. An applicant named with a character of CJK
 * Extension B (王𪚥) gets a sealed decision drawn in a fallback font; one with a character no
 * installed font has (U+30041, Extension G) gets it drawn as its code point, noted on the case's
 * timeline in words (zh-CN and English) and told to the system administrators, who see to the fallback fonts —
 * never an incident.
 */
describe('documents never fail for a name (rare characters through the real seal step)', function () {
  this.timeout(180_000);

  for (const [name, noted] of [
    ['王𪚥', false],
    [NAME_WITHOUT_FONT, true],
  ] as const) {
    it(`${name}: the decision is sealed${noted ? ', the missing character drawn as its code point, noted on the case in words and told to the administrators' : ' in a fallback font'}, and no incident`, async () => {
      // the seal step goes on: the case reaches its delivery, no step left failing
      const caseNo = await approvedPastResults(name);
      const sealedDecision = (timeline: Entry[]) => timeline.find((e) => e.type === 'result.sealed' && e.detail.kind === 'decision_approved')!;
      const timeline = (await getCase('clerk', caseNo)).body.timeline as Entry[];
      const sealed = sealedDecision(timeline);
      const notes = (sealed.detail.notes ?? []) as { code: string; message: string }[];
      if (noted) expect(notes.map((n) => n.code)).to.deep.equal(['document_glyph_unavailable']);
      else expect(notes).to.deep.equal([]);

      // what staff read on the case's timeline: the note in words, in their language
      expect(sealed.notes).to.deep.equal(noted ? [ZH_NOTE] : []);
      const english = sealedDecision((await getCase('clerk', caseNo, 'en')).body.timeline as Entry[]);
      expect(english.label).to.equal('Document sealed and signed');
      expect(english.notes).to.deep.equal(noted ? [EN_NOTE] : []);

      // the operators: each system administrator is told once per document drawn so (the notices and the licence name the applicant too), with the case; nobody else
      // the case's last documents may still be being sealed: each is told with its own timeline entry
      // (one transaction), so the two counts meet once the seal step is done
      const drawnNow = async () =>
        ((await getCase('clerk', caseNo)).body.timeline as Entry[]).filter((e) => e.type === 'result.sealed' && e.notes.length).length;
      const toldNow = async () => (await notificationsOf('admin')).filter((n) => n.kind === 'document_glyph_unavailable' && n.caseNo === caseNo);
      await eventuallyHolds(
        async () => expect((await toldNow()).length, 'one notification per document drawn with a code point').to.equal(await drawnNow()),
        20_000,
        500,
      );
      const told = await toldNow();
      if (noted) expect(told.length).to.be.at.least(1);
      if (noted) {
        const decision = told.find((n) => n.text.includes(`《${sealed.detail.title as string}》`));
        expect(decision, JSON.stringify(told)).to.not.equal(undefined);
        expect(decision!.text).to.contain(caseNo).and.contain('U+30041').and.contain('请确认备用字体已安装');
        const inEnglish = (await notificationsOf('admin', 'en')).filter((n) => n.kind === 'document_glyph_unavailable' && n.caseNo === caseNo);
        expect(inEnglish.map((n) => n.text).join('\n'))
          .to.contain(EN_NOTE)
          .and.contain('See that the fallback fonts are installed');
      }
      expect((await notificationsOf('clerk')).filter((n) => n.kind === 'document_glyph_unavailable')).to.have.length(0);
    });
  }
});
