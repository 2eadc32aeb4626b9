import { expect } from 'chai';
import { Linter } from 'bpmnlint';
import StaticResolver from 'bpmnlint/lib/resolver/static-resolver.js';
import { lintConfig, staticRuleCache } from '../../../contract/bpmn/lint/index.ts';
import { parseBpmn } from '../../../server/modeler/bpmn-xml.ts';
import { allTemplates } from '../../../server/modeler/element-templates.ts';
import { platformRuleSettings } from '../../../server/modeler/lint.ts';
import { cleanItemProcess, VIOLATIONS, type Template } from '../../modeler/support/bpmn-fixtures.ts';

/** The rules as the browser will run them: from a static cache, configured as the server hands out. */
describe('contract/bpmn/lint in a static resolver (as bundled for the browser)', () => {
  it('finds the same violations with only our rules and the served settings', async () => {
    const config = lintConfig(platformRuleSettings());
    const ours = { rules: Object.fromEntries(Object.entries(config.rules).filter(([name]) => name.startsWith('approval/'))) };
    const clean = cleanItemProcess('item_static', allTemplates() as unknown as Template[]);
    for (const violation of VIOLATIONS.filter((v) => v.rule.startsWith('approval/'))) {
      const { definitions } = await parseBpmn(violation.apply(clean));
      const results = await new Linter({ config: ours, resolver: new StaticResolver(staticRuleCache()) }).lint(definitions);
      expect(
        results[violation.rule]?.map((r) => r.id),
        violation.name,
      ).to.include(violation.elementId);
    }
    const { definitions } = await parseBpmn(clean);
    expect(await new Linter({ config: ours, resolver: new StaticResolver(staticRuleCache()) }).lint(definitions)).to.deep.equal({});
  });
});
