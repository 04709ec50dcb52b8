// Requests Node's HTTP parser refuses before Fastify sees them: headers over
// 16 KB (a search box pasted full of text makes such a URL), a malformed
// request line, a request too slow to arrive. Fastify's default answer is
// English JSON; a visitor gets a short Chinese page instead, with the
// headers every page has that still make sense here, and the connection
// closes, as Node itself does.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { type MessageKey, translator } from '../../web/i18n/index.ts';
import { escapeHtml } from '../text.ts';

const PROBLEMS: Record<string, { status: number; title: MessageKey; body: MessageKey }> = {
  HPE_HEADER_OVERFLOW: { status: 431, title: 'error.431.title', body: 'error.431.body' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, title: 'error.408.title', body: 'error.408.body' },
};
const MALFORMED = { status: 400, title: 'error.400.title', body: 'error.400.body' } as const;

/** The whole response: status line, headers, a page that needs no stylesheet or script. */
export function clientErrorResponse(code: string | undefined): string {
  const t = translator('zh-CN');
  const problem = (code && PROBLEMS[code]) || MALFORMED;
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t(problem.title))}</title></head><body><main><h1>${escapeHtml(t(problem.title))}</h1><p>${escapeHtml(t(problem.body))}</p><p><a href="/">${escapeHtml(t('error.back'))}</a></p></main></body></html>`;
  return [
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}`,
    'content-type: text/html; charset=utf-8',
    `content-length: ${Buffer.byteLength(html)}`,
    'cache-control: no-store',
    'x-content-type-options: nosniff',
    "content-security-policy: default-src 'none'; frame-ancestors 'none'",
    'connection: close',
    '',
    html,
  ].join('\r\n');
}

export function clientErrorHandler(
  this: FastifyInstance,
  err: Error & { code?: string },
  socket: Socket,
): void {
  // A reset connection has nobody left to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  this.log.info({ code: err.code }, 'request refused by the HTTP parser');
  if (socket.writable) socket.end(clientErrorResponse(err.code));
  else socket.destroy(err);
}
