import { expect } from 'chai';
import { disallowedExpressionsIn, disallowedIn, expressionsIn } from '../../../contract/bpmn/lint/expressions.ts';

describe('expressions by allow-list (contract/bpmn/lint/expressions.ts)', () => {
  it('finds the expressions in a text', () => {
    expect(expressionsIn("${a == 'x}'} and #{b}")).to.deep.equal(["a == 'x}'", 'b']);
    expect(expressionsIn('plain text, no expression')).to.deep.equal([]);
  });

  it("allows variables read by name with literals, comparison, boolean and arithmetic operators, and the platform's three reads", () => {
    for (const ok of [
      "${decisionOutcome == 'approve'}",
      '${paymentRequired}',
      '${not empty x and (a > 1 or b lt 2)}',
      '${count * 2 + 1 >= limit / 4 - -1 && !done || n % 3 == 0}',
      '${a div 2 mod 3 ne 1 ? "yes" : "no"}',
      '${x == null or y != true}',
      '#{execution.processBusinessKey}',
      "${execution.getVariable('bundleCaseNo') != null}",
      "${itemProcessKeys.split(',')[loopCounter]}",
      "${onItemRejected == 'refuse_bundle' && execution.getVariable('itemOutcome') == 'reject'}",
      '${departmentCode}:reviewer',
      "${a == 'b(c).d'}",
      '${1.5e3}',
    ]) {
      expect(disallowedExpressionsIn(ok), ok).to.deep.equal([]);
    }
  });

  it("refuses the engine's objects, every property chain, call and index, and naming what it refused", () => {
    const refused: [string, string][] = [
      ['${execution.processEngine.processEngineConfiguration.jdbcUrl}', 'execution.processEngine'],
      ['${execution.processEngine.processEngineConfiguration.jdbcPassword}', 'execution.processEngine'],
      ['${execution.processEngineServices}', 'execution.processEngineServices'],
      ['${task.name}', 'task.name'],
      ['${execution}', 'execution'],
      ['${processEngineConfiguration}', 'processEngineConfiguration'],
      ['${dataSource.connection}', 'dataSource.connection'],
      ['${a.b}', 'a.b'],
      ["${x['run']}", "x [ 'run' ]"],
      ['${execution.getProcessEngineServices()}', 'execution.getProcessEngineServices('],
      ["${''.getClass().forName('java.lang.Runtime')}", '.getClass('],
      ["${execution.getVariable('x').getClass()}", 'execution.getVariable('],
      ["${a.b.split(',')}", 'a.b.'],
      ["${x.split('.*')[loopCounter]}", 'x.split('],
      ["${x.split(',')}", 'x.split('],
      ["${x.split(',')[0]}", 'x.split('],
      ["${x.split(',')[loopCounter].length}", 'x.split('],
      ['${execution.getVariable(name)}', 'execution.getVariable('],
      ["${fn:upper('x')}", ': upper'],
      ['${dateTime()}', 'dateTime ('],
      ['${bean.run ()}', 'bean.run('],
      ["${execution.setVariable('a', 1)}", 'execution.setVariable('],
      ['#{task.complete()}', 'task.complete('],
      ['${a = 1}', '='],
      ['${a; b}', ';'],
      ['${x -> x}', '> x'],
      ['${T(java.lang.Runtime)}', 'T(java.'],
      ['${}', '（空表达式）'],
      ["${'unclosed}", "'unclosed"],
    ];
    for (const [bad, offence] of refused) {
      const found = disallowedExpressionsIn(bad);
      expect(found, bad).to.have.length(1);
      expect(found[0]!.offence, bad).to.contain(offence);
    }
    expect(disallowedIn('a +')).to.equal('（表达式不完整）');
  });
});
