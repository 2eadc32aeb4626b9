import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { elementPlusOnDemand } from '../../modeler/build/element-plus-on-demand.ts';
import { precompress } from '../../modeler/build/precompress.ts';

/** A hook of a plugin, called as Vite would (these hooks use no plugin context). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const hook = (plugin: Plugin, name: keyof Plugin) => plugin[name] as (...args: any[]) => any;

describe("the web build's own plugins (modeler/build/)", () => {
  describe('Element Plus per component', () => {
    const plugin = elementPlusOnDemand();
    before(() => hook(plugin, 'buildStart')());
    const transform = (code: string, id = '/repo/modeler/src/inbox/Page.vue') => hook(plugin, 'transform')(code, id) as { code: string } | null;

    it("turns a template's Element Plus tags and v-loading into imports of their own modules, with their styles", () => {
      const compiled = [
        'import { resolveComponent as _resolveComponent, resolveDirective as _resolveDirective } from "vue";',
        'const _component_el_form_item = _resolveComponent("el-form-item");',
        'const _component_el_button = _resolveComponent("el-button");',
        'const _component_el_option = _resolveComponent("el-option");',
        'const _directive_loading = _resolveDirective("loading");',
      ].join('\n');
      const out = transform(compiled)!.code;
      expect(out).to.contain('const _component_el_form_item = __ElFormItem;');
      expect(out).to.contain('import { ElFormItem as __ElFormItem } from "element-plus/es/components/form/index.mjs";');
      expect(out).to.contain('import "element-plus/es/components/form-item/style/css.mjs";');
      expect(out).to.contain('import { ElButton as __ElButton } from "element-plus/es/components/button/index.mjs";');
      expect(out).to.contain('import "element-plus/es/components/button/style/css.mjs";');
      expect(out).to.contain('import { ElOption as __ElOption } from "element-plus/es/components/select/index.mjs";');
      expect(out).to.contain('const _directive_loading = __vLoading;');
      expect(out).to.contain('import { vLoading as __vLoading } from "element-plus/es/components/loading/index.mjs";');
      expect(out).to.not.match(/_resolveComponent\("el-/);
    });

    it("turns a script's import from 'element-plus' into its modules', keeps a name it cannot place, and leaves other code alone", () => {
      const out = transform('import { ElMessage, ElMessageBox as Box, notAComponent } from "element-plus";\nElMessage("x");', '/repo/modeler/src/x.ts')!.code;
      expect(out).to.contain('import { ElMessage as ElMessage } from "element-plus/es/components/message/index.mjs";');
      expect(out).to.contain('import "element-plus/es/components/message/style/css.mjs";');
      expect(out).to.contain('import { ElMessageBox as Box } from "element-plus/es/components/message-box/index.mjs";');
      expect(out).to.contain('import { notAComponent } from "element-plus";');
      expect(transform('const a = resolveComponent("my-thing");')).to.equal(null);
      expect(transform('import { ElMessage } from "element-plus";', '/repo/node_modules/x/index.ts')).to.equal(null);
    });
  });

  it('precompress writes gzip and brotli copies of every text file worth it, each unpacking to the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'precompress-'));
    try {
      mkdirSync(join(dir, 'assets'));
      const script = Buffer.from('export const greeting = "你好";\n'.repeat(400));
      writeFileSync(join(dir, 'assets', 'app-abc123.js'), script);
      writeFileSync(join(dir, 'index.html'), '<!doctype html>'.repeat(100));
      writeFileSync(join(dir, 'tiny.css'), 'a{}');
      writeFileSync(join(dir, 'photo.png'), Buffer.alloc(4096, 1));
      const plugin = precompress();
      hook(plugin, 'configResolved')({ root: dir, build: { outDir: '.' } });
      await hook(plugin, 'closeBundle')();
      const js = join(dir, 'assets', 'app-abc123.js');
      expect(gunzipSync(readFileSync(`${js}.gz`)).equals(script)).to.equal(true);
      expect(brotliDecompressSync(readFileSync(`${js}.br`)).equals(script)).to.equal(true);
      expect(readFileSync(`${js}.br`).length).to.be.below(script.length / 10);
      expect(existsSync(join(dir, 'index.html.br'))).to.equal(true);
      // too small to gain, and a format that is compressed already
      expect(existsSync(join(dir, 'tiny.css.gz'))).to.equal(false);
      expect(existsSync(join(dir, 'photo.png.br'))).to.equal(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
