/** 办件数据汇聚: the provincial exchange's interface, the sandbox adapter, the request signature and the sandbox service. */
export * from './exchange.ts';
export { SandboxProvinceExchange, type SandboxExchangeOptions } from './sandbox-exchange.ts';
export { EXCHANGE_HEADERS, signRequest, checkSignedRequest } from './request-signature.ts';
export { beijingDay, isDay } from './beijing-day.ts';
export { startExchangeSandbox, type ExchangeSandbox, type ExchangeSandboxControl, type ExchangeSandboxOptions, type RefusalPlan } from './sandbox-service.ts';
