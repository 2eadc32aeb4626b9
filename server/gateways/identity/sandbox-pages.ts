import { authorizationInForce, type NaturalPerson, type Population, type PopulationBook, type Subject } from './population.ts';

/**
 * The identity sandbox's own pages (Chinese, plain HTML, no script): the login page that lists the
 * sandbox's identities, the consent page, the population. Every value is escaped; ID numbers and
 * phones are shown masked, as a real provider shows a person's own identity.
 */

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const maskId = (idNo: string) => `${idNo.slice(0, 4)}${'*'.repeat(10)}${idNo.slice(-4)}`;
const maskPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

const LEVELS: Record<string, string> = { L1: '一级（自行登记）', L2: '二级（身份证核验）', L3: '三级（人脸识别）', L4: '四级（现场核验）' };
const SCOPES: Record<string, string> = { apply: '办理申请', pay: '缴纳费用', receive: '领取结果' };

export function layout(title: string, content: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)} - 统一身份认证（沙箱）</title>
<style>
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;background:#f4f6f9;margin:0;color:#222}
main{max-width:640px;margin:40px auto;background:#fff;border-radius:8px;padding:28px;box-shadow:0 1px 4px rgba(0,0,0,.08)}
h1{font-size:22px;margin:0 0 8px}
h2{font-size:17px;margin:24px 0 8px}
.banner{background:#fff4e5;color:#a15c00;padding:8px 12px;border-radius:4px;font-size:13px;margin-bottom:16px}
.identity{display:flex;align-items:center;justify-content:space-between;gap:12px;border:1px solid #e5e7eb;border-radius:6px;padding:12px;margin:8px 0}
.identity p{margin:2px 0;font-size:14px;color:#555}
.identity strong{font-size:16px;color:#222}
.muted{color:#888;font-size:13px}
.expired{color:#c62828}
button{font-size:15px;padding:8px 16px;border-radius:4px;border:1px solid #1677ff;background:#1677ff;color:#fff;cursor:pointer}
button[disabled]{background:#ccc;border-color:#ccc;cursor:not-allowed}
button.secondary{background:#fff;color:#333;border-color:#ccc}
label{font-size:14px}
ul{padding-left:20px}
table{border-collapse:collapse;width:100%;font-size:13px}
td,th{border-bottom:1px solid #eee;padding:6px;text-align:left}
.actions{display:flex;gap:12px;margin-top:20px}
</style>
</head>
<body><main>
<div class="banner">沙箱环境：模拟的统一身份认证平台，仅供开发和测试，不校验密码或人脸。</div>
${content}
</main></body></html>`;
}

function personLine(person: NaturalPerson): string {
  return `<p>身份证号 ${escapeHtml(maskId(person.idNo))} · 手机 ${escapeHtml(maskPhone(person.phone))} · 实名等级 ${escapeHtml(LEVELS[person.realNameLevel] ?? person.realNameLevel)}</p>`;
}

/** One identity's buttons: a single-factor sign-in (amr pwd) and a multi-factor one (amr with mfa). */
function signInButton(uid: string, sub: string, label: string, enabled = true): string {
  const disabled = enabled ? '' : ' disabled';
  return `<form method="post" action="/interaction/${encodeURIComponent(uid)}/login">
<input type="hidden" name="subject" value="${escapeHtml(sub)}">
<button type="submit" data-subject="${escapeHtml(sub)}"${disabled}>${escapeHtml(label)}</button>
${enabled ? `<button type="submit" name="mfa" value="on" class="secondary" data-subject-mfa="${escapeHtml(sub)}">多因素登录</button>` : ''}
</form>`;
}

function representation(uid: string, subject: Subject & { kind: 'legal_person' }): string {
  const role = subject.actingAs === 'legal_representative' ? '法定代表人' : '经办人（授权代理）';
  const a = subject.authorization;
  const inForce = !a || authorizationInForce(a);
  const grant = a
    ? `<p>授权书 ${escapeHtml(a.id)}：${a.scope.map((s) => escapeHtml(SCOPES[s] ?? s)).join('、')}；有效期 ${escapeHtml(a.validFrom)} 至 ${escapeHtml(a.validUntil)}${
        inForce ? '' : ' <span class="expired">（已失效）</span>'
      }</p>`
    : '';
  return `<div class="identity"><div><strong>${escapeHtml(subject.person.name)}</strong> <span class="muted">${role}</span>${personLine(subject.person)}${grant}</div>
${signInButton(uid, subject.sub, inForce ? '以此身份登录' : '授权已失效', inForce)}</div>`;
}

/** The login page: the natural persons, or the companies with everyone who may act for them. */
export function loginPage(uid: string, clientName: string, subjectType: string | undefined, book: PopulationBook, error?: string): string {
  const population = book.snapshot;
  const persons =
    subjectType === 'legal_person'
      ? ''
      : `<h2>自然人</h2>${population.persons
          .map(
            (p) => `<div class="identity"><div><strong>${escapeHtml(p.name)}</strong>${personLine(p)}</div>${signInButton(uid, p.sub, '以此身份登录')}</div>`,
          )
          .join('')}`;
  const companies =
    subjectType === 'natural_person'
      ? ''
      : `<h2>法人</h2>${population.companies
          .map(
            (c) =>
              `<section><p><strong>${escapeHtml(c.name)}</strong> <span class="muted">统一社会信用代码 ${escapeHtml(c.creditCode)}</span></p>${book
                .representativesOf(c)
                .map((s) => representation(uid, s as Subject & { kind: 'legal_person' }))
                .join('')}</section>`,
          )
          .join('')}`;
  return layout(
    '登录',
    `<h1>统一身份认证登录</h1>
<p>「${escapeHtml(clientName)}」请求您登录${subjectType === 'legal_person' ? '（法人：由法定代表人或经授权的经办人登录）' : subjectType === 'natural_person' ? '（自然人）' : ''}。</p>
${error ? `<p class="expired" role="alert">${escapeHtml(error)}</p>` : ''}
${mfaNote()}
${persons}${companies}
<p><a href="/interaction/${encodeURIComponent(uid)}/abort">取消登录并返回</a></p>`,
  );
}

const mfaNote = () => '<p class="muted">“以此身份登录”：单因素（amr 为 pwd）；“多因素登录”：模拟密码加短信验证码，ID 令牌的 amr 含 mfa。</p>\n';

/** The consent page: what the client will receive. */
export function consentPage(uid: string, clientName: string, subject: Subject): string {
  const items = ['姓名', '手机号码', '证件类型和号码', '实名等级'];
  if (subject.kind === 'legal_person')
    items.push('企业名称、统一社会信用代码、法定代表人', subject.actingAs === 'agent' ? '您的授权书（范围和有效期）' : '您是法定代表人');
  return layout(
    '授权',
    `<h1>授权确认</h1>
<p>${escapeHtml(subject.person.name)}${subject.kind === 'legal_person' ? `（代表 ${escapeHtml(subject.company.name)}）` : ''}，「${escapeHtml(clientName)}」将获得以下信息：</p>
<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>
<div class="actions">
<form method="post" action="/interaction/${encodeURIComponent(uid)}/confirm"><button type="submit" data-test="consent">同意并继续</button></form>
<form method="get" action="/interaction/${encodeURIComponent(uid)}/abort"><button type="submit" class="secondary">拒绝</button></form>
</div>`,
  );
}

export function errorPage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(message)}</p>`);
}

/** The sandbox's front page: who is in the population (masked), and where its endpoints are. */
export function populationPage(population: Population, issuer: string): string {
  const rows = population.persons
    .map(
      (p) =>
        `<tr><td>${escapeHtml(p.sub)}</td><td>${escapeHtml(p.name)}</td><td>${escapeHtml(maskId(p.idNo))}</td><td>${escapeHtml(maskPhone(p.phone))}</td><td>${escapeHtml(p.realNameLevel)}</td></tr>`,
    )
    .join('');
  const companies = population.companies
    .map(
      (c) =>
        `<tr><td>${escapeHtml(c.name)}</td><td>${escapeHtml(c.creditCode)}</td><td>${escapeHtml(c.legalRepresentative)}</td><td>${c.agents
          .map((a) => `${escapeHtml(a.person)}（${escapeHtml(a.authorization.validUntil)} 止）`)
          .join('、')}</td></tr>`,
    )
    .join('');
  return layout(
    '人口库与法人库',
    `<h1>统一身份认证（沙箱）</h1>
<p>OpenID Connect 发现文档：<code>${escapeHtml(issuer)}/.well-known/openid-configuration</code></p>
<h2>自然人（人口库）</h2><table><tr><th>sub</th><th>姓名</th><th>身份证号</th><th>手机</th><th>实名等级</th></tr>${rows}</table>
<h2>法人（法人库）</h2><table><tr><th>名称</th><th>统一社会信用代码</th><th>法定代表人</th><th>经办人</th></tr>${companies}</table>`,
  );
}
