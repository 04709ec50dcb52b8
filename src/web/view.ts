// Rendering a page for one request: the locale, the translator and the CSP
// nonce travel in a ViewContext passed down explicitly.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { type Locale, localeForPath, type Translate, translator } from './i18n/index.ts';

export interface ViewContext {
  locale: Locale;
  t: Translate;
  path: string;
  requestId: string;
  /** Nonce for the rare inline <script> a page needs; the CSP forbids any other. */
  nonce: string;
  /** A CSRF token for forms on this page (sets the paired cookie). */
  csrfToken(): string;
}

export function viewContext(request: FastifyRequest, reply: FastifyReply): ViewContext {
  const path = request.url.split('?')[0] ?? '/';
  const locale = localeForPath(path);
  // One token per response: on a first visit (no CSRF cookie yet) every
  // generateCsrf() call makes a new secret and the last Set-Cookie wins, so on
  // a page with several forms all but the last form's token were invalid.
  let csrf: string | undefined;
  return {
    locale,
    t: translator(locale),
    path,
    requestId: request.id,
    nonce: reply.cspNonce,
    csrfToken: () => {
      csrf ??= reply.generateCsrf();
      return csrf;
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: any component's props
export function renderDocument(node: VNode<any>): string {
  return `<!doctype html>${renderToString(node)}`;
}

/** Render and send a page; the caller's function receives the view context. */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  // biome-ignore lint/suspicious/noExplicitAny: any component's props
  page: (view: ViewContext) => VNode<any>,
  status = 200,
): FastifyReply {
  const html = renderDocument(page(viewContext(request, reply)));
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}
