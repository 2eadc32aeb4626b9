import { expect } from 'chai';
import { timelineNotes } from '../../server/cases/timeline.ts';

describe("a timeline entry's notes in words (server/cases/timeline.ts)", () => {
  const glyph = {
    code: 'document_glyph_unavailable',
    message: '已安装的字体均无以下字符，文书中以其编码代替：\u{30041}（U+30041）',
    en: 'no installed font has these characters; the document shows their code points instead: U+30041',
  };

  it("reads each note of the entry's detail in the language: `message` in Chinese, `en` in English", () => {
    const entry = { detail: { kind: 'decision_approved', notes: [glyph, { ...glyph, message: '第二条', en: 'the second' }] } };
    expect(timelineNotes(entry, 'zh-CN')).to.deep.equal([glyph.message, '第二条']);
    expect(timelineNotes(entry, 'en')).to.deep.equal([glyph.en, 'the second']);
  });

  it('has none for an entry without notes or a note without words; a note without English reads in Chinese', () => {
    expect(timelineNotes({ detail: {} }, 'zh-CN')).to.deep.equal([]);
    expect(timelineNotes({ detail: null }, 'en')).to.deep.equal([]);
    expect(timelineNotes({}, 'en')).to.deep.equal([]);
    // a detail's `note` (a person's words, shown as they wrote them) is not one of these
    expect(timelineNotes({ detail: { note: '请尽快办理', notes: '不是列表' } }, 'zh-CN')).to.deep.equal([]);
    expect(timelineNotes({ detail: { notes: [null, 'text', { code: 'x' }, { message: '', en: 'English only' }] } }, 'zh-CN')).to.deep.equal([]);
    expect(timelineNotes({ detail: { notes: [{ message: '只有中文', en: '' }] } }, 'en')).to.deep.equal(['只有中文']);
  });
});
