import { Router } from 'express';
import { httpUrl, jsonObject, oneOf, optionalBoolean, optionalInteger, optionalText, text } from '../sandbox/input-checks.ts';
import { WAYBILL_EVENTS } from './carrier.ts';
import { contact } from './contact-checks.ts';
import type { CarrierSandboxControl } from './sandbox-service.ts';
import type { SandboxWaybillBook } from './sandbox-waybills.ts';

const SHIPMENT_NO = {
  min: 6,
  max: 64,
  pattern: /^[A-Za-z0-9_-]+$/,
  patternHint: { zh: '只能包含字母、数字、- 和 _', en: 'may contain only letters, digits, - and _' },
};
const WAYBILL_NO = { max: 32, pattern: /^[A-Za-z0-9]+$/, patternHint: { zh: '只能包含字母和数字', en: 'may contain only letters and digits' } };

/** What a merchant calls, as on a real carrier's open platform: book a waybill, read its route. */
export function carrierApi(book: SandboxWaybillBook): Router {
  const api = Router();
  api.post('/waybills', (req, res) => {
    const body = jsonObject(req.body);
    const { waybill, created } = book.create({
      shipmentNo: text(body, 'shipmentNo', SHIPMENT_NO),
      sender: contact(body, 'sender'),
      recipient: contact(body, 'recipient'),
      parcel: { description: text(body, 'parcel.description', { max: 100 }) },
      callbackUrl: httpUrl(body, 'callbackUrl'),
    });
    res.status(created ? 201 : 200).json({ waybillNo: waybill.waybillNo, shipmentNo: waybill.shipmentNo, status: waybill.status });
  });
  api.get('/waybills/:waybillNo/events', (req, res) => {
    const waybill = book.byWaybillNo(req.params.waybillNo);
    res.json({
      waybillNo: waybill.waybillNo,
      status: waybill.status,
      events: waybill.events.map(({ eventId, event, at, description }) => ({ eventId, event, at, description })),
    });
  });
  return api;
}

/**
 * SANDBOX ONLY: the courier's scans, done by a test or a demo presenter, and faults for the
 * platform's side. A real carrier has nothing like it; never expose it beyond loopback.
 */
export function carrierControlApi(control: CarrierSandboxControl): Router {
  const api = Router();
  const callbackOptions = (body: Record<string, unknown>) => ({
    duplicate: optionalBoolean(body, 'duplicate'),
    lost: optionalBoolean(body, 'lost'),
    delayMs: optionalInteger(body, 'delayMs', 0, 3_600_000),
  });
  api.get('/waybills/:waybillNo', (req, res) => void res.json(control.waybill(req.params.waybillNo)));
  api.post('/waybills/:waybillNo/events', (req, res) => {
    const body = jsonObject(req.body);
    res.json(control.record(req.params.waybillNo, oneOf(body, 'event', WAYBILL_EVENTS), callbackOptions(body)));
  });
  api.post('/waybills/:waybillNo/advance', (req, res) => {
    const body = jsonObject(req.body);
    res.json(control.advance(req.params.waybillNo, oneOf(body, 'to', WAYBILL_EVENTS), callbackOptions(body)));
  });
  api.post('/stray-callbacks', (req, res) => {
    const body = jsonObject(req.body);
    const event = oneOf(body, 'event', WAYBILL_EVENTS);
    res.status(201).json(control.strayCallback(httpUrl(body, 'callbackUrl'), event, optionalText(body, 'waybillNo', WAYBILL_NO)));
  });
  return api;
}
