import { fileURLToPath } from 'node:url';
import { _ } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { newAjv } from './setup.ts';

/**
 * Build time only (the web app's Vite build, the tests): JSON schemas compiled into an ES module of
 * validate functions, one export per name. The pages' Content Security Policy lets no code be
 * evaluated, so the browser cannot compile a schema as the server does (ajv generates a function
 * from source); this compiles it beforehand with the same ajv (setup.ts), and the code it gives is
 * the code ajv would run. Its helpers and our formats come from runtime.ts. The names must be
 * JavaScript identifiers: each is an export, and the default export holds them all.
 */

/** the helpers of ajv's generated code, and what runtime.ts calls each */
const RUNTIME_HELPERS: Record<string, string> = {
  'require("ajv/dist/runtime/ucs2length").default': 'ucs2length',
  'require("ajv/dist/runtime/equal").default': 'equal',
};

const RUNTIME = fileURLToPath(new URL('./runtime.ts', import.meta.url));

export function standaloneValidators(schemas: Record<string, object>): string {
  const ajv = newAjv(true, { source: true, esm: true, formats: _`requestFormats` });
  for (const [name, schema] of Object.entries(schemas)) ajv.addSchema(schema, name);
  const generate = standaloneCode as unknown as (ajv: unknown, refs: Record<string, string>) => string;
  let code = generate(ajv, Object.fromEntries(Object.keys(schemas).map((name) => [name, name])));
  for (const [call, helper] of Object.entries(RUNTIME_HELPERS)) code = code.split(call).join(helper);
  const left = /require\([^)]*\)/.exec(code);
  if (left) throw new Error(`the compiled request checks need ${left[0]}: give runtime.ts that helper and name it in RUNTIME_HELPERS`);
  const imports = `import { requestFormats, ${Object.values(RUNTIME_HELPERS).join(', ')} } from ${JSON.stringify(RUNTIME)};`;
  // and all of them as one object, by name
  return `${imports}\n${code}\nexport default { ${Object.keys(schemas).join(', ')} };\n`;
}
