// Elder-friendly mode (适老化): larger type, higher contrast, one column,
// bigger targets. Switched by a plain link (GET /elder?on=1&back=/path) that
// sets a cookie for a year and sends the visitor back: no JavaScript needed.
//
// Pages themselves never change with the mode, so every visitor gets the same
// cached bytes and a reverse proxy may share them (no Vary: Cookie on pages).
// Each page links /mode.css; that one small response depends on the cookie:
// empty in standard mode, the content of elder.css (a content-hashed static
// asset, whose hash is the ETag) in elder mode. It is private, revalidated
// each time (a 304 in the usual case) and varies by Cookie, so switching
// takes effect on the next page.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../../platform/errors.ts';
import { assetUrl, findAsset } from '../../web/assets.ts';
import { localeForPath, translator } from '../../web/i18n/index.ts';

export const ELDER_COOKIE = 'yimen-elder';
const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * A path on this site to return to: starts with one '/', no '//' or '/\'
 * (protocol-relative), no backslash anywhere, no scheme, no whitespace or
 * control characters (browsers drop tabs and newlines, turning '/\t/x' into
 * '//x').
 */
export const SAME_SITE_PATH = '^/(?![/\\\\])[^\\\\\\s\\u0000-\\u001f\\u007f]*$';
const SAME_SITE = new RegExp(SAME_SITE_PATH);

export function isSameSitePath(value: string): boolean {
  return value.length <= 2000 && SAME_SITE.test(value);
}

const Query = Type.Object({
  on: Type.Union([Type.Literal('0'), Type.Literal('1')]),
  back: Type.Optional(Type.String({ maxLength: 2000, pattern: SAME_SITE_PATH })),
});

/** elder.css as the asset store holds it (content-hashed name, body, ETag). */
function elderSheet() {
  const asset = findAsset(assetUrl('elder.css').slice('/static/'.length));
  if (!asset) throw new Error('elder.css is missing from src/web/static');
  return asset;
}

export function isElder(request: FastifyRequest): boolean {
  return request.cookies[ELDER_COOKIE] === '1';
}

function modeCss(request: FastifyRequest, reply: FastifyReply) {
  const elder = isElder(request);
  const sheet = elderSheet();
  reply
    .header('cache-control', 'private, no-cache')
    .header('vary', 'Cookie')
    .header('etag', elder ? sheet.etag : '"standard"');
  if (request.headers['if-none-match'] === reply.getHeader('etag')) return reply.code(304).send();
  return reply.type('text/css; charset=utf-8').send(elder ? sheet.body : '/* standard mode */\n');
}

export function registerElderRoutes(app: FastifyInstance): void {
  app.get('/mode.css', async (request, reply) => modeCss(request, reply));

  app.get('/elder', { schema: { querystring: Query } }, async (request, reply) => {
    const { on, back } = request.query as { on: '0' | '1'; back?: string };
    if (back !== undefined && !isSameSitePath(back)) {
      throw badRequest(translator(localeForPath(back))('portal.elder.badBack'));
    }
    const secure = request.protocol === 'https';
    if (on === '1') {
      reply.setCookie(ELDER_COOKIE, '1', {
        path: '/',
        maxAge: YEAR_SECONDS,
        httpOnly: true,
        sameSite: 'lax',
        secure,
      });
    } else {
      reply.clearCookie(ELDER_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
    }
    return reply.header('cache-control', 'no-store').redirect(back ?? '/', 303);
  });
}
