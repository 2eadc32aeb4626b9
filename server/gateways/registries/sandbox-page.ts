import { escapeHtml } from '../identity/sandbox-pages.ts';
import type { RegistryEvent } from './registries.ts';
import type { RegistryBook } from './sandbox-book.ts';
import { addDays, yearsBefore } from './sandbox-generate.ts';

const maskId = (idNo: string) => `${idNo.slice(0, 4)}${'*'.repeat(10)}${idNo.slice(-4)}`;
const shanghai = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium', hour12: false });

function describe(e: RegistryEvent): string {
  if (e.type === 'birth_registered') return `出生登记：${e.child.name}（${e.child.birthDate}），父母 ${e.parents.map((p) => p.name).join('、')}`;
  if (e.type === 'death_registered') return `死亡登记：${e.person.name}（${e.deathDate}）`;
  return `企业设立登记：${e.company.name}（${e.company.creditCode}）`;
}

/** The sandbox registries' page: what they hold, who turns 80 within 60 days, the newest registrations (ID numbers masked). */
export function registriesPage(book: RegistryBook, events: RegistryEvent[], outage: boolean, today: string): string {
  const c = book.counts;
  const turning80 = book.personsBorn({ bornFrom: addDays(yearsBefore(today, 80), 1), bornTo: addDays(yearsBefore(today, 80), 60) }, 0, 50).persons;
  const rows = events.map((e) => `<tr><td>${escapeHtml(shanghai.format(new Date(e.recordedAt)))}</td><td>${escapeHtml(describe(e))}</td></tr>`).join('');
  const elders = turning80.map((p) => `<li>${escapeHtml(p.name)}（${maskId(p.idNo)}，${p.birthDate}）</li>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>人口库、法人库（沙箱）</title>
<style>body{font-family:"Noto Sans CJK SC","PingFang SC",sans-serif;background:#f4f6f9;margin:0}main{max-width:1000px;margin:32px auto;background:#fff;padding:24px;border-radius:8px}
.banner{background:#fff4e5;color:#a15c00;padding:8px 12px;border-radius:4px;font-size:13px}table{border-collapse:collapse;width:100%;font-size:14px}td,th{border-bottom:1px solid #eee;padding:6px;text-align:left}</style>
</head><body><main><div class="banner">沙箱环境：模拟的人口库和法人库，记录均为生成的虚构数据。${outage ? '当前处于注入的中断状态。' : ''}</div>
<h1>人口库、法人库</h1><p>自然人 ${c.persons}（在世 ${c.alive}，死亡 ${c.deceased}，持残疾人证 ${c.disabled}）· 户 ${c.households} · 市场主体 ${c.companies} · 登记事件 ${c.events}</p>
<h2>60 天内年满 80 周岁</h2>${elders ? `<ul>${elders}</ul>` : '<p>无</p>'}
<h2>最新登记事件</h2>${rows ? `<table><tr><th>登记时间</th><th>事件</th></tr>${rows}</table>` : '<p>尚无登记事件。</p>'}</main></body></html>`;
}
