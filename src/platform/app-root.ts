// The directory the product is installed in (where its package.json is).
// Found by walking up from this module rather than by a fixed '../..':
// bin/yimen.js runs the sources as one bundle (node_modules/.cache/yimen/),
// where every module's import.meta.url is the bundle's own.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function nameIn(manifest: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
  } catch {
    return undefined; // someone else's broken package.json on the way up
  }
}

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && nameIn(manifest) === 'yimen') return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json of yimen above ${from}`);
  }
}

export const APP_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the installation, e.g. appPath('src', 'web', 'static'). */
export const appPath = (...parts: string[]): string => join(APP_ROOT, ...parts);
