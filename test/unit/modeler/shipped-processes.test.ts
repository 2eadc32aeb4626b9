import { expect } from 'chai';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkBpmn } from '../../../server/modeler/deployment-policy.ts';
import { REPO_ROOT } from '../../../scripts/lib/engine.ts';

/**
 * The platform's own processes pass the same lint as uploads, but for the exemptions documented
 * in docs/modeler.md ("Shipped processes").
 */
const EXEMPT = [
  // 送达: the wait for the carrier's or the window's confirmation ends with the delivery itself;
  // a returned parcel is offered at the window, and the case has no deadline left to enforce
  { process: 'case-results', rule: 'approval/wait-has-timeout', elementId: 'result_delivered' },
];

describe('the shipped processes (processes/*/process.bpmn) under the modeler lint', () => {
  const folders = readdirSync(join(REPO_ROOT, 'processes')).filter((d) => existsSync(join(REPO_ROOT, 'processes', d, 'process.bpmn')));

  it('finds the processes', () => expect(folders.length).to.be.greaterThan(3));

  for (const folder of folders) {
    it(`${folder}: no errors but the documented exemptions`, async () => {
      const { problems } = await checkBpmn(readFileSync(join(REPO_ROOT, 'processes', folder, 'process.bpmn'), 'utf8'));
      const exempt = (p: { rule: string; elementId?: string }) => EXEMPT.some((e) => e.process === folder && e.rule === p.rule && e.elementId === p.elementId);
      const errors = problems.filter((p) => p.severity === 'error' && !exempt(p));
      expect(errors, JSON.stringify(errors, null, 1)).to.deep.equal([]);
      // an exemption the process no longer needs is removed here and in docs/modeler.md
      for (const e of EXEMPT.filter((x) => x.process === folder)) {
        expect(
          problems.some((p) => p.rule === e.rule && p.elementId === e.elementId),
          `stale exemption ${JSON.stringify(e)}`,
        ).to.equal(true);
      }
    });
  }
});
