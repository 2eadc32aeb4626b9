import express, { Router, type Response } from 'express';
import { httpUrl, instant, integer, jsonObject, oneOf, optionalHttpUrl, optionalInteger, optionalOneOf, text, type Body } from '../sandbox/input-checks.ts';
import { SandboxError } from '../sandbox/sandbox-error.ts';
import { messagePage, payPage } from './pay-page.ts';
import type { PaymentSandboxControl } from './sandbox-service.ts';
import { NOTIFY_MODES, STATUS_LABELS, type NotifyPlan, type SandboxOrder, type SandboxOrderBook, type SandboxTransfer } from './sandbox-orders.ts';
import { invalidInput } from '../sandbox/sandbox-error.ts';
import { isValidCreditCode, isValidResidentIdNumber } from '../../../contract/validation/id-numbers.ts';

/** Merchant order and refund numbers: what real gateways accept, so a real one will too. */
const MERCHANT_NO = {
  min: 6,
  max: 64,
  pattern: /^[A-Za-z0-9_-]+$/,
  patternHint: { zh: '只能包含字母、数字、- 和 _', en: 'may contain only letters, digits, - and _' },
};
const MAX_AMOUNT_FEN = 1_000_000_000;

export function orderView(book: SandboxOrderBook, order: SandboxOrder) {
  return {
    orderNo: order.orderNo,
    merchantOrderNo: order.merchantOrderNo,
    status: book.statusOf(order),
    amountFen: order.amountFen,
    refundedFen: order.refundedFen,
    ...(order.paidAt ? { paidAt: order.paidAt } : {}),
  };
}

const transferView = (t: SandboxTransfer) => ({
  transferNo: t.transferNo,
  tradeNo: t.tradeNo,
  status: t.status,
  amountFen: t.amountFen,
  paidAt: t.createdAt,
});

/** What a merchant calls, as on a real gateway: create, query, refund. publicUrl is the base of payUrl. */
export function merchantApi(book: SandboxOrderBook, publicUrl: () => string): Router {
  const api = Router();
  api.post('/orders', (req, res) => {
    const body = jsonObject(req.body);
    const input = {
      merchantOrderNo: text(body, 'merchantOrderNo', MERCHANT_NO),
      amountFen: integer(body, 'amountFen', 1, MAX_AMOUNT_FEN),
      subject: text(body, 'subject', {
        max: 128,
        pattern: /^[^\p{Cc}]+$/u,
        patternHint: { zh: '不能包含控制字符', en: 'must not contain control characters' },
      }),
      notifyUrl: httpUrl(body, 'notifyUrl'),
      returnUrl: optionalHttpUrl(body, 'returnUrl'),
      expiresAt: instant(body, 'expiresAt'),
    };
    const { order, created } = book.create(input);
    res.status(created ? 201 : 200).json({ ...orderView(book, order), payUrl: `${publicUrl()}/pay/${order.orderNo}` });
  });
  api.get('/merchant-orders/:merchantOrderNo', (req, res) => {
    res.json(orderView(book, book.byMerchantOrderNo(req.params.merchantOrderNo)));
  });
  // 代发: a payout to a person's account, or a company's (对公账户, by its 统一社会信用代码), e.g. a benefit granted (免申即享)
  api.post('/transfers', (req, res) => {
    const body = jsonObject(req.body);
    const payeeIdNo = text(body, 'payeeIdNo', {
      max: 18,
      pattern: /^(\d{17}[\dX]|[0-9A-HJ-NPQRTUWXY]{18})$/,
      patternHint: { zh: '应为 18 位居民身份证号码或统一社会信用代码', en: 'must be an 18-character resident ID number or unified social credit code' },
    });
    // a person's number first: an 18-digit ID number may pass the credit code's check too
    const company = !isValidResidentIdNumber(payeeIdNo) && isValidCreditCode(payeeIdNo);
    if (!company && !isValidResidentIdNumber(payeeIdNo))
      throw invalidInput(
        'payeeIdNo',
        '不是有效的居民身份证号码或统一社会信用代码（校验位不符）',
        'is not a valid resident ID number or credit code (check character)',
      );
    const { transfer, created } = book.transfer({
      transferNo: text(body, 'transferNo', MERCHANT_NO),
      payeeIdNo,
      // a person's name; a company's as registered (汉字, with its brackets and Latin letters or digits)
      payeeName: text(
        body,
        'payeeName',
        company
          ? {
              max: 100,
              pattern: /^[\p{Script=Han}·（）()A-Za-z0-9]{2,100}$/u,
              patternHint: { zh: '应为 2 至 100 个字的企业名称', en: 'must be a company name of 2 to 100 characters' },
            }
          : {
              max: 30,
              pattern: /^[\p{Script=Han}·]{2,30}$/u,
              patternHint: { zh: '应为 2 至 30 个汉字', en: 'must be 2 to 30 Chinese characters' },
            },
      ),
      amountFen: integer(body, 'amountFen', 1, MAX_AMOUNT_FEN),
      purpose: text(body, 'purpose', { max: 64 }),
    });
    res.status(created ? 201 : 200).json(transferView(transfer));
  });
  api.get('/transfers/:transferNo', (req, res) => {
    res.json(transferView(book.transferByNo(req.params.transferNo)));
  });
  api.post('/refunds', (req, res) => {
    const body = jsonObject(req.body);
    const refund = book.refund({
      merchantOrderNo: text(body, 'merchantOrderNo', MERCHANT_NO),
      refundNo: text(body, 'refundNo', MERCHANT_NO),
      amountFen: integer(body, 'amountFen', 1, MAX_AMOUNT_FEN),
      reason: text(body, 'reason', { max: 80 }),
    });
    res.json({ refundNo: refund.refundNo, status: 'succeeded', amountFen: refund.amountFen });
  });
  return api;
}

