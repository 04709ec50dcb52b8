#!/usr/bin/env -S node --max-semi-space-size=8
// Entry point of the `yimen` command. The TypeScript sources are bundled by
// esbuild at every start (about 0.1 s) into node_modules/.cache/yimen/, in a
// file named by the hash of its contents, and exactly that file is run: no
// build step between a git checkout and a running node, and no stale or
// foreign build (another command starting at the same moment writes its
// own file). Running the sources through tsx's loader (as the tests do)
// keeps every module's transformed text and source map in memory: some
// 35 MiB more resident memory and slower uncached pages (docs/PERFORMANCE.md).
// Where the bundle cannot be made or written (a read-only installation), the
// sources run through tsx, and the node says why.
// The bundle keeps the packages as imports (node_modules is found from the
// cache directory) and the sources' module comments ("// src/…"), so a
// stack trace's line in the bundle leads back to the source.
// The tsconfig is named explicitly: a service started from elsewhere (systemd,
// cron) would otherwise compile the JSX pages for React instead of Preact.
// --max-semi-space-size=8 (MiB; V8's default is 16): a node's young
// generation stays smaller. With the default, a serving node's peak resident
// memory was some 20 MiB higher for about 5 % more uncached pages a second;
// with 2, garbage collection cost uncached pages some 15 %. V8 reads it only
// from the command line: `npm start` and this file's first line pass it.
import { createHash, randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const tsconfig = fileURLToPath(new URL('../tsconfig.json', import.meta.url));
const entry = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const cacheDir = fileURLToPath(new URL('../node_modules/.cache/yimen/', import.meta.url));
// The bundle names each module by its path from here, whatever the working
// directory: the same sources make the same bundle.
const root = fileURLToPath(new URL('..', import.meta.url));

/** Bundle the sources; the bundle's path. Throws when it cannot be made or written. */
async function bundle() {
  const esbuild = await import('esbuild');
  let code;
  try {
    const result = await esbuild.build({
      entryPoints: [entry],
      absWorkingDir: root,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      tsconfig,
      write: false,
      logLevel: 'silent',
      outfile: `${cacheDir}yimen.mjs`,
    });
    code = result.outputFiles[0].contents;
  } catch (err) {
    const first = err.errors?.[0];
    const where = first?.location ? ` (${first.location.file}:${first.location.line})` : '';
    throw new Error(first ? `${first.text}${where}` : err.message);
  } finally {
    // The build service is a child process: a serving node does not keep it.
    await esbuild.stop();
  }
  const name = `yimen-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`;
  const out = `${cacheDir}${name}`;
  if (existsSync(out)) return out;
  mkdirSync(cacheDir, { recursive: true });
  // Written aside under a name no other process uses, then renamed: a node
  // starting at the same moment finds the whole file or none.
  const partial = `${cacheDir}.${randomUUID()}.tmp`;
  try {
    writeFileSync(partial, code);
    renameSync(partial, out);
  } finally {
    rmSync(partial, { force: true });
  }
  // Earlier bundles are kept for an hour: a node may still be loading one.
  const now = Date.now();
  for (const old of readdirSync(cacheDir)) {
    if (old === name || !/^yimen(-[0-9a-f]{16})?\.mjs$|\.tmp$/.test(old)) continue;
    const file = `${cacheDir}${old}`;
    try {
      if (now - statSync(file).mtimeMs > 3_600_000) rmSync(file, { force: true });
    } catch {
      // Another node removed it first.
    }
  }
  return out;
}

let bundled;
try {
  bundled = await bundle();
} catch (err) {
  process.stderr.write(
    `yimen: running the sources through tsx, more slowly (no bundle in ${cacheDir}: ${err.message.split('\n')[0]})\n`,
  );
}
if (bundled) {
  await import(pathToFileURL(bundled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig });
  await import('../src/cli.ts');
}
