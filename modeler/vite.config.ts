import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { FORM_REQUESTS } from '../contract/requests/index.ts';
import { standaloneValidators } from '../contract/validation/standalone.ts';
import { elementPlusOnDemand } from './build/element-plus-on-demand.ts';
import { precompress } from './build/precompress.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

const REQUEST_CHECKER = fileURLToPath(new URL('./src/shared/requestChecks.ts', import.meta.url));

/**
 * The checks of the requests the pages send from forms (contract/requests/), compiled at build
 * time by the server's own ajv setup: the pages' CSP lets no code be evaluated, so the browser
 * could not compile a schema as the server does. `virtual:request-checks` holds a loader per
 * request; each loads `virtual:request-check/<name>`, that request's compiled schema with its
 * rules, as a chunk of its own, when a page first checks it: a page carries none of them until
 * then (all of them weigh about 200 kB, more than the whole sign-in page may).
 */
function requestChecks(): Plugin {
  const index = 'virtual:request-checks';
  const one = 'virtual:request-check/';
  const schema = 'virtual:request-schema/';
  const nameIn = (id: string, prefix: string) => {
    const name = id.slice(prefix.length + 1);
    if (!Object.hasOwn(FORM_REQUESTS, name)) throw new Error(`no form request named ${name} (contract/requests/)`);
    return name as keyof typeof FORM_REQUESTS;
  };
  return {
    name: 'request-checks',
    resolveId: (source) => (source === index || source.startsWith(one) || source.startsWith(schema) ? `\0${source}` : undefined),
    load(id) {
      if (id === `\0${index}`) {
        const loaders = Object.keys(FORM_REQUESTS).map((name) => `  ${name}: () => import('${one}${name}').then((m) => m.default),`);
        return `export default {\n${loaders.join('\n')}\n};\n`;
      }
      if (id.startsWith(`\0${one}`)) {
        const name = nameIn(id, one);
        return [
          `import compiled from '${schema}${name}';`,
          `import { requestChecker } from ${JSON.stringify(REQUEST_CHECKER)};`,
          'const check = requestChecker(compiled);',
          `export default (body) => check('${name}', body);`,
        ].join('\n');
      }
      if (id.startsWith(`\0${schema}`)) {
        const name = nameIn(id, schema);
        return standaloneValidators({ [name]: FORM_REQUESTS[name].schema });
      }
      return undefined;
    },
  };
}

/**
 * The web front end (modeler, inbox, window and applicant pages): one build, served by the server
 * from modeler/dist. `npm run dev:web` serves it with hot reload and sends /api to a running
 * platform (`npm start`, port 3000 unless API_URL says otherwise).
 */
