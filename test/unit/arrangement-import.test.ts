import { expect } from 'chai';
import { parseArrangementText } from '../../contract/requests/calendar.ts';

/** The 工作日历 page reads a pasted or uploaded arrangement with the contract's reader before the request's checks. */
describe("reading the State Council's arrangement as pasted or uploaded", () => {
  it('reads CSV with a Chinese header, Chinese kinds and commas, skipping blank lines and comments, keeping each line number', () => {
    const read = parseArrangementText('\uFEFF日期,类型,名称\r\n2027-01-01,放假,元旦\r\n\r\n# 春节\r\n2027-02-05，休，春节\r\n2027-02-20\t上班\t春节\r\n');
    expect(read).to.deep.equal({
      days: [
        { day: '2027-01-01', kind: 'holiday', name: '元旦' },
        { day: '2027-02-05', kind: 'holiday', name: '春节' },
        { day: '2027-02-20', kind: 'workday', name: '春节' },
      ],
      lines: [2, 5, 6],
    });
  });

  it('keeps a bad line as written, for the checks to say what is wrong at its line', () => {
    const read = parseArrangementText('2027-02-30,vacation\n2027-10-01,holiday,国庆节');
    expect(read).to.deep.equal({
      days: [
        { day: '2027-02-30', kind: 'vacation', name: '' },
        { day: '2027-10-01', kind: 'holiday', name: '国庆节' },
      ],
      lines: [1, 2],
    });
  });

  it('reads JSON (an array, or {days}), and says when JSON does not parse', () => {
    const days = [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }];
    expect(parseArrangementText(JSON.stringify(days))).to.deep.equal({ days, lines: [1] });
    expect(parseArrangementText(JSON.stringify({ year: 2027, days: [{ date: '2027-01-01', type: '放假', name: ' 元旦 ' }] }))).to.deep.equal({
      days,
      lines: [1],
    });
    const broken = parseArrangementText('[{"day": "2027-01-01",');
    expect(broken).to.have.property('error');
    expect((broken as { error: { 'zh-CN': string } }).error['zh-CN']).to.contain('JSON 无法解析');
    expect(parseArrangementText('{"year": 2027}')).to.deep.equal({
      error: { 'zh-CN': 'JSON 应为日期的数组，或含 days 数组的对象', en: 'the JSON must be an array of days, or an object with a days array' },
    });
  });
});
