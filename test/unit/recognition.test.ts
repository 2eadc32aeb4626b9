import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { linesOfText, linesOfTsv } from '../../server/recognition/ocr-lines.ts';
import { parseIdCard } from '../../server/recognition/id-card.ts';
import { parseBusinessLicence } from '../../server/recognition/business-licence.ts';
import { parseFilledForm } from '../../server/recognition/filled-form.ts';
import { amountInTenThousandYuan, chineseNumeral } from '../../server/recognition/chinese-amounts.ts';
import { imageSize, turned } from '../../server/recognition/image.ts';
import { Limiter } from '../../server/recognition/limiter.ts';
import { applicantFrom, fillsFor, holdersOf, type FormSchema } from '../../contract/recognition/form-matching.ts';
import type { RecognisedField } from '../../contract/recognition/documents.ts';

const byKey = (fields: RecognisedField[]) => Object.fromEntries(fields.map((f) => [f.key, f]));
const schemaOf = (folder: string) => JSON.parse(readFileSync(`processes/${folder}/form.schema.json`, 'utf8')) as FormSchema;

/** What tesseract (chi_sim, --psm 6) read from the tests' generated cards, stray marks and misreadings included. */
const ID_CARD = `姓 名”张晓明
人性别 男 民族 汉
出生 1990年3月了7日
住址”湖南省长沙市天心区人民中路100
号
公民身份号码 430104199003070015`;
const LICENCE = `营业执照
统一社会信用代码 91430104MA4L123454
名      称 长沙市星城餐饮管理有限公司
类       型 ，有限责任公司 (自然人投资或控股)
人人 李建国
注 册 资 本 人民币壹佰万元整
记1 2019年05月20日
化      所 湖南省长沙市天心区人民中路100号`;

