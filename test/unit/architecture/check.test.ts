import { expect } from 'chai';
import { check, importsOf, unitOf } from '../../../scripts/architecture/check.ts';

const file = (path: string, ...imports: string[]) => ({ file: path, source: imports.map((i, n) => `import { x${n} } from '${i}';`).join('\n') });

describe('the architecture check (scripts/architecture/check.ts)', () => {
  it('reads static, re-exported, dynamic and side-effect imports, resolved from the file', () => {
    const source = [
      "import { a } from '../cases/case.model.ts';",
      "import type { B } from './b.ts';",
      "export { c } from '../payments/index.ts';",
      "const d = await import('../seals/seal.model.ts');",
      "import '../live/live.ts';",
      "import express from 'express';",
    ].join('\n');
    expect(importsOf('server/inbox/x.ts', source)).to.deep.equal([
      'server/cases/case.model.ts',
      'server/inbox/b.ts',
      'server/payments/index.ts',
      'server/seals/seal.model.ts',
      'server/live/live.ts',
    ]);
  });

  it('places each folder: contract, web app, workers, kernel, composition roots, domains', () => {
    expect(unitOf('contract/topics.ts')).to.deep.equal({ kind: 'contract' });
    expect(unitOf('modeler/src/main.ts')).to.deep.equal({ kind: 'web' });
    expect(unitOf('workers/seal/seal.handler.ts')).to.deep.equal({ kind: 'workers' });
    expect(unitOf('server/config/load.ts')).to.deep.equal({ kind: 'kernel' });
    expect(unitOf('server/app.ts')).to.deep.equal({ kind: 'composition' });
    expect(unitOf('server/cases/case.model.ts')).to.deep.equal({ kind: 'domain', domain: 'cases' });
    expect(unitOf('test/api/x.test.ts')).to.deep.equal({ kind: 'outside' });
  });

  it("refuses a worker that reaches a model or a domain's internals, and lets it use the public entry", () => {
    const breaches = check([
      file('workers/a/a.handler.ts', '../../server/cases/case.model.ts'),
      file('workers/b/b.handler.ts', '../../server/payments/open-order.ts'),
      file('workers/c/c.handler.ts', '../../server/payments/index.ts', '../../contract/topics.ts', '../../server/config/schema.ts'),
    ]);
    expect(breaches).to.deep.equal([
      'workers/a/a.handler.ts -> server/cases/case.model.ts: workers reach a domain only through its index.ts',
      'workers/b/b.handler.ts -> server/payments/open-order.ts: workers reach a domain only through its index.ts',
    ]);
  });

  it('refuses the server importing the web app, the web app importing the server, the kernel or contract importing a domain', () => {
    const breaches = check([
      file('server/modeler/lint.ts', '../../modeler/src/x.ts'),
      file('modeler/src/page.ts', '../../server/cases/case.model.ts'),
      file('server/errors/x.ts', '../cases/case.model.ts'),
      file('contract/topics.ts', '../server/config/schema.ts'),
    ]);
    expect(breaches.map((b) => b.split(': ')[1])).to.deep.equal([
      'contract/ imports nothing of ours but itself',
      'the web app imports only itself and contract/',
      'the kernel imports no domain',
      'the server imports neither the web app, the workers nor the tests',
    ]);
  });

  it("refuses another domain's model or internals, and lets a domain use a public entry, its own folder and the kernel", () => {
    const breaches = check([
      file('server/inbox/a.ts', '../cases/case.model.ts', '../cases/timeline.ts', '../cases/index.ts', './opinion.model.ts', '../errors/app-error.ts'),
    ]);
    expect(breaches).to.deep.equal([
      "server/inbox/a.ts -> server/cases/case.model.ts: imports another domain's model (use that domain's index.ts)",
      "server/inbox/a.ts -> server/cases/timeline.ts: imports another domain's internals (use that domain's index.ts)",
    ]);
  });

  it("refuses a controller that imports a model, its own domain's too, and lets it call its domain's services", () => {
    const breaches = check([
      file('server/payments/payments.controller.ts', './payment.model.ts', './case-payment.ts', '../http/route-table.ts'),
      file('server/auth/auth.controller.ts', '../cases/case.model.ts', './sign-in.service.ts'),
      file('server/payments/case-payment.ts', './payment.model.ts'),
      file('server/auth/sign-in.service.ts', './user.model.ts'),
    ]);
    expect(breaches).to.deep.equal([
      "server/auth/auth.controller.ts -> server/cases/case.model.ts: a controller imports no model: it reads the request, calls its domain's services and answers",
      "server/auth/auth.controller.ts -> server/cases/case.model.ts: imports another domain's model (use that domain's index.ts)",
      "server/payments/payments.controller.ts -> server/payments/payment.model.ts: a controller imports no model: it reads the request, calls its domain's services and answers",
    ]);
  });

  it('refuses every edge of an import cycle between domains, and none outside it', () => {
    const breaches = check([
      file('server/cases/a.ts', '../inbox/index.ts'),
      file('server/inbox/b.ts', '../payments/index.ts'),
      file('server/payments/c.ts', '../cases/index.ts', '../seals/index.ts'),
      file('server/seals/d.ts', '../organization/index.ts'),
    ]);
    expect(breaches.map((b) => b.split(':')[0])).to.deep.equal(['cases -> inbox', 'inbox -> payments', 'payments -> cases']);
    expect(breaches[0]).to.contain('closes an import cycle between domains (cases, inbox, payments)');
  });
});
