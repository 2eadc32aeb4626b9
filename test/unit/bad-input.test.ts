import { expect } from 'chai';
import type { NextFunction, Request, Response } from 'express';
import { hasControlCharacter, isCleanFileName, isPersonName, nulFieldOf } from '../../contract/validation/text.ts';
import { problemsOf } from '../../server/validation/ajv.ts';
import { refuseBadAddress } from '../../server/http/bad-input.ts';
import { errorMiddleware } from '../../server/errors/middleware.ts';
import { AppError } from '../../server/errors/app-error.ts';
import { EngineClient, EngineError, isEngineId } from '../../server/engine/client.ts';

/** What refuseBadAddress passes on for a request to `url`: undefined, or the error. */
function addressCheck(url: string): AppError | undefined {
  let passed: unknown = 'not called';
  refuseBadAddress({ originalUrl: url } as Request, {} as Response, ((err?: unknown) => (passed = err)) as NextFunction);
  expect(passed).not.to.equal('not called');
  return passed as AppError | undefined;
}

describe('bad input: the rules (contract/validation/text.ts, server/http/bad-input.ts)', () => {
  it('a person name has a letter and nothing invisible or misleading; rare CJK characters are letters', () => {
    for (const name of [
      '张三',
      '张𪚥',
      '𠀀明',
      '李𰀀',
      '欧阳娜娜',
      'Zhang San',
      "O'Brien-Smith",
      '长沙某某餐饮有限公司（有限合伙）',
      '阿依古丽·买买提',
      '张\uE000',
    ]) {
      expect(isPersonName(name), name).to.equal(true);
    }
    const bad = [
      '',
      '   ',
      '123',
      '\u200B\u200B',
      '张\u200C三',
      '张\u200D三',
      '\u2060张三',
      '\uFEFF张三',
      '张三\u00AD',
      '张\u202E三',
      '张\u202A三',
      '\u2066张三\u2069',
      '张\u200F三',
      '张\u0000三',
      '张\t三',
      '张\u0085三',
      '张\u2028三',
      '张\uD800三',
      '张\u{E0041}三',
    ];
    for (const name of bad) expect(isPersonName(name), JSON.stringify(name)).to.equal(false);
  });

  it('the ajv format person-name says what is wrong in both languages', () => {
    const schema = { type: 'object', properties: { name: { type: 'string', format: 'person-name', title: '收件人姓名', 'x-title-en': "Recipient's name" } } };
    const [problem] = problemsOf(schema, { name: '\u200B' });
    expect(problem!.field).to.equal('name');
    expect(problem!.message['zh-CN']).to.match(/^收件人姓名：应为姓名或名称/);
    expect(problem!.message.en).to.match(/^Recipient's name: must be a name: at least one letter/);
    expect(problemsOf(schema, { name: '张𪚥' })).to.deep.equal([]);
  });

  it('an empty or blank text is said once, in words: not "fewer than 1 character" and a pattern', () => {
    const schema = { type: 'object', properties: { note: { type: 'string', minLength: 1, pattern: '\\S', title: '整改情况', 'x-title-en': 'What was done' } } };
    for (const note of ['', '   ']) {
      const problems = problemsOf(schema, { note });
      expect(
        problems.map((p) => p.message),
        JSON.stringify(note),
      ).to.deep.equal([{ 'zh-CN': '整改情况：不能为空', en: 'What was done: must not be empty' }]);
    }
    expect(problemsOf(schema, { note: '已回访' })).to.deep.equal([]);
  });

  it('file names: no control characters, no text-direction controls', () => {
    expect(isCleanFileName('租赁合同 (1).pdf')).to.equal(true);
    for (const name of ['a\u0000.pdf', 'a\t.pdf', 'a\u001B.pdf', 'invoice\u202Egnp.pdf', 'a\u2067.pdf'])
      expect(isCleanFileName(name), JSON.stringify(name)).to.equal(false);
    expect(hasControlCharacter('a\u007F')).to.equal(true);
  });

  it('finds a NUL anywhere in a JSON value and names its field; a deep value costs no stack', () => {
    expect(nulFieldOf({ a: [{ b: 'x' }, { c: 'y\u0000' }] })).to.equal('a.1.c');
    expect(nulFieldOf({ form: { ['k\u0000']: 1 } })).to.equal('form.k\u2400');
    expect(nulFieldOf('\u0000')).to.equal('/');
    expect(nulFieldOf({ a: 'x', b: [1, true, null] })).to.equal(undefined);
    let deep: unknown = 'end\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(nulFieldOf(deep)).to.have.length(2 * 200_000 - 1);
  });

  it('refuses malformed percent-encoding and control characters in the path and the query, and nothing else', () => {
    for (const url of ['/api/v1/items/ABC', '/api/v1/items/%E4%B8%AD', '/api/v1/tasks/abc%2Fdef/claim', '/api/v1/items?q=%E4%B8%AD+a&b=', '/api/v1/x?a=1&&b']) {
      expect(addressCheck(url), url).to.equal(undefined);
    }
    for (const url of ['/api/v1/items/ABC%FF', '/api/v1/items/%E4%B8', '/a/%E4/%B8', '/a/50%', '/a/%C0%AF', '/a/%ED%A0%80', '/a?q=%FF', '/a?%ZZ=1']) {
      const err = addressCheck(url);
      expect(err, url).to.be.instanceOf(AppError);
      expect(err!.status).to.equal(400);
      expect(err!.localizedMessage!['zh-CN'], url).to.contain('百分号编码');
    }
    for (const url of ['/api/v1/items/ABC%00', '/a/%0A', '/a?q=%1B', '/a?q%00=1', '/a/%7F']) {
      const err = addressCheck(url);
      expect(err, url).to.be.instanceOf(AppError);
      expect(err!.localizedMessage!.en, url).to.contain('control character');
    }
  });

  it("the router's URIError (a parameter it cannot decode) is a 400 in the error middleware, not a 500", () => {
    const err = Object.assign(new URIError("Failed to decode param '%FF'"), { status: 400 });
    let status = 0;
    let body: { error: { code: string; message: string } } | undefined;
    const res = {
      status(code: number) {
        status = code;
        return this;
      },
      json(payload: typeof body) {
        body = payload;
        return this;
      },
    } as unknown as Response;
    errorMiddleware(err, { headers: { 'accept-language': 'en' } } as Request, res, (() => {}) as NextFunction);
    expect(status).to.equal(400);
    expect(body!.error).to.deep.equal({
      code: 'bad_request',
      message: 'The address contains a malformed percent-encoding (%) and cannot be read; check the link',
    });
  });

  it("engine ids: the engine's alphabet only; the client never sends a dot segment", async () => {
    for (const id of ['8a3f2c1e-1b2c-4d5e-9f00-0123456789ab', '12345', 'aB_9']) expect(isEngineId(id), id).to.equal(true);
    for (const id of ['', 'abc/def', '..', 'a.b', 'a b', 'a%2F', 'a?x', '-a', 'a'.repeat(65)]) expect(isEngineId(id), id).to.equal(false);
    // nothing listens there: a request that went out would fail as unreachable (status 0)
    const engine = new EngineClient({ url: 'http://127.0.0.1:9/engine-rest', user: 'u', password: 'p', timeoutMs: 2000 });
    for (const id of ['..', '.']) {
      const err = await engine.task(id).catch((e: unknown) => e);
      expect(err, id).to.be.instanceOf(EngineError);
      expect((err as EngineError).type, id).to.equal('InvalidPathSegment');
    }
  });
});
