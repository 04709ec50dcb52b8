// Static assets, held in memory and served under content-hashed names
// (/static/site.3fa9c2d1.css) so browsers and proxies may cache them for a year:
// a changed file gets a new name.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { appPath } from '../platform/app-root.ts';

export interface Asset {
  body: Buffer;
  contentType: string;
  etag: string;
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const STATIC_DIR = appPath('src', 'web', 'static');
const byHashedName = new Map<string, Asset>();
const urlByName = new Map<string, string>();

for (const name of readdirSync(STATIC_DIR)) {
  const ext = extname(name);
  const contentType = TYPES[ext];
  if (!contentType) continue;
  const body = readFileSync(join(STATIC_DIR, name));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  const hashed = `${name.slice(0, -ext.length)}.${hash}${ext}`;
  byHashedName.set(hashed, { body, contentType, etag: `"${hash}"` });
  urlByName.set(name, `/static/${hashed}`);
}

/** The public URL of an asset in src/web/static; throws for a name that is not there. */
export function assetUrl(name: string): string {
  const url = urlByName.get(name);
  if (!url) throw new Error(`unknown static asset ${name}`);
  return url;
}

export function findAsset(hashedName: string): Asset | undefined {
  return byHashedName.get(hashedName);
}
