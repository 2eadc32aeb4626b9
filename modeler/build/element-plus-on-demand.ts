import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

const COMPONENTS = join(dirname(createRequire(import.meta.url).resolve('element-plus/package.json')), 'es', 'components');
const modulePath = (folder: string) => `element-plus/es/components/${folder}/index.mjs`;
const kebab = (name: string) =>
  name
    .replace(/^El|^v/, '')
    .replace(/(?<!^)([A-Z])/g, '-$1')
    .toLowerCase();

/**
 * Where Element Plus exports each name (`ElFormItem` from components/form, `vLoading` from
 * components/loading …): read from its component folders' index files, so that a new version's
 * components need no list here. A name exported by several folders comes from its own folder.
 */
function exportFolders(): Map<string, string> {
  const folders = new Map<string, string>();
  for (const folder of readdirSync(COMPONENTS)) {
    const index = join(COMPONENTS, folder, 'index.mjs');
    if (!existsSync(index)) continue;
    for (const [, list] of readFileSync(index, 'utf8').matchAll(/export\s*\{([^}]*)\}/g)) {
      for (const spec of list.split(',')) {
        const name = spec
          .trim()
          .split(/\s+as\s+/)
          .pop()!;
        if (!/^(El|v)[A-Z]/.test(name)) continue;
        if (!folders.has(name) || kebab(name) === folder) folders.set(name, folder);
      }
    }
  }
  return folders;
}

/** The style a name needs: its own folder's when it has one (form-item), else its module's folder's. */
function styleImport(name: string, folder: string): string {
  const own = kebab(name);
  const styled = existsSync(join(COMPONENTS, own, 'style', 'css.mjs')) ? own : folder;
  return existsSync(join(COMPONENTS, styled, 'style', 'css.mjs')) ? `import "element-plus/es/components/${styled}/style/css.mjs";` : '';
}

const pascal = (tag: string) => tag.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

/**
 * Element Plus per component, each with its styles, instead of the whole library and its 360 kB
 * stylesheet on every page: the sign-in page loads the few components it shows.
 *
 * - Templates: `<el-date-picker>` compiles to `resolveComponent("el-date-picker")` (nothing is
 *   registered globally); the call becomes the component imported from its folder, `v-loading`
 *   likewise.
 * - Scripts: `import { ElMessage } from 'element-plus'` becomes the import from its folder (type
 *   imports are gone by then).
 *
 * Only our own modules (modeler/src) are rewritten. A name this cannot place stays an import
 * from the library's index, which still works (and only costs build time).
 */
export function elementPlusOnDemand(): Plugin {
  let folders: Map<string, string>;
  return {
    name: 'element-plus-on-demand',
    enforce: 'post',
    buildStart: () => void (folders = exportFolders()),
    transform(code, id) {
      const file = id.split('?')[0]!;
      if (file.includes('/node_modules/') || !/\/modeler\/src\/.*\.(vue|ts)$/.test(file) || id.includes('type=style')) return null;
      if (!/element-plus|resolveComponent\("(el-|El)|resolveDirective\("loading"\)/.test(code)) return null;
      const imports = new Set<string>();
      const bring = (name: string, local: string): boolean => {
        const folder = folders.get(name);
        if (!folder) return false;
        imports.add(`import { ${name} as ${local} } from "${modulePath(folder)}";`);
        const style = styleImport(name, folder);
        if (style) imports.add(style);
        return true;
      };
      let out = code.replace(/\b_?resolveComponent\(\s*"(el-[a-z0-9-]+|El[A-Z]\w*)"\s*\)/g, (call, tag: string) => {
        const name = tag.startsWith('El') ? tag : `El${pascal(tag.slice(3))}`;
        return bring(name, `__${name}`) ? `__${name}` : call;
      });
      out = out.replace(/\b_?resolveDirective\(\s*"loading"\s*\)/g, (call) => (bring('vLoading', '__vLoading') ? '__vLoading' : call));
      out = out.replace(/import\s*\{([^}]*)\}\s*from\s*["']element-plus["'];?/g, (_statement, list: string) => {
        const kept: string[] = [];
        for (const spec of list
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)) {
          const [name, local = name] = spec.split(/\s+as\s+/) as [string, string?];
          if (!bring(name, local)) kept.push(spec);
        }
        return kept.length ? `import { ${kept.join(', ')} } from "element-plus";` : '';
      });
      if (out === code) return null;
      return { code: `${[...imports].join('\n')}\n${out}`, map: null };
    },
  };
}
