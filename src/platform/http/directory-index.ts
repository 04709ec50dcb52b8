// Old static-site addresses of a directory's index page: index.html,
// index.shtml, Default.aspx, index.php and the like, in any case. Cities
// replacing a TRS or IIS site have years of links to them; each is answered
// 301 to the directory itself, keeping the query.
import type { FastifyInstance } from 'fastify';
import { PUBLIC_CACHE_CONTROL } from './fast-lane.ts';

export const DIRECTORY_INDEX = /^(?:index|default)\.(?:s?html?|php|aspx?|jsp)$/i;

/** The directory (with a trailing slash) a path's index page names, or undefined. */
export function indexDirectory(path: string): string | undefined {
  const slash = path.lastIndexOf('/');
  return DIRECTORY_INDEX.test(path.slice(slash + 1)) ? path.slice(0, slash + 1) : undefined;
}

/**
 * Redirects the index page of every directory a route is registered for
 * (/services/index.html, /letters/Default.aspx). The portal's sites and
 * channels live under one wildcard route and are resolved by the portal
 * (portal/structure.ts resolvePath). A path whose directory has no route
 * of its own is left alone: /files/<hash>/index.html is a download's name.
 */
export function redirectDirectoryIndexes(app: FastifyInstance): void {
  // A callback hook: every request passes here, and an async one would cost
  // each a promise.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return done();
    const q = request.url.indexOf('?');
    const path = q === -1 ? request.url : request.url.slice(0, q);
    const directory = indexDirectory(path);
    if (!directory || !app.hasRoute({ method: 'GET', url: directory })) return done();
    reply
      .header('cache-control', PUBLIC_CACHE_CONTROL)
      .redirect(`${directory}${q === -1 ? '' : request.url.slice(q)}`, 301);
  });
}
