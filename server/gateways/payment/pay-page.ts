import type { SandboxOrder } from './sandbox-orders.ts';

/** ¥12.50 from 1250 fen, with integer arithmetic only. */
export function formatYuan(fen: number): string {
  return `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

const shanghaiTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function layout(title: string, content: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - 统一支付（沙箱）</title>
<style>
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;background:#f4f6f9;margin:0;color:#222}
main{max-width:420px;margin:48px auto;background:#fff;border-radius:8px;padding:28px;box-shadow:0 1px 4px rgba(0,0,0,.08)}
.banner{background:#fff4e5;color:#a15c00;padding:8px 12px;border-radius:4px;font-size:13px;margin-bottom:20px}
.amount{font-size:36px;font-weight:600;color:#d4380d;margin:12px 0}
dl{display:grid;grid-template-columns:auto 1fr;gap:6px 12px;font-size:14px;color:#555}
dt{color:#888}
.actions{display:flex;gap:12px;margin-top:24px}
.actions form{flex:1}
button{width:100%;font-size:16px;padding:10px;border-radius:4px;border:1px solid #ccc;background:#fff;cursor:pointer}
button.pay{background:#1677ff;border-color:#1677ff;color:#fff}
</style>
</head>
<body><main>
<div class="banner">沙箱环境：仅供测试和演示，不会产生真实扣款</div>
${content}
</main></body>
</html>`;
}

/** The cashier page for an unpaid order: what is paid for, how much, until when. */
export function payPage(order: SandboxOrder): string {
  const path = `/pay/${encodeURIComponent(order.orderNo)}`;
  return layout(
    '确认支付',
    `<h1>确认支付</h1>
<p class="subject">${escapeHtml(order.subject)}</p>
<p class="amount">${formatYuan(order.amountFen)}</p>
<dl>
<dt>订单号</dt><dd>${escapeHtml(order.orderNo)}</dd>
<dt>商户订单号</dt><dd>${escapeHtml(order.merchantOrderNo)}</dd>
<dt>支付截止</dt><dd>${shanghaiTime.format(new Date(order.expiresAt))}</dd>
</dl>
<div class="actions">
<form method="post" action="${path}/cancel"><button type="submit">取消</button></form>
<form method="post" action="${path}"><button type="submit" class="pay">支付</button></form>
</div>`,
  );
}

/** A page that only tells: already paid, expired, closed, unknown, cancelled. */
export function messagePage(title: string, message: string, returnUrl?: string): string {
  const back = returnUrl ? `<p><a href="${escapeHtml(returnUrl)}">返回办事页面</a></p>` : '';
  return layout(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${back}`);
}