/** The payer's cashier pages. Errors here are pages, not JSON: a person reads them. */
export function payPages(book: SandboxOrderBook, control: PaymentSandboxControl): Router {
  const pages = Router();
  pages.use(express.urlencoded({ extended: false, limit: '4kb' }));
  pages.use((_req, res, next) => {
    res.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    next();
  });
  const find = (orderNo: string, res: Response): SandboxOrder | undefined => {
    const order = book.state.orders[orderNo];
    if (!order)
      res
        .status(404)
        .type('html')
        .send(messagePage('订单不存在', `找不到支付订单 ${orderNo}，请回到办事页面重新发起缴费。`));
    return order;
  };
  pages.get('/:orderNo', (req, res) => {
    const order = find(req.params.orderNo, res);
    if (!order) return;
    const status = book.statusOf(order);
    if (status === 'unpaid') return void res.type('html').send(payPage(order));
    res
      .status(status === 'paid' || status === 'refunded' ? 200 : 410)
      .type('html')
      .send(
        messagePage(
          `订单${STATUS_LABELS[status]}`,
          status === 'expired' ? '订单已超过支付期限，请回到办事页面重新发起缴费。' : `该订单${STATUS_LABELS[status]}，无需再支付。`,
          order.returnUrl,
        ),
      );
  });
  pages.post('/:orderNo', (req, res) => {
    const order = find(req.params.orderNo, res);
    if (!order) return;
    try {
      control.pay(order.orderNo);
    } catch (err) {
      if (!(err instanceof SandboxError)) throw err;
      return void res
        .status(err.status)
        .type('html')
        .send(messagePage('无法支付', err.localized['zh-CN'], order.returnUrl));
    }
    if (order.returnUrl) return void res.redirect(303, order.returnUrl);
    res.type('html').send(messagePage('支付成功', `已支付，订单号 ${order.orderNo}。`));
  });
  pages.post('/:orderNo/cancel', (req, res) => {
    const order = find(req.params.orderNo, res);
    if (!order) return;
    if (order.returnUrl) return void res.redirect(303, order.returnUrl);
    res.type('html').send(messagePage('已取消支付', '订单未支付，在支付截止前仍可重新支付。'));
  });
  return pages;
}

function notifyPlan(body: Body, required: boolean): NotifyPlan | undefined {
  const mode = required ? oneOf(body, 'notify', NOTIFY_MODES) : optionalOneOf(body, 'notify', NOTIFY_MODES);
  if (!mode) return undefined;
  const delayMs = optionalInteger(body, 'delayMs', 0, 3_600_000);
  return { mode, ...(delayMs === undefined ? {} : { delayMs }) };
}

/**
 * SANDBOX ONLY: what a test or a demo presenter does in place of a payer, and how they choose the
 * gateway's behaviour. A real gateway has nothing like it; never expose it beyond loopback.
 */
export function paymentControlApi(control: PaymentSandboxControl): Router {
  const api = Router();
  api.get('/orders/:orderNo', (req, res) => void res.json(control.order(req.params.orderNo)));
  api.put('/orders/:orderNo/notify', (req, res) => {
    const plan = notifyPlan(jsonObject(req.body), true)!;
    control.setNotify(req.params.orderNo, plan);
    res.json(plan);
  });
  api.post('/orders/:orderNo/pay', (req, res) => void res.json(control.pay(req.params.orderNo, notifyPlan(jsonObject(req.body ?? {}), false))));
  api.post('/orders/:orderNo/close', (req, res) => {
    control.close(req.params.orderNo);
    res.json(control.order(req.params.orderNo));
  });
  return api;
}
