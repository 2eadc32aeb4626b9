/**
 * 短信: the SMS gateway the platform sends verification codes through (a carrier's or a cloud
 * provider's SMS API). The platform codes against this interface; the sandbox adapter posts to
 * the sandbox SMS service, whose outbox tests and demos read.
 */
export interface SmsGateway {
  /** Sends one text message; throws GatewayUnavailableError when the gateway cannot take it, GatewayRejectedError for a refused number. */
  send(message: SmsMessage): Promise<{ messageId: string }>;
}

export interface SmsMessage {
  /** a mainland mobile number, 11 digits */
  phone: string;
  /** the whole text, with its 【signature】 */
  text: string;
  /** the gateway's template the text was made from (real gateways send by template) */
  template: string;
}
