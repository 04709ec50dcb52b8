// How a transport reports a failed hand-over. Permanent: the provider refused
// this message for good (an SMTP 5xx for the recipient, an invalid number):
// recorded as failed/bounced and not retried. Temporary: anything else (a 4xx,
// throttling, a dropped connection, a timeout): retried with backoff until the
// attempts run out.
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    readonly permanent: boolean,
    /** The provider's code: an SMTP reply code, an SMPP command_status in hex. */
    readonly code?: string,
  ) {
    super(message);
  }
}

export function temporary(message: string, code?: string): DeliveryError {
  return new DeliveryError(message, false, code);
}

export function permanent(message: string, code?: string): DeliveryError {
  return new DeliveryError(message, true, code);
}
