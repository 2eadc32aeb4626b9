import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, auth } from '../support/api.ts';
import { parseBpmn } from '../../server/modeler/bpmn-xml.ts';
import { canonicalElements } from '../../server/modeler/bpmn-diff.ts';
import { REPO_ROOT } from '../../scripts/lib/engine.ts';
import { MODELER } from '../modeler/support/modeler-api.ts';
import { browserSuite, screenshot } from './support/browser.ts';
import { signInAnalyst } from './support/modeler-canvas.ts';

const MIWG = join(REPO_ROOT, '..', 'shared', 'fixtures', 'bpmn-miwg');
const isDiagram = (type: string) => /^(bpmndi|dc|di):/.test(type);
const typesById = (byId: Record<string, { $type: string }>) =>
  Object.entries(byId)
    .map(([id, e]) => `${id} ${e.$type}`)
    .sort();

/**
 * Third-party files in the analysts' modeler itself: each BPMN MIWG reference model (Signavio,
 * Trisotech, ARIS, Camunda Modeler …) imported as a draft, opened in bpmn-js in chromium and saved
 * from there; the revision the browser wrote has every element of the file, each with the same
 * type, properties, unknown attributes and extensions (the server's unit test does the same
 * through bpmn-moddle alone: test/unit/modeler/miwg-roundtrip.test.ts).
 */
describe('BPMN MIWG reference models in the browser modeler: open and save without loss', function () {
  this.timeout(600_000);
  const { open } = browserSuite();

  it('opens and saves every reference model, losing nothing', async () => {
    const files = readdirSync(MIWG)
      .filter((f) => f.endsWith('.bpmn'))
      .sort();
    expect(files.length).to.be.at.least(20);
    const { page } = await open();
    await signInAnalyst(page);
    const lost: string[] = [];
    for (const file of files) {
      const xml = readFileSync(join(MIWG, file), 'utf8');
      const created = await api()
        .post(`${MODELER}/drafts`)
        .set(await auth('analyst'))
        .send({ processKey: `miwg_${file.replace(/\W/g, '_')}_${Date.now()}`, name: `MIWG ${file}`, xml });
      expect(created.status, `${file}: ${JSON.stringify(created.body)}`).to.equal(201);
      await page.goto(`/modeling/drafts/${created.body.id}`);
      await page.locator('[data-test=canvas] .djs-element').first().waitFor();
      await page.locator('[data-test=save]').click();
      const savedNow = await page
        .locator('[data-test=revision]')
        .filter({ hasText: '第 2 版草稿' })
        .waitFor({ timeout: 10_000 })
        .then(
          () => true,
          () => false,
        );
      if (!savedNow) {
        await screenshot(page, `modeling-miwg-unsaved-${file}`);
        lost.push(`${file}: not saved from the browser`);
        continue;
      }
      if (file === 'C.1.0.bpmn') await screenshot(page, 'modeling-miwg-c10');

      const saved = await api()
        .get(`${MODELER}/drafts/${created.body.id}/revisions/2`)
        .set(await auth('analyst'));
      const [before, after] = [await parseBpmn(xml), await parseBpmn(saved.body.xml)];
      const [had, has] = [typesById(before.elementsById), typesById(after.elementsById)];
      const gone = had.filter((e) => !has.includes(e));
      if (gone.length) lost.push(`${file}: gone ${gone.join(', ')}`);
      // the process itself, unchanged; the drawing may gain what bpmn-js adds (isMarkerVisible, a plane per collapsed sub-process)
      const [a, b] = [canonicalElements(before.elementsById), canonicalElements(after.elementsById)];
      for (const [id, canonical] of a) {
        const type = before.elementsById[id]!.$type;
        if (isDiagram(type) || type === 'bpmn:Definitions' || !b.has(id)) continue;
        if (b.get(id) !== canonical) lost.push(`${file} ${id}: ${canonical} → ${b.get(id)}`);
      }
    }
    expect(lost.join('\n'), 'elements changed by opening and saving in the browser').to.equal('');
  });
});
