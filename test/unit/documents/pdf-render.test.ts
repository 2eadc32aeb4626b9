import { expect } from 'chai';
import { DocumentProblemError, chineseDate, makeDemoSealImage, planFonts, renderDocument, renderPdf } from '../../../server/documents/index.ts';
import { isSealRed, pageRaster, pdfText, runTool, sampleDecision, wordBox } from './helpers.ts';

const seal = makeDemoSealImage('长沙市行政审批服务局');
const gbsn = [{ path: '/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf', debianPackage: 'fonts-arphic-gbsn00lp' }];

async function rejection(promise: Promise<unknown>): Promise<DocumentProblemError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(DocumentProblemError);
    return error as DocumentProblemError;
  }
  throw new Error('expected a rejection');
}

describe('result documents rendered to PDF', () => {
  it('prints the decision in Chinese text that pdftotext reads back', async () => {
    const pdf = await renderPdf(sampleDecision({ seal: { png: seal } }));
    const text = pdfText(pdf);
    expect(text).to.contain('准予行政许可决定书');
    expect(text).to.contain('长审批准字〔2026〕第118号');
    expect(text).to.contain('长沙市芙蓉区张记餐饮店：');
    expect(text).to.contain('本机关决定准予你单位的食品经营许可申请。');
    expect(text).to.contain('经营场所：长沙市芙蓉区五一大道123号');
    expect(text).to.contain('长沙市行政审批服务局2026年11月23日');
  });

  it('writes a structurally sound PDF with the CJK font embedded as a subset', async () => {
    const pdf = await renderPdf(sampleDecision({ seal: { png: seal } }));
    const check = runTool('qpdf', ['--check', { file: pdf, name: 'doc.pdf' }]);
    expect(check.status, check.stdout).to.equal(0);
    expect(check.stdout).to.contain('No syntax or stream encoding errors found');
    const fonts = runTool('pdffonts', [{ file: pdf, name: 'doc.pdf' }]).stdout;
    expect(fonts).to.match(/[A-Z]{6}\+BousungEG-Light-GB\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  });

  it('draws the seal at its true size: 600 pixels to the inch on the page', async () => {
    const pdf = await renderPdf(sampleDecision({ seal: { png: seal } }));
    const images = runTool('pdfimages', ['-list', { file: pdf, name: 'doc.pdf' }])
      .stdout.trim()
      .split('\n')
      .slice(2);
    const [image, mask] = images.map((line) => line.trim().split(/\s+/));
    // page num type width height color comp bpc enc interp object ID x-ppi y-ppi
    expect(image.slice(2, 8)).to.deep.equal(['image', '1001', '1001', 'index', '1', '8']);
    expect(image.slice(12, 14)).to.deep.equal(['600', '600']);
    expect(mask[2]).to.equal('smask');
  });

  it('renders the same bytes for the same input, and different ones for another date', async () => {
    const first = await renderPdf(sampleDecision({ seal: { png: seal } }));
    const second = await renderPdf(sampleDecision({ seal: { png: seal } }));
    expect(first.equals(second)).to.equal(true);
    const later = await renderPdf(sampleDecision({ seal: { png: seal }, issuedAt: new Date('2026-11-24T10:00:00+08:00') }));
    expect(later.equals(first)).to.equal(false);
    expect(pdfText(later)).to.contain('2026年11月24日');
  });

  it('stamps the seal over the issuer and date by default, or where the caller asks', async () => {
    // the star at the seal's centre is solid red
    const byDefault = pageRaster(await renderPdf(sampleDecision({ seal: { png: seal } })));
    const asked = pageRaster(await renderPdf(sampleDecision({ seal: { png: seal, placement: { page: 0, xMm: 40, yMm: 40 } } })));
    expect(isSealRed(asked.rgbAtMm(40, 40))).to.equal(true);
    expect(isSealRed(byDefault.rgbAtMm(40, 40))).to.equal(false);
    // by default the seal's centre (the star) lies between the issuer's name and the date, centred on the date
    const decision = await renderPdf(sampleDecision({ seal: { png: seal } }));
    const issuer = wordBox(decision, '长沙市行政审批服务局');
    const date = wordBox(decision, '2026年11月23日');
    const centre = { xMm: ((date.xMin + date.xMax) / 2) * (25.4 / 72), yMm: ((issuer.yMax + date.yMin) / 2) * (25.4 / 72) };
    const redAround = (raster: ReturnType<typeof pageRaster>) => {
      let red = 0;
      for (let dx = -8; dx <= 8; dx++) for (let dy = -8; dy <= 8; dy++) if (isSealRed(raster.rgbAtMm(centre.xMm + dx, centre.yMm + dy))) red++;
      return red;
    };
    expect(redAround(byDefault), 'the star around the centre').to.be.greaterThan(40);
    expect(redAround(asked)).to.equal(0);
  });

  it('lays out an e-license on a landscape page with the holder and particulars', async () => {
    const pdf = await renderPdf(
      sampleDecision({
        layout: 'license',
        title: '食品经营许可证',
        documentNo: 'JY14301020012345',
        paragraphs: ['本许可证在有效期内有效。'],
        fields: [
          { label: '统一社会信用代码', value: '91430102MA4L000X1X' },
          { label: '有效期至', value: '2031年11月22日' },
        ],
        seal: { png: seal },
      }),
    );
    const text = pdfText(pdf);
    expect(text).to.contain('食品经营许可证');
    expect(text).to.contain('编号：JY14301020012345');
    expect(text).to.contain('持证主体：长沙市芙蓉区张记餐饮店');
    expect(text).to.contain('统一社会信用代码：91430102MA4L000X1X');
    expect(text).to.contain('发证机关：长沙市行政审批服务局');
    expect(runTool('pdfinfo', [{ file: pdf, name: 'doc.pdf' }]).stdout).to.match(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
  });

  it('refuses to render with a seal image that breaks the rule', async () => {
    const error = await rejection(renderPdf(sampleDecision({ seal: { png: Buffer.from([0xff, 0xd8, 0xff, 0xe0]) } })));
    expect(error.problems.map((p) => p.code)).to.deep.equal(['seal_not_png']);
  });

  it('says which font to install when none is', async () => {
    const missing = await rejection(renderPdf(sampleDecision(), { fonts: [{ path: '/nonexistent/gbsn00lp.ttf', debianPackage: 'fonts-arphic-gbsn00lp' }] }));
    expect(missing.problems[0].code).to.equal('document_font_missing');
    expect(missing.problems[0].message).to.contain('fonts-arphic-gbsn00lp');
  });

  it('never refuses a name for a character: 王𪚥 (CJK Extension B) is set in 花園明朝 (fonts-hanazono), the rest in the 宋体 face', async () => {
    // 𪚥 (U+2A6A5) is outside GB 2312: the document stays in its 宋体 face, the one character comes from fonts-hanazono
    const { pdf, notes } = await renderDocument(sampleDecision({ recipient: '王𪚥', fields: [{ label: '申请人', value: '王𪚥' }] }), { fonts: gbsn });
    expect(notes).to.deep.equal([]);
    const text = pdfText(pdf);
    expect(text).to.contain('王𪚥：');
    expect(text).to.contain('申请人：王𪚥');
    const fonts = runTool('pdffonts', [{ file: pdf, name: 'doc.pdf' }]).stdout;
    expect(fonts).to.match(/[A-Z]{6}\+BousungEG-Light-GB\s+CID TrueType/);
    expect(fonts).to.match(/[A-Z]{6}\+HanaMin[AB]\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(fonts).not.to.contain('BabelStone');
    // the e-license too
    const license = await renderDocument(sampleDecision({ layout: 'license', title: '食品经营许可证', recipient: '王𪚥', paragraphs: [] }), { fonts: gbsn });
    expect(pdfText(license.pdf)).to.contain('持证主体：王𪚥');
  });

  it('takes a character of Extension G from BabelStone Han, and draws one no font has as its code point, noted', async () => {
    // 𰀀 (U+30000, Extension G) is in BabelStone Han only; 𰁁 (U+30041) in no installed face
    expect(planFonts('𰁁', gbsn)).to.deep.include({ ok: true });
    const { pdf, notes } = await renderDocument(sampleDecision({ recipient: '李𰀀𰁁' }), { fonts: gbsn });
    expect(notes.map((n) => n.code)).to.deep.equal(['document_glyph_unavailable']);
    expect(notes[0].message).to.contain('U+30041');
    const text = pdfText(pdf);
    expect(text).to.contain('李𰀀【U+30041】：');
    const fonts = runTool('pdffonts', [{ file: pdf, name: 'doc.pdf' }]).stdout;
    expect(fonts).to.match(/[A-Z]{6}\+BabelStoneHan\s+CID TrueType/);
    expect(runTool('pdfinfo', ['-custom', { file: pdf, name: 'doc.pdf' }]).stdout).to.match(/GlyphsUnavailable:\s*U\+30041/);
    // the same input, the same bytes
    expect((await renderDocument(sampleDecision({ recipient: '李𰀀𰁁' }), { fonts: gbsn })).pdf.equals(pdf)).to.equal(true);
    // with no fallback face at all, still a document
    const bare = await renderDocument(sampleDecision({ recipient: '𠮷野家餐饮店' }), { fonts: gbsn, fallbackFonts: [] });
    expect(pdfText(bare.pdf)).to.contain('【U+20BB7】野家餐饮店');
    expect(bare.notes[0].en).to.contain('U+20BB7');
  });

  it('dates documents in China Standard Time', () => {
    expect(chineseDate(new Date('2026-11-22T16:30:00Z'))).to.equal('2026年11月23日');
    expect(chineseDate(new Date('2026-01-05T00:00:00+08:00'))).to.equal('2026年1月5日');
  });
});