export default defineConfig({
  root,
  base: '/',
  // Element Plus per component (build/element-plus-on-demand.ts); every text file also gzip- and
  // brotli-compressed beside itself (build/precompress.ts), which the server sends as it is
  plugins: [vue(), requestChecks(), elementPlusOnDemand(), precompress()],
  resolve: {
    // one preact: form-js-editor pins an older copy of its own, but renders form-js-viewer's fields,
    // which use the newer one; two copies break hooks (and bpmn-js's panels use the newer one too)
    dedupe: ['preact'],
  },
  define: {
    // vue-i18n: Composition API only, no devtools; its messages are compiled without eval (CSP)
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // quick on a 2-core machine: no gzip size report, no source maps in the served build
    reportCompressedSize: false,
    sourcemap: false,
    // the modeler chunk (properties panel with its FEEL editor, element templates, bpmnlint) is ~1.9 MB
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      output: {
        // libraries change less often than our pages: separate files, cached separately. Element Plus
        // is not one of them: each page's chunks carry the components it shows (the sign-in page a few)
        manualChunks: (id) => {
          // Rollup's CommonJS helpers serve both bpmn-js's and the modeler's CommonJS modules (and a
          // page's small CommonJS packages): a chunk of their own, so that none of those loads bpmn-js
          if (id.includes('commonjsHelpers')) return 'cjs';
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(@?vue|@vue|vue-router|vue-i18n|@intlify)\//.test(id)) return 'vue';
          // what the forms' checks run (the compiled request schemas' helpers, ajv's messages): small, and no reason to load bpmn-js
          if (/node_modules\/(ajv|ajv-formats|ajv-i18n)\//.test(id)) return 'checks';
          if (/node_modules\/(socket\.io-client|socket\.io-parser|engine\.io-client|engine\.io-parser|@socket\.io|debug|ms|xmlhttprequest-ssl)\//.test(id))
            return 'vendor';
          // ECharts (the supervision dashboard only): its own file, cached apart from the page
          if (/node_modules\/(echarts|zrender|vue-echarts)\//.test(id)) return 'charts';
          // the form-js viewer (the task view's form) with its FEEL interpreter: without the modeler's chunk
          if (
            /node_modules\/(@bpmn-io\/form-js-viewer|@bpmn-io\/feelin|@bpmn-io\/lezer-feel(ers)?|feelers|feelin|lezer-feel|luxon|@lezer\/(common|lr|highlight)|flatpickr|marked|dompurify|big\.js|classnames)\//.test(
              id,
            )
          )
            return 'forms';
          // the form-js editor (analysts only) goes with the modeler's properties panel it is built on
          if (/node_modules\/(@bpmn-io\/form-js-editor|@bpmn-io\/draggle)\//.test(id)) return 'modeler';
          // what only the modeler page uses (properties panel, element templates, bpmnlint, the FEEL
          // editor): its own chunk, so the case page's viewer does not load it
          if (
            /node_modules\/(bpmn-js-properties-panel|bpmn-js-element-templates|camunda-bpmn-js-behaviors|bpmn-js-bpmnlint|bpmnlint|bpmnlint-plugin-camunda-compat|bpmnlint-utils|@codemirror|@lezer|@bpmn-io\/(properties-panel|element-template[\w-]*|feel[\w-]*|lang-feel[\w-]*|lezer-feel[\w-]*|cm-theme|extract-process-variables|moddle-utils|semver-compat)|@camunda|feelers|feelin|lezer-feel|luxon|focus-trap|tabbable|classnames|preact-markup|array-move|semver-compare|uuid|style-mod|w3c-keyname|crelt)\//.test(
              id,
            )
          )
            return 'modeler';
          // dmn-js (the analysts' decision tables only) with its table and view libraries: one chunk, so
          // that its modules' cycles initialise in one file
          if (
            /node_modules\/(dmn-js[\w-]*|dmn-moddle|camunda-dmn-moddle|table-js|inferno[\w-]*|@bpmn-io\/dmn-variable-resolver|selection-ranges|selection-update)\//.test(
              id,
            )
          )
            return 'dmn';
          // what bpmn-js, the form-js viewer and the modeler share: the form of an application loads it without bpmn-js
          if (/node_modules\/(min-dash|min-dom|ids|hat|didi|preact|htm|clsx|inherits-browser)\//.test(id)) return 'bpmn-io';
          // bpmn-js and diagram-js (the case's progress diagram, the modeler's canvas): named, so that a
          // small package of another page (the QR code of the sign-in's enrolment) stays with that page
          if (
            /node_modules\/(bpmn-js|diagram-js|diagram-js-direct-editing|bpmn-moddle|camunda-bpmn-moddle|moddle|moddle-xml|saxen|tiny-svg|path-intersection|object-refs|@bpmn-io\/diagram-js-ui)\//.test(
              id,
            )
          )
            return 'bpmn';
          return undefined;
        },
      },
    },
  },
  server: {
    // the shared contract (../contract: lint rules, BPMN repairs, API types) is outside this root
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
    proxy: {
      '/api': { target: process.env.API_URL ?? 'http://127.0.0.1:3000', ws: true },
    },
  },
});
