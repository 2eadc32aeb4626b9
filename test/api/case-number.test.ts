// test-plan: every-profile — the case-number counters are upserts written per database
import { expect } from 'chai';
import { testEnv } from '../support/environment.ts';
import { nextCaseNumber, shanghaiDate } from '../../server/cases/case-number.ts';
import { soakSize } from '../support/soak.ts';

const CONCURRENT = soakSize(1000, 250);

describe('办件编码 (case numbers)', () => {
  it(`gives ${CONCURRENT} concurrent transactions ${CONCURRENT} distinct, consecutive numbers of the documented form`, async function () {
    this.timeout(120_000);
    const { sequelize } = testEnv().server.ctx;
    const region = '439999'; // a region of its own, so other tests' cases do not interleave
    const day = new Date('2026-11-22T16:30:00Z'); // 00:30 on 23 November in Asia/Shanghai
    const numbers = await Promise.all(
      Array.from({ length: CONCURRENT }, () => sequelize.transaction((transaction) => nextCaseNumber(sequelize, region, transaction, day))),
    );
    expect(new Set(numbers).size).to.equal(CONCURRENT);
    for (const n of numbers) expect(n).to.match(/^43999920261123\d{6}$/);
    const sequences = numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
    expect(sequences[0]).to.equal(1);
    expect(sequences.at(-1)).to.equal(CONCURRENT);
  });

  it('dates a case by the day in Asia/Shanghai', () => {
    expect(shanghaiDate(new Date('2026-12-31T15:59:59Z'))).to.equal('20261231');
    expect(shanghaiDate(new Date('2026-12-31T16:00:00Z'))).to.equal('20270101');
  });
});
