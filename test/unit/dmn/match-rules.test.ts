import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { matchRules } from '../../../contract/dmn/match-rules.ts';
import { readDecisionModel } from '../../../server/rules/index.ts';

const table = async (file: string, key: string) => (await readDecisionModel(readFileSync(file, 'utf8'))).decisions.find((d) => d.id === key)!;

describe('the rules a decision table hits (contract/dmn/match-rules.ts)', () => {
  it('names every rule a COLLECT table hits, and only the approving one for a clean case', async () => {
    const t = await table('processes/individual-business-registration/instant-approval.dmn', 'individual_business_instant');
    const clean = {
      operatorFound: true,
      operatorNameMatches: true,
      operatorAlive: true,
      operatorAgeYears: 36,
      organizationForm: 'individual',
      businessScope: '日用百货零售',
    };
    expect(matchRules(t, clean)).to.deep.equal({ rules: ['rule_7'], certain: true });
    expect(matchRules(t, { ...clean, organizationForm: 'family', businessScope: '预包装食品销售' })).to.deep.equal({
      rules: ['rule_5', 'rule_6'],
      certain: true,
    });
    expect(matchRules(t, { ...clean, operatorAgeYears: 17 }).rules).to.deep.equal(['rule_4']);
    // not found: no age (null) — the age rules cannot compare it, which FEEL warns about
    const nobody = matchRules(t, { ...clean, operatorFound: false, operatorNameMatches: false, operatorAlive: false, operatorAgeYears: null });
    expect(nobody.rules).to.deep.equal(['rule_1']);
  });

  it('stops at the first hit under FIRST, and reads ranges and functions of the input', async () => {
    const t = await table('test/fixtures/dmn/elderly-allowance.dmn', 'elderly_allowance');
    expect(matchRules(t, { age: 101, household: { region: '430102' } })).to.deep.equal({ rules: ['r1'], certain: true });
    expect(matchRules(t, { age: 85, household: { region: '440300' } })).to.deep.equal({ rules: ['r2'], certain: true });
    expect(matchRules(t, { age: 70, household: { region: '430102' } })).to.deep.equal({ rules: [], certain: true });
  });

  it('is not certain where an input is missing from the values', async () => {
    const t = await table('test/fixtures/dmn/elderly-allowance.dmn', 'elderly_allowance');
    expect(matchRules(t, { age: 85 }).certain).to.equal(false);
  });
});