describe('智能识别填单: reading tesseract’s lines into fields, the check digits, filling forms', () => {
  it('reads an identity card: every field, the address over two lines, the number checked', () => {
    const f = byKey(parseIdCard(linesOfText(ID_CARD)));
    expect(f.name).to.include({ status: 'recognised', value: '张晓明' });
    expect(f.sex).to.include({ status: 'recognised', value: 'male', text: '男' });
    expect(f.ethnicity).to.include({ value: '汉' });
    expect(f.birthDate).to.include({ status: 'recognised', value: '1990-03-07' });
    expect(f.address).to.include({ value: '湖南省长沙市天心区人民中路100号' });
    expect(f.idNumber).to.include({ status: 'recognised', value: '430104199003070015', confidence: 90 });
  });

  it('offers a number failing GB 11643 as not recognised, saying which check character it calls for', () => {
    const f = byKey(parseIdCard(linesOfText(ID_CARD.replace('430104199003070015', '430104199003070012'))));
    expect(f.idNumber).to.include({ status: 'check_failed', value: null, text: '430104199003070012' });
    expect(f.idNumber!.problem!['zh-CN']).to.equal('校验码不符（GB 11643）：按前 17 位应为 5，图片上识别为 2，请核对号码');
    expect(f.idNumber!.problem!.en).to.match(/call for 5, the image reads 2/);
    // nothing is taken from a number that failed: the birth date is the card's own line
    expect(f.birthDate).to.include({ value: '1990-03-07' }).and.not.to.have.property('note');
    const short = byKey(parseIdCard(linesOfText('公民身份号码 43010419900307001')));
    expect(short.idNumber).to.include({ status: 'check_failed' });
    expect(short.idNumber!.problem!['zh-CN']).to.match(/识别到 17 位/);
    const noDay = byKey(parseIdCard(linesOfText('公民身份号码 430104199002300011')));
    expect(noDay.idNumber!.status).to.equal('check_failed');
  });

  it('takes the birth date and sex from a valid number where the card’s lines are unreadable, and says so', () => {
    const f = byKey(parseIdCard(linesOfText('姓名 王芳\n出生 1990年3月了中\n公民身份号码 43010419900307004x')));
    expect(f.birthDate).to.include({ value: '1990-03-07' });
    expect(f.birthDate!.note!['zh-CN']).to.equal('由公民身份号码得出');
    expect(f.sex).to.include({ value: 'female', text: '女' });
    expect(f.address).to.include({ status: 'not_found', value: null });
  });

  it('reads a business licence whose labels the OCR half lost', () => {
    const f = byKey(parseBusinessLicence(linesOfText(LICENCE)));
    expect(f.creditCode).to.include({ status: 'recognised', value: '91430104MA4L123454' });
    expect(f.companyName).to.include({ value: '长沙市星城餐饮管理有限公司' });
    expect(f.companyType!.value).to.match(/^有限责任公司/);
    expect(f.legalRepresentative).to.include({ value: '李建国' });
    expect(f.registeredCapital).to.include({ value: 100 });
    expect(f.establishedDate).to.include({ value: '2019-05-20' });
    expect(f.premises).to.include({ value: '湖南省长沙市天心区人民中路100号' });
  });

  it('offers a credit code failing GB 32100 as not recognised; OCR look-alikes (O for 0) are read as the code set allows', () => {
    const wrong = byKey(parseBusinessLicence(linesOfText(LICENCE.replace('123454', '123450'))));
    expect(wrong.creditCode).to.include({ status: 'check_failed', value: null });
    expect(wrong.creditCode!.problem!['zh-CN']).to.equal('校验码不符（GB 32100）：按前 17 位应为 4，图片上识别为 0，请核对代码');
    const lookAlike = byKey(parseBusinessLicence(linesOfText('统一社会信用代码 9143O1O4MA4L123454')));
    expect(lookAlike.creditCode).to.include({ status: 'recognised', value: '91430104MA4L123454' });
  });

  it('says amounts in 万元, and no amount where a numeral may be misread', () => {
    expect(amountInTenThousandYuan('人民币壹佰万元整')).to.equal(100);
    expect(amountInTenThousandYuan('500万元人民币')).to.equal(500);
    expect(amountInTenThousandYuan('叁仟伍佰元')).to.equal(0.35);
    expect(amountInTenThousandYuan('人民币索佰万元整'), '索 read for 壹').to.equal(null);
    expect(chineseNumeral('壹亿贰仟万')).to.equal(120_000_000);
    expect(chineseNumeral('伍拾万零叁仟')).to.equal(503_000);
  });

  it('reads a filled-in form’s 栏目：内容 lines and checks the identifiers among them', () => {
    const entries = parseFilledForm(linesOfText('老年人养老补贴申请表\n老年人姓名：赵大爷\n老年人身份证号码：430104195001010012\n备注'));
    expect(entries.map((e) => [e.label, e.text, e.status])).to.deep.equal([
      ['老年人姓名', '赵大爷', 'recognised'],
      ['老年人身份证号码', '430104195001010012', 'check_failed'],
    ]);
  });

  it('keeps each character’s confidence from tesseract’s TSV, without the spaces it puts between Chinese characters', () => {
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      '4\t1\t1\t1\t1\t0\t0\t0\t10\t10\t-1\t',
      '5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t80\t姓名',
      '5\t1\t1\t1\t1\t2\t0\t0\t10\t10\t40\t张三',
      '5\t1\t1\t1\t2\t1\t0\t0\t10\t10\t90\t性别',
    ].join('\n');
    const lines = linesOfTsv(tsv);
    expect(lines.map((l) => l.text)).to.deep.equal(['姓名张三', '性别']);
    expect(byKey(parseIdCard(lines)).name).to.include({ value: '张三', confidence: 40 });
  });

  it('fills the fields a form’s schema names, whoever the item: by format, personal-data kind and title', () => {
    const card = parseIdCard(linesOfText(ID_CARD));
    expect(fillsFor(schemaOf('elderly-allowance'), card).map((f) => [f.field, f.value])).to.deep.equal([
      ['elderName', '张晓明'],
      ['elderIdNo', '430104199003070015'],
    ]);
    // 个体工商户: the operator's card, then the licence
    const food = schemaOf('food-business-licence');
    expect(fillsFor(food, card).map((f) => f.field)).to.deep.equal(['operatorName', 'operatorIdNo']);
    const licence = parseBusinessLicence(linesOfText(LICENCE));
    expect(fillsFor(food, licence).map((f) => [f.field, f.value])).to.deep.equal([
      ['businessName', '长沙市星城餐饮管理有限公司'],
      ['creditCode', '91430104MA4L123454'],
      ['operatorName', '李建国'],
      ['premisesAddress', '湖南省长沙市天心区人民中路100号'],
    ]);
    expect(fillsFor(schemaOf('company-startup-grant'), licence).map((f) => f.field)).to.deep.equal(['companyName', 'creditCode', 'legalRepresentative']);
    // 资金数额（万元） takes the capital in 万元
    expect(fillsFor(schemaOf('individual-business-registration'), licence).find((f) => f.field === 'capitalTenThousandYuan')).to.include({ value: 100 });
    // a check that failed fills nothing
    const wrong = parseIdCard(linesOfText(ID_CARD.replace('430104199003070015', '430104199003070012')));
    expect(fillsFor(schemaOf('elderly-allowance'), wrong).map((f) => f.field)).to.deep.equal(['elderName']);
    // the window's applicant: the card's holder, the licence's business; nobody from a number that failed
    expect(applicantFrom(card)).to.deep.equal({ name: '张晓明', idType: 'resident_id', idNo: '430104199003070015' });
    expect(applicantFrom(licence)).to.deep.equal({ name: '长沙市星城餐饮管理有限公司', idType: 'credit_code', idNo: '91430104MA4L123454' });
    expect(applicantFrom(wrong)).to.equal(undefined);
  });

  it('asks whose card it is where a form has several persons, and fills only that person’s fields', () => {
    const schema = schemaOf('birth-registration');
    expect(holdersOf(schema).map((h) => [h.prefix, h.fields])).to.deep.equal([
      ['母亲', ['motherName', 'motherIdNo']],
      ['父亲', ['fatherName', 'fatherIdNo']],
    ]);
    expect(holdersOf(schema)[1]!.label).to.deep.equal({ 'zh-CN': '父亲姓名、父亲身份证号码', en: "Father's name, Father's resident ID number" });
    const card = parseIdCard(linesOfText(ID_CARD));
    expect(fillsFor(schema, card, '父亲').map((f) => f.field)).to.deep.equal(['fatherName', 'fatherIdNo']);
    // the newborn's 出生日期 and the 户籍地址 belong to no one card here: never filled from the father's
    expect(fillsFor(schema, card).map((f) => f.field)).to.deep.equal(['motherName', 'motherIdNo']);
    // one person: the unprefixed fields are theirs; an enumerated sex takes its option
    const one: FormSchema = {
      properties: {
        name: { type: 'string', title: '姓名' },
        gender: { type: 'string', title: '性别', enum: ['male', 'female'] },
        birthDate: { type: 'string', format: 'date', title: '出生日期' },
        home: { type: 'string', title: '户籍地址', 'x-personal': 'address' },
        idNo: { type: 'string', format: 'cn-id-card', title: '身份证号码' },
      },
    };
    expect(Object.fromEntries(fillsFor(one, card).map((f) => [f.field, f.value]))).to.deep.equal({
      name: '张晓明',
      gender: 'male',
      birthDate: '1990-03-07',
      home: '湖南省长沙市天心区人民中路100号',
      idNo: '430104199003070015',
    });
  });

  it('reads an image’s size from its header before decoding it, and turns images by right angles', () => {
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(100_000, 0);
    ihdr.writeUInt32BE(80_000, 4);
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      Buffer.from('IHDR'),
      ihdr,
      deflateSync(Buffer.alloc(0)),
    ]);
    expect(imageSize(png, 'png')).to.deep.equal({ width: 100_000, height: 80_000 });
    const jpegHeader = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03]);
    expect(imageSize(Buffer.concat([jpegHeader, Buffer.alloc(16)]), 'jpg')).to.deep.equal({ width: 640, height: 480 });
    // 2×3, rows [1 2] [3 4] [5 6]
    const image = { width: 2, height: 3, pixels: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
    expect([...turned(image, 90).pixels]).to.deep.equal([5, 3, 1, 6, 4, 2]);
    expect([...turned(image, 180).pixels]).to.deep.equal([6, 5, 4, 3, 2, 1]);
    expect([...turned(image, 270).pixels]).to.deep.equal([2, 4, 6, 1, 3, 5]);
    expect(turned(image, 90)).to.include({ width: 3, height: 2 });
  });

  it('runs as many recognitions as it may at once, queues a few, and refuses the rest at once', async () => {
    const limiter = new Limiter(2, 1);
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const job = () =>
      limiter.run(async () => {
        most = Math.max(most, ++running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
        return 'done';
      });
    const started = [job(), job(), job()];
    expect(limiter.full).to.equal(true);
    expect(await job(), 'the fourth: two running, one waiting').to.equal(undefined);
    await new Promise((r) => setImmediate(r));
    expect(releases).to.have.length(2);
    releases.shift()!();
    await new Promise((r) => setImmediate(r));
    releases.splice(0).forEach((release) => release());
    await new Promise((r) => setImmediate(r));
    releases.splice(0).forEach((release) => release());
    expect((await Promise.all(started)).map((r) => r?.value)).to.deep.equal(['done', 'done', 'done']);
    expect(most).to.equal(2);
  });
});
