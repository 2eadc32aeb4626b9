import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { readDecisionModel } from '../../../server/rules/dmn-xml.ts';
import { checkDecisionModel, decisionReads } from '../../../contract/dmn/decision-policy.ts';

/**
 * The decision tables' deployment policy (contract/dmn/decision-policy.ts) over DMN read from XML
 * (server/rules/dmn-xml.ts): a good table passes; each way around the rules is refused, named.
 */
const GOOD = readFileSync(new URL('../../fixtures/dmn/elderly-allowance.dmn', import.meta.url), 'utf8');
const rulesOf = async (xml: string) => checkDecisionModel(await readDecisionModel(xml)).map((p) => p.rule);

describe('decision tables: the deployment policy (contract/dmn)', () => {
  it('reads a decision table with its inputs, outputs and rules, and finds nothing wrong with it', async () => {
    const model = await readDecisionModel(GOOD);
    const d = model.decisions[0]!;
    expect(d).to.include({ id: 'elderly_allowance', name: '高龄津贴资格', hitPolicy: 'FIRST', historyTimeToLive: '180' });
    expect(d.inputs.map((i) => [i.label, i.expression.text, i.typeRef])).to.deep.equal([
      ['年龄', 'age', 'integer'],
      ['户籍', 'household.region', 'string'],
    ]);
    expect(d.outputs.map((o) => o.name)).to.deep.equal(['eligible', 'amount']);
    expect(d.rules[0]!.inputEntries.map((e) => e.text)).to.deep.equal(['>= 100', 'starts with(?, "4301")']);
    expect(decisionReads(d)).to.deep.equal(['age', 'household']);
    expect(checkDecisionModel(model)).to.deep.equal([]);
  });

  it('refuses an expression language other than FEEL (JUEL could reach the engine), inherited or on one cell', async () => {
    expect(
      await rulesOf(GOOD.replace('<inputExpression id="e1" typeRef="integer">', '<inputExpression id="e1" typeRef="integer" expressionLanguage="juel">')),
    ).to.include('dmn/feel-only');
    const all = GOOD.replace('namespace="http://camunda.org/schema/1.0/dmn"', 'namespace="http://camunda.org/schema/1.0/dmn" expressionLanguage="javascript"');
    expect((await rulesOf(all)).filter((r) => r === 'dmn/feel-only').length).to.be.greaterThan(5);
  });

  it('refuses rules that read anything but the inputs, call unknown functions, or do not parse', async () => {
    expect(await rulesOf(GOOD.replace('<text>500</text>', '<text>secret * 2</text>'))).to.deep.equal(['dmn/reads-inputs-only']);
    expect(await rulesOf(GOOD.replace('<text>500</text>', '<text>age * 5</text>'))).to.deep.equal([]);
    expect(await rulesOf(GOOD.replace('<text>500</text>', '<text>system property("user.home")</text>'))).to.include('dmn/known-functions');
    expect(await rulesOf(GOOD.replace('<text>&gt;= 100</text>', '<text>&gt;= 1 0 0</text>'))).to.deep.equal(['dmn/feel-syntax']);
  });

  it('refuses what is not a decision table, an unknown hit policy or type, a result without a name, and tables past their bounds', async () => {
    const literal = GOOD.replace(/<decisionTable[\s\S]*<\/decisionTable>/, '<literalExpression id="l1"><text>1</text></literalExpression>');
    expect(await rulesOf(literal)).to.deep.equal(['dmn/decision-table-only']);
    expect(await rulesOf(GOOD.replace('hitPolicy="FIRST"', 'hitPolicy="FIRST" aggregation="SUM"'))).to.deep.equal(['dmn/hit-policy']);
    expect(await rulesOf(GOOD.replace('typeRef="boolean"', 'typeRef="java.lang.Runtime"'))).to.deep.equal(['dmn/type-ref']);
    expect(await rulesOf(GOOD.replace('name="amount"', ''))).to.deep.equal(['dmn/output-name']);
    const rule = GOOD.match(/<rule id="r2">[\s\S]*?<\/rule>/)![0];
    const many = GOOD.replace(rule, Array.from({ length: 1001 }, (_, i) => rule.replace(/id="r2/g, `id="x${i}`)).join(''));
    expect(await rulesOf(many)).to.deep.equal(['dmn/size']);
  });
});
