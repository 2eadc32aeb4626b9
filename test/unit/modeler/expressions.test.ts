import { expect } from 'chai';
import { expressionsIn, forbiddenCallsIn } from '../../../contract/bpmn/lint/expressions.ts';

describe('method calls in JUEL expressions (contract/bpmn/lint/expressions.ts)', () => {
  it('finds the expressions in a text', () => {
    expect(expressionsIn("${a == 'x}'} and #{b}")).to.deep.equal(["a == 'x}'", 'b']);
    expect(expressionsIn('plain text, no expression')).to.deep.equal([]);
  });

  it('allows comparisons, property reads and the two reads the platform uses', () => {
    for (const ok of [
      "${decisionOutcome == 'approve'}",
      '${paymentRequired}',
      '${not empty x and (a > 1 or b lt 2)}',
      '#{execution.processBusinessKey}',
      "${execution.getVariable('bundleCaseNo') != null}",
      "${itemProcessKeys.split(',')[loopCounter]}",
      "${onItemRejected == 'refuse_bundle' && execution.getVariable('itemOutcome') == 'reject'}",
      '${departmentCode}:reviewer',
      "${a == 'b(c)'}",
    ]) {
      expect(forbiddenCallsIn(ok), ok).to.deep.equal([]);
    }
  });

  it('refuses every other call', () => {
    for (const bad of [
      '${execution.getProcessEngineServices()}',
      "${''.getClass().forName('java.lang.Runtime')}",
      "${execution.getVariable('x').getClass()}",
      "${a.b.split(',')}",
      "${x.split('.*')}",
      '${execution.getVariable(name)}',
      "${fn:upper('x')}",
      '${bean.run ()}',
      "${x['run']()}",
      "${execution.setVariable('a', 1)}",
      '#{task.complete()}',
    ]) {
      expect(forbiddenCallsIn(bad), bad).to.not.deep.equal([]);
    }
  });
});
