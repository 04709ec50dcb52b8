// Typed domain errors. Services throw these; the HTTP layer maps them to a
// status code in one place (http/error-handler.ts). `publicMessage` is what a
// user may see; anything else stays in the log.

export type ErrorCode =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  /** An upload whose bytes are not one of the accepted file types (checked by content). */
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
};

export class DomainError extends Error {
  override name = 'DomainError';
  readonly code: ErrorCode;
  /** Field-level problems, keyed by field name, shown next to form fields. */
  readonly fields: Record<string, string> | undefined;

  constructor(code: ErrorCode, publicMessage: string, fields?: Record<string, string>) {
    super(publicMessage);
    this.code = code;
    this.fields = fields;
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export const badRequest = (msg: string, fields?: Record<string, string>) =>
  new DomainError('bad_request', msg, fields);
export const notFound = (msg = '您访问的页面不存在') => new DomainError('not_found', msg);
export const forbidden = (msg = '您没有权限执行此操作') => new DomainError('forbidden', msg);
export const conflict = (msg: string) => new DomainError('conflict', msg);
export const unavailable = (msg = '服务暂时不可用，请稍后再试') =>
  new DomainError('unavailable', msg);

export function statusForCode(code: ErrorCode): number {
  return STATUS[code];
}
