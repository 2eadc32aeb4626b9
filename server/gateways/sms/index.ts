/** 短信: the SMS gateway's interface, the sandbox adapter and the sandbox service (its outbox). */
export type * from './sms-gateway.ts';
export { SandboxSmsGateway, type SandboxSmsGatewayOptions } from './sandbox-sms-gateway.ts';
export { startSmsSandbox, type SandboxMessage, type SmsSandbox, type SmsSandboxControl, type SmsSandboxOptions } from './sandbox-service.ts';
