import type { HeldEvent } from './sandbox-ledger.ts';

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const shanghai = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium', hour12: false });

const TYPE_NAMES: Record<string, string> = {
  apply: '申办',
  accept: '受理',
  reject: '不予受理',
  correction: '补正',
  process: '办理',
  suspend: '特别程序开始',
  resume: '特别程序结束',
  conclude: '办结',
  deliver: '送达',
  collect: '领取',
  evaluate: '评价',
};

/** The sandbox exchange's page: its figures and the newest events it holds (no personal data: the envelope only). */
export function exchangePage(events: HeldEvent[], stats: Record<string, number>, outage: boolean): string {
  const rows = events
    .map(
      (e) =>
        `<tr><td>${escapeHtml(shanghai.format(new Date(e.receivedAt)))}</td><td>${escapeHtml(e.caseNo)}</td><td>${escapeHtml(TYPE_NAMES[e.eventType] ?? e.eventType)}</td><td>${escapeHtml(e.channel)}</td><td>${escapeHtml(shanghai.format(new Date(e.occurredAt)))}</td><td>${e.outOfOrder ? '乱序' : ''}</td></tr>`,
    )
    .join('');
  const figures = `接收 ${stats.accepted ?? 0} · 重复 ${stats.duplicates ?? 0} · 拒收 ${stats.rejected ?? 0} · 签名不符 ${stats.unsigned ?? 0} · 共持有 ${stats.held ?? 0}`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>省级数据共享交换平台（沙箱）</title>
<style>body{font-family:"Noto Sans CJK SC","PingFang SC",sans-serif;background:#f4f6f9;margin:0}main{max-width:1000px;margin:32px auto;background:#fff;padding:24px;border-radius:8px}
.banner{background:#fff4e5;color:#a15c00;padding:8px 12px;border-radius:4px;font-size:13px}table{border-collapse:collapse;width:100%;font-size:14px}td,th{border-bottom:1px solid #eee;padding:6px;text-align:left}</style>
</head><body><main><div class="banner">沙箱环境：模拟省级政务服务办件数据汇聚接口，数据不会报送到真实平台。${outage ? '当前处于注入的中断状态。' : ''}</div>
<h1>办件数据汇聚（最新 200 条）</h1><p>${figures}</p>${events.length ? `<table><tr><th>接收时间</th><th>办件编号</th><th>状态</th><th>渠道</th><th>发生时间</th><th></th></tr>${rows}</table>` : '<p>尚未收到任何办件事件。</p>'}</main></body></html>`;
}
