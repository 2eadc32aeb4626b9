import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { checkShippedDecisions } from '../../../server/modeler/index.ts';

/** A decision table shipped in processes/ passes the analysts' policy, or the platform does not start. */
describe('decision tables shipped in processes/ (server/modeler/shipped-decisions.ts)', () => {
  const good = readFileSync(new URL('../../fixtures/dmn/elderly-allowance.dmn', import.meta.url));
  const folder = (content: Buffer) => [
    {
      dir: 'processes/elderly-allowance',
      resources: [
        { name: 'eligibility.dmn', content },
        { name: 'x.bpmn', content: Buffer.from('<not dmn/>') },
      ],
    },
  ];

  it('lets a table that passes the policy through, and stops the start at one that does not, naming the file, the rule and the cell', async () => {
    await checkShippedDecisions(folder(good));
    const bad = Buffer.from(good.toString('utf8').replace('<text>500</text>', '<text>secret</text>'));
    const refused = await checkShippedDecisions(folder(bad)).then(
      () => null,
      (err: Error) => err.message,
    );
    expect(refused).to.contain('processes/elderly-allowance/eligibility.dmn: dmn/reads-inputs-only (r1o2)');
  });
});
