import { expect } from 'chai';
import { checkBpmn, checkDeployment, preflight } from '../../../server/modeler/deployment-policy.ts';
import { allTemplates } from '../../../server/modeler/element-templates.ts';
import { hasErrors } from '../../../server/modeler/problems.ts';
import { cleanItemProcess, oversized, VIOLATIONS, withXxe, type Template } from '../../modeler/support/bpmn-fixtures.ts';

const KEY = 'item_policy_unit';
const clean = () => cleanItemProcess(KEY, allTemplates() as unknown as Template[]);
const errors = async (xml: string) => (await checkBpmn(xml)).problems.filter((p) => p.severity === 'error');

describe('the deployment policy (server/modeler/deployment-policy.ts)', () => {
  it('passes a small item process built from the templates, with no errors and no warnings', async () => {
    const { problems } = await checkBpmn(clean());
    expect(
      problems.filter((p) => p.severity !== 'info'),
      JSON.stringify(problems),
    ).to.deep.equal([]);
    const deployment = await checkDeployment(clean(), KEY, new Set(['item_standard']));
    expect(hasErrors(deployment.problems)).to.equal(false);
  });

  for (const violation of VIOLATIONS) {
    it(`refuses ${violation.name}, naming ${violation.elementId ?? 'the file'}`, async () => {
      const found = await errors(violation.apply(clean()));
      const match = found.find((p) => p.rule === violation.rule);
      expect(match, JSON.stringify(found)).to.exist;
      expect(match!.elementId).to.equal(violation.elementId);
      expect(match!.message).to.match(/[\u4e00-\u9fff]/);
      expect(match!.en).to.be.a('string').and.not.equal(match!.message);
    });
  }

  it('refuses DOCTYPE and ENTITY before parsing (XXE), and never parses the file', async () => {
    const { problems, parsed } = await checkBpmn(withXxe(clean()));
    expect(parsed).to.equal(undefined);
    expect(problems.map((p) => p.rule)).to.deep.equal(['policy/no-doctype']);
    expect(preflight('<?xml version="1.0"?><!doctype x><x/>').map((p) => p.rule)).to.deep.equal(['policy/no-doctype']);
    expect(preflight('<x><!ENTITY a "b"></x>').map((p) => p.rule)).to.deep.equal(['policy/no-doctype']);
  });

  it('refuses a file over 2 MB before parsing it', async () => {
    const { problems, parsed } = await checkBpmn(oversized(clean()));
    expect(parsed).to.equal(undefined);
    expect(problems.map((p) => p.rule)).to.deep.equal(['policy/size-limit']);
  });

  it('refuses XInclude, even spelled with character references', async () => {
    const xml = clean().replace('xmlns:xsi=', 'xmlns:xi="&#104;ttp://www.w3.org/2001/XInclude" xmlns:xsi=');
    expect((await checkBpmn(xml)).problems.map((p) => p.rule)).to.deep.equal(['policy/no-xinclude']);
  });

  it('refuses script conditions and camunda:script in listeners and input parameters', async () => {
    const listener = clean().replace(
      '<bpmn:incoming>f1</bpmn:incoming>',
      '<bpmn:extensionElements><camunda:taskListener event="create"><camunda:script scriptFormat="groovy">1</camunda:script></camunda:taskListener></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming>',
    );
    expect((await errors(listener)).map((p) => [p.rule, p.elementId])).to.deep.include(['approval/no-script-task', 'review']);
    const condition = clean().replace(
      '<bpmn:sequenceFlow id="f1" sourceRef="submitted" targetRef="review" />',
      '<bpmn:sequenceFlow id="f1" sourceRef="submitted" targetRef="review"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="groovy">true</bpmn:conditionExpression></bpmn:sequenceFlow>',
    );
    expect((await errors(condition)).map((p) => [p.rule, p.elementId])).to.deep.include(['approval/no-script-task', 'f1']);
  });

  it('refuses connectors, script resources and class-based variable mappings', async () => {
    const connector = clean()
      .replace(
        /<bpmn:serviceTask id="notify_approved"[^>]*>/,
        '<bpmn:serviceTask id="notify_approved" name="告知"><bpmn:extensionElements><camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector></bpmn:extensionElements>',
      )
      .replace(
        /<bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="notice">approved<\/camunda:inputParameter><\/camunda:inputOutput><\/bpmn:extensionElements>/,
        '',
      );
    expect((await errors(connector)).map((p) => [p.rule, p.elementId])).to.deep.include(['approval/no-external-resource', 'notify_approved']);
    const mapping = clean().replace(
      /<bpmn:serviceTask id="notify_approved"[\s\S]*?<\/bpmn:serviceTask>/,
      '<bpmn:callActivity id="notify_approved" name="告知" calledElement="item_x" camunda:variableMappingClass="org.example.Mapping"><bpmn:incoming>f5</bpmn:incoming><bpmn:outgoing>f7</bpmn:outgoing></bpmn:callActivity>',
    );
    expect((await errors(mapping)).map((p) => [p.rule, p.elementId])).to.deep.include(['approval/no-java-delegate', 'notify_approved']);
    const resource = clean().replace('>P5D<', ' camunda:resource="http://evil.example/t.txt">P5D<');
    expect((await errors(resource)).map((p) => [p.rule, p.elementId])).to.deep.include(['approval/no-external-resource', 'timeout']);
  });

  it("refuses a platform process key and a file whose executable process is not the draft's", async () => {
    const platform = await checkDeployment(
      cleanItemProcess('item_standard', allTemplates() as unknown as Template[]),
      'item_standard',
      new Set(['item_standard']),
    );
    expect(platform.problems.filter((p) => p.severity === 'error').map((p) => p.rule)).to.deep.equal(['deploy/platform-process']);
    const other = await checkDeployment(clean(), 'item_other', new Set());
    expect(other.problems.filter((p) => p.severity === 'error').map((p) => [p.rule, p.elementId])).to.deep.equal([['deploy/process-key', KEY]]);
  });

  it('reports what is not BPMN as a parse error, not an exception', async () => {
    for (const xml of [
      'not xml at all',
      '<?xml version="1.0"?><html><body/></html>',
      '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p">',
    ]) {
      const { problems, parsed } = await checkBpmn(xml);
      expect(parsed, xml).to.equal(undefined);
      expect(
        problems.map((p) => p.rule),
        xml,
      ).to.deep.equal(['parse/error']);
    }
  });
});
