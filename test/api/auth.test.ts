import { expect } from 'chai';
import { signJws } from '../../server/auth/compact-jws.ts';
import { sessionTokenKey } from '../../server/auth/tokens.ts';
import { api, auth } from '../support/api.ts';

/** this file's logins, from an address of their own: the login limit (20 a minute per address) is login-security's to test */
const login = () => api().post('/api/v1/auth/login').set('X-Forwarded-For', '198.51.100.7');

describe('authentication', () => {
  it('logs a demo account in and tells who it is, with its engine groups', async () => {
    const res = await login().send({ username: 'reviewer', password: 'demo' });
    expect(res.status).to.equal(200);
    expect(res.body.tokenType).to.equal('Bearer');
    expect(res.body.user).to.include({ username: 'reviewer', departmentCode: 'samr' });
    const me = await api().get('/api/v1/auth/me').set('Authorization', `Bearer ${res.body.token}`);
    expect(me.status).to.equal(200);
    expect(me.body.groups).to.deep.equal(['samr:reviewer']);
  });

  it('refuses a wrong password in Chinese by default and in English on request', async () => {
    const zh = await login().send({ username: 'reviewer', password: 'wrong' });
    expect(zh.status).to.equal(401);
    expect(zh.body.error).to.deep.equal({ code: 'invalid_credentials', message: '用户名或密码错误' });
    const en = await login().set('Accept-Language', 'en-US,en;q=0.9').send({ username: 'nobody', password: 'x' });
    expect(en.status).to.equal(401);
    expect(en.body.error.message).to.equal('Wrong user name or password');
  });

  it('names the missing field of a malformed login and never answers 500 to bad JSON', async () => {
    const res = await login().send({ username: 'clerk' });
    expect(res.status).to.equal(422);
    expect(res.body.error.details[0]).to.include({ field: 'password', message: '密码：为必填项' });
    const broken = await login().set('Content-Type', 'application/json').send('{"username": ');
    expect(broken.status).to.equal(400);
    expect(broken.body.error.message).to.equal('请求体不是有效的 JSON');
  });

  it('requires a valid, unexpired token signed by us', async () => {
    expect((await api().get('/api/v1/tasks')).status).to.equal(401);
    const now = Math.floor(Date.now() / 1000);
    const forged = signJws(sessionTokenKey('not-the-secret-not-the-secret-not-the-secret'), 'JWT', {
      roles: ['admin'],
      username: 'admin',
      name: 'x',
      sub: '1',
      iss: 'approval-platform',
      iat: now,
      exp: now + 3600,
    });
    const res = await api().get('/api/v1/tasks').set('Authorization', `Bearer ${forged}`);
    expect(res.status).to.equal(401);
    expect(res.body.error.code).to.equal('token_invalid');
  });

  it('keeps each role to its own endpoints', async () => {
    expect(
      (
        await api()
          .get('/api/v1/tasks')
          .set(await auth('applicant'))
      ).status,
    ).to.equal(403);
    expect(
      (
        await api()
          .post('/api/v1/cases')
          .set(await auth('reviewer'))
          .send({})
      ).status,
    ).to.equal(403);
  });
});
