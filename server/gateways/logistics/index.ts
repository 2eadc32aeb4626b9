/** 物流寄送: the carrier interface, the sandbox adapter and the sandbox service. */
export type * from './carrier.ts';
export { WAYBILL_EVENTS } from './carrier.ts';
export { SandboxCarrier, type SandboxCarrierOptions } from './sandbox-carrier.ts';
export { startCarrierSandbox, type CarrierSandbox, type CarrierSandboxControl, type CarrierSandboxOptions } from './sandbox-service.ts';
export { CARRIER_SIGNATURE_HEADERS, signCallback } from './callback-signature.ts';
