import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { testEnv } from '../support/environment.ts';
import { freshIdNo, freshPhone } from '../support/oidc.ts';
import { User } from '../../server/auth/user.model.ts';
import { browserSuite, screenshot, type WatchedPage } from './support/browser.ts';

/**
 * 统一身份认证 and 申请人注册 in a browser (chromium): the login page's unified sign-in through the
 * sandbox OpenID Connect provider's own pages, as a person and as a company's agent (consent, back
 * to the platform, signed in on the applicant's pages), a cancelled sign-in, and the registration
 * page (SMS code from the sandbox outbox, a real-name check that fails and one that passes).
 */

/** The signed-in person as the page keeps them (sessionStorage). */
const signedInUser = (page: Page) =>
  page.evaluate(() =>
    JSON.parse((globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('approval.user') ?? 'null'),
  ) as Promise<{
    username: string;
    displayName: string;
    roles: string[];
  } | null>;

/** Drops one failed-resource console error per status the test provoked on purpose (chromium logs each 4xx). */
function expectedFailures(watched: WatchedPage, ...statuses: number[]): void {
  for (const status of statuses) {
    const at = watched.errors.findIndex((e) => e.includes(`status of ${status}`));
    expect(at, `the ${status} the page was asked to provoke`).to.be.greaterThan(-1);
    watched.errors.splice(at, 1);
  }
}

describe('unified identity sign-in and registration in a browser (chromium)', function () {
  this.timeout(180_000);
  const { open } = browserSuite();

  it('signs a person in through the sandbox provider: 张三 lands on his applicant pages', async () => {
    const watched = await open();
    const { page } = watched;
    await page.goto('/login');
    await page.locator('[data-test=unified-sign-in]').waitFor();
    await expect(await page.locator('[data-test=unified-person]').textContent()).to.include('个人登录');
    await screenshot(page, 'oidc-login-page');
    await page.locator('[data-test=unified-person]').click();
    await page.waitForURL(`${testEnv().identity.url}/interaction/**`);
    // a person's sign-in lists natural persons only, their numbers masked
    expect(await page.locator('button[data-subject="np-zhangsan"]').count()).to.equal(1);
    expect(await page.locator('button[data-subject^="lp-"]').count()).to.equal(0);
    expect(await page.content())
      .to.include('4301**********1234')
      .and.not.include('430102199003071234');
    await screenshot(page, 'oidc-provider-login');
    await page.locator('button[data-subject="np-zhangsan"]').click();
    await page.locator('[data-test=consent]').waitFor();
    expect(await page.locator('main').textContent())
      .to.include('证件类型和号码')
      .and.include('政务服务审批平台');
    await page.locator('[data-test=consent]').click();
    await page.waitForURL('**/my');
    const user = await signedInUser(page);
    expect(user).to.include({ username: 'applicant', displayName: '张三' });
    expect(page.url()).not.to.include('code=');
    await screenshot(page, 'oidc-signed-in-person');
  });

  it("signs a company's agent in: the company's account, with the expired agent refused at the provider", async () => {
    const watched = await open();
    const { page } = watched;
    await page.goto('/login');
    await page.locator('[data-test=unified-company]').click();
    await page.waitForURL(`${testEnv().identity.url}/interaction/**`);
    expect(await page.locator('button[data-subject="np-zhangsan"]').count()).to.equal(0);
    // 孙七's authorisation has expired: no sign-in for the company
    expect(await page.locator('button[data-subject="lp-furong-catering~np-sunqi"]').isDisabled()).to.equal(true);
    await screenshot(page, 'oidc-provider-company');
    await page.locator('button[data-subject="lp-furong-catering~np-wangwu"]').click();
    await page.locator('[data-test=consent]').click();
    await page.waitForURL('**/my');
    const user = (await signedInUser(page))!;
    expect(user.displayName).to.include('长沙芙蓉示范餐饮有限公司').and.include('王五');
    expect(user.roles).to.deep.equal(['applicant']);
    const account = (await User.findOne({ where: { username: user.username } }))!;
    expect(account).to.include({ accountKind: 'company', creditCode: '91430100MA4L1A2B3F' });
    await screenshot(page, 'oidc-signed-in-company');
  });

  it('says so when the person cancels at the provider, and signs nobody in', async () => {
    const watched = await open();
    const { page } = watched;
    await page.goto('/login');
    await page.locator('[data-test=unified-person]').click();
    await page.waitForURL(`${testEnv().identity.url}/interaction/**`);
    await page.locator('button[data-subject="np-lisi"]').click();
    await page.getByRole('button', { name: '拒绝' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('alert').filter({ hasText: '您已取消统一身份认证登录' }).waitFor();
    expect(await signedInUser(page)).to.equal(null);
  });

  it('registers an applicant: phone code from the SMS outbox, a real-name check that fails then passes, signed in', async () => {
    const person = testEnv().identity.control.addPerson({ name: '韩注册', idNo: freshIdNo(), phone: freshPhone(), realNameLevel: 'L2' });
    const watched = await open();
    const { page } = watched;
    await page.goto('/login');
    await page.locator('[data-test=to-register]').click();
    await page.waitForURL('**/register');
    await page.locator('#register-phone').fill(person.phone);
    await page.locator('[data-test=send-code]').click();
    await page.locator('[data-test=register-notice]').waitFor();
    expect(await page.locator('[data-test=send-code]').isDisabled()).to.equal(true);
    const [sms] = testEnv().sms.control.messages(person.phone);
    const code = /验证码为 (\d{6})/.exec(sms!.text)![1]!;
    // each step checked before it is sent, in the server's words (contract/requests/registration.ts)
    await page.locator('#register-code').fill(code.slice(1));
    await page.locator('[data-test=verify-phone]').click();
    await page.locator('[data-test=phone-form] .el-form-item__error', { hasText: '验证码：应为短信中的 6 位数字' }).waitFor();
    await page.locator('#register-code').fill(code);
    await page.locator('[data-test=verify-phone]').click();
    await page.locator('[data-test=identity-form]').waitFor();
    const username = `web${Date.now().toString(36)}`;
    await page.locator('#register-name').fill('韩某某');
    await page.locator('#register-id-no').fill(person.idNo);
    await page.locator('#register-username').fill('Han');
    await page.locator('#register-password').fill('Web-Register-2026');
    await page.locator('#register-confirm').fill('Web-Register-2025');
    await page.locator('[data-test=register-submit]').click();
    await page.locator('.el-form-item__error', { hasText: '用户名：应为 3 至 64 个字符：以小写字母开头' }).waitFor();
    await page.locator('.el-form-item__error', { hasText: '两次输入的密码不一致' }).waitFor();
    await screenshot(page, 'register-checked-before-sending');
    await page.locator('#register-username').fill(username);
    await page.locator('#register-confirm').fill('Web-Register-2026');
    await page.locator('[data-test=register-submit]').click();
    await page.locator('[data-test=register-problem]').filter({ hasText: '实名核验未通过' }).waitFor();
    // the server's words at the fields it names
    await page.locator('.el-form-item__error', { hasText: '姓名：与身份证号码不一致' }).waitFor();
    expectedFailures(watched, 422);
    await screenshot(page, 'register-real-name-mismatch');
    expect(await User.count({ where: { username } })).to.equal(0);
    await page.locator('#register-name').fill(person.name);
    await page.locator('[data-test=register-submit]').click();
    await page.waitForURL('**/my');
    expect(await signedInUser(page)).to.include({ username, displayName: '韩注册' });
    await screenshot(page, 'register-signed-in');
  });
});
