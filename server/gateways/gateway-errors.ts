/**
 * What an adapter to an outside system throws. Workers decide by class, never by message:
 * an unavailable gateway is retried later, a rejected request is a bug or a business refusal,
 * a rejected callback is answered 4xx and never reaches a case.
 */
export class GatewayError extends Error {
  constructor(
    /** which outside system: 'payment', 'logistics' */
    readonly gateway: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GatewayError';
  }
}

/**
 * The gateway could not be reached, timed out, answered 5xx or answered something unreadable.
 * Passing by nature: the external task fails with retries, nothing was decided.
 */
export class GatewayUnavailableError extends GatewayError {
  constructor(gateway: string, message: string, options?: { cause?: unknown }) {
    super(gateway, message, options);
    this.name = 'GatewayUnavailableError';
  }
}

/** The gateway understood the request and refused it (4xx): repeating it will not help. */
export class GatewayRejectedError extends GatewayError {
  constructor(
    gateway: string,
    readonly status: number,
    /** the gateway's own error code, e.g. 'amount_mismatch', 'order_not_paid' */
    readonly code: string,
    message: string,
  ) {
    super(gateway, message);
    this.name = 'GatewayRejectedError';
  }
}

export type CallbackRejection = 'signature_missing' | 'signature_invalid' | 'timestamp_stale' | 'malformed';

/**
 * A notification or callback that must not be believed: unsigned, signed by someone else,
 * altered, replayed outside the time window, or not the shape the gateway documents.
 */
export class CallbackRejectedError extends GatewayError {
  constructor(
    gateway: string,
    readonly reason: CallbackRejection,
    message: string,
  ) {
    super(gateway, message);
    this.name = 'CallbackRejectedError';
  }
}
