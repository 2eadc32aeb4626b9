import type { Browser } from 'playwright-core';

/**
 * Images of documents for the recognition tests, drawn by chromium from HTML (the CJK fonts
 * scripts/setup.sh installs): an identity card's and a business licence's layout, a filled-in form;
 * turned by any angle and overlaid with noise as a phone photo or a poor scan would be.
 */

/** GB 11643: 430104 长沙市岳麓区, born 1990-03-07, sequence 001 (odd: male), check character 5. */
export const VALID_ID_NUMBER = '430104199003070015';
/** The same number with a wrong check character. */
export const WRONG_ID_NUMBER = '430104199003070012';
/** GB 32100: 9 (工商) 1 (企业) 430104 …, check character 4. */
export const VALID_CREDIT_CODE = '91430104MA4L123454';
export const WRONG_CREDIT_CODE = '91430104MA4L123450';

export interface IdCardFacts {
  name: string;
  sex: '男' | '女';
  ethnicity: string;
  birth: [number, number, number];
  address: string;
  idNumber: string;
}
export const PERSON: IdCardFacts = {
  name: '张晓明',
  sex: '男',
  ethnicity: '汉',
  birth: [1990, 3, 7],
  address: '湖南省长沙市天心区人民中路100号',
  idNumber: VALID_ID_NUMBER,
};

export interface LicenceFacts {
  creditCode: string;
  name: string;
  type: string;
  legalRepresentative: string;
  capital: string;
  established: string;
  premises: string;
}
export const COMPANY: LicenceFacts = {
  creditCode: VALID_CREDIT_CODE,
  name: '长沙市星城餐饮管理有限公司',
  type: '有限责任公司（自然人投资或控股）',
  legalRepresentative: '李建国',
  capital: '人民币壹佰万元整',
  established: '2019年05月20日',
  premises: '湖南省长沙市天心区人民中路100号',
};

const FONT = `font-family:'AR PL SungtiL GB','Noto Serif CJK SC',serif;color:#111`;
const label = 'color:#4a6fa5;letter-spacing:10px';

export const idCardHtml = (p: IdCardFacts) => `
<div style="width:900px;height:570px;border-radius:24px;background:#eef3f7;${FONT};position:relative;font-size:34px">
  <div style="position:absolute;left:60px;top:50px;line-height:72px">
    <div><span style="${label}">姓名</span>&nbsp;&nbsp;${p.name}</div>
    <div><span style="${label}">性别</span>&nbsp;&nbsp;${p.sex}&nbsp;&nbsp;&nbsp;&nbsp;<span style="${label}">民族</span>&nbsp;&nbsp;${p.ethnicity}</div>
    <div><span style="${label}">出生</span>&nbsp;&nbsp;${p.birth[0]}&nbsp;年&nbsp;${p.birth[1]}&nbsp;月&nbsp;${p.birth[2]}&nbsp;日</div>
    <div style="display:flex"><span style="${label};white-space:nowrap">住址</span>&nbsp;&nbsp;<span style="width:470px;line-height:48px;padding-top:12px">${p.address}</span></div>
  </div>
  <div style="position:absolute;left:60px;bottom:50px"><span style="color:#4a6fa5">公民身份号码</span>&nbsp;&nbsp;<span style="letter-spacing:4px">${p.idNumber}</span></div>
  <div style="position:absolute;right:50px;top:60px;width:190px;height:240px;background:#c8d3dc"></div>
</div>`;

const row = (k: string, v: string) =>
  `<div style="display:flex;margin:12px 0"><span style="width:190px;white-space:nowrap;margin-right:30px">${k}</span><span style="flex:1">${v}</span></div>`;
export const licenceHtml = (c: LicenceFacts) => `
<div style="width:980px;padding:40px;background:#fffdf6;border:8px double #b8860b;${FONT};font-size:32px">
  <h1 style="text-align:center;letter-spacing:30px;font-size:56px;margin:10px 0 30px">营业执照</h1>
  <div style="margin-bottom:20px">统一社会信用代码&nbsp;&nbsp;${c.creditCode}</div>
  ${row('名称', c.name)}${row('类型', c.type)}${row('法定代表人', c.legalRepresentative)}
  ${row('注册资本', c.capital)}${row('成立日期', c.established)}${row('住所', c.premises)}
</div>`;

export const formHtml = (title: string, entries: [string, string][]) => `
<div style="width:900px;padding:40px;background:#fff;${FONT};font-size:32px;line-height:64px">
  <h1 style="text-align:center;font-size:44px">${title}</h1>
  ${entries.map(([k, v]) => `<div>${k}：${v}</div>`).join('')}
</div>`;

/** Turned by `degrees` clockwise; `noise`: grey grain over the document, as a poor photo has. */
export interface Shot {
  degrees?: number;
  noise?: boolean;
  type?: 'png' | 'jpeg';
}

const NOISE = `<svg style="position:absolute;inset:0;width:100%;height:100%;opacity:0.35"><filter id="n"><feTurbulence type="fractalNoise" baseFrequency="0.9" numOctaves="2" seed="7"/><feColorMatrix type="saturate" values="0"/></filter><rect width="100%" height="100%" filter="url(#n)"/></svg>`;

/** A photo or scan of the document: chromium draws it on a white page and takes its picture. */
export async function documentImage(browser: Browser, html: string, shot: Shot = {}): Promise<Buffer> {
  const side = 1300;
  const page = await browser.newPage({ viewport: { width: side, height: side } });
  try {
    await page.setContent(
      `<html><body style="margin:0;background:#fff;width:${side}px;height:${side}px;display:flex;align-items:center;justify-content:center">
       <div style="position:relative;transform:rotate(${shot.degrees ?? 0}deg)">${html}${shot.noise ? NOISE : ''}</div></body></html>`,
    );
    await page.evaluate('document.fonts.ready.then(() => true)');
    return await page.screenshot({ type: shot.type ?? 'png', ...(shot.type === 'jpeg' ? { quality: 85 } : {}) });
  } finally {
    await page.close();
  }
}
