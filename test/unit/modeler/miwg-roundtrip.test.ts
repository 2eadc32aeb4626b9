import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBpmn, writeBpmn } from '../../../server/modeler/bpmn-xml.ts';
import { canonicalElements } from '../../../server/modeler/bpmn-diff.ts';
import { checkBpmn } from '../../../server/modeler/deployment-policy.ts';
import { REPO_ROOT } from '../../../scripts/lib/engine.ts';

const MIWG = join(REPO_ROOT, '..', 'shared', 'fixtures', 'bpmn-miwg');
const typesById = (byId: Record<string, { $type: string }>) =>
  Object.entries(byId)
    .map(([id, e]) => `${id} ${e.$type}`)
    .sort();

/**
 * Third-party files open and save without loss: the BPMN MIWG reference models (Signavio, W4,
 * Trisotech, ARIS, Camunda Modeler …) through bpmn-moddle: fromXML → toXML → fromXML keeps every
 * element id with its type, and every element's properties, unknown attributes and extensions.
 */
describe('BPMN MIWG reference models: open and save without loss', () => {
  const files = readdirSync(MIWG)
    .filter((f) => f.endsWith('.bpmn'))
    .sort();

  it('finds the reference models', () => expect(files.length).to.be.at.least(20));

  for (const file of files) {
    it(`${file} round-trips`, async () => {
      const xml = readFileSync(join(MIWG, file), 'utf8');
      const first = await parseBpmn(xml);
      const saved = await writeBpmn(first.definitions);
      const second = await parseBpmn(saved);
      expect(typesById(second.elementsById)).to.deep.equal(typesById(first.elementsById));
      expect(Object.keys(first.elementsById).length).to.be.greaterThan(5);
      const [a, b] = [canonicalElements(first.elementsById), canonicalElements(second.elementsById)];
      for (const [id, canonical] of a) expect(b.get(id), `${file} ${id}`).to.equal(canonical);
      // saved once more, the file is stable
      expect(await writeBpmn(second.definitions)).to.equal(saved);
      // and the lint reads it: findings, not failures
      const { problems } = await checkBpmn(xml);
      expect(problems.filter((p) => p.rule === 'parse/error' || p.severity === undefined)).to.deep.equal([]);
    });
  }

  it('keeps Activiti attributes of a file that binds the camunda prefix to Activiti (C.1.0)', async () => {
    const first = await parseBpmn(readFileSync(join(MIWG, 'C.1.0.bpmn'), 'utf8'));
    const saved = await writeBpmn(first.definitions);
    expect(saved).to.match(/xmlns:ns0="http:\/\/activiti\.org\/bpmn"/);
    expect(saved).to.match(/ns0:assignee="\$\{approver\}"/);
    expect(saved).to.not.match(/xmlns:camunda="http:\/\/activiti/);
  });

  it('keeps a reference to an id that is not in the file (C.8.1 outMessageRef triso:unspecified)', async () => {
    const first = await parseBpmn(readFileSync(join(MIWG, 'C.8.1.bpmn'), 'utf8'));
    expect(await writeBpmn(first.definitions)).to.contain('<semantic:outMessageRef>triso:unspecified</semantic:outMessageRef>');
  });
});
