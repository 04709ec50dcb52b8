#!/usr/bin/env -S node --max-semi-space-size=8
// Entry point of the `yimen` command. The TypeScript sources are bundled by
// esbuild at every start (about 0.1 s) into node_modules/.cache/yimen/ and
// that one file is run: no build step between a git checkout and a running
// node, and never a stale build. Running the sources through tsx's loader
// (as the tests do) keeps every module's transformed text and source map in
// memory: some 35 MiB more resident memory and 15–20 % slower uncached pages
// (docs/PERFORMANCE.md). Where the cache cannot be written (a read-only
// installation), the sources run through tsx as before.
// The bundle keeps the packages as imports (node_modules is found from the
// cache directory) and the sources' own names and module comments, so a
// stack trace still names the function and, above it in the file, the source.
// The tsconfig is named explicitly: a service started from elsewhere (systemd,
// cron) would otherwise compile the JSX pages for React instead of Preact.
// --max-semi-space-size=8 (MiB; V8's default is 16): a node's young
// generation stays smaller. With the default, a serving node's peak resident
// memory was some 20 MiB higher for about 5 % more uncached pages a second;
// with 2, garbage collection cost uncached pages some 15 %. V8 reads it only
// from the command line: `npm start` and this file's first line pass it.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const tsconfig = fileURLToPath(new URL('../tsconfig.json', import.meta.url));
const entry = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const cacheDir = fileURLToPath(new URL('../node_modules/.cache/yimen/', import.meta.url));

/** Bundle the sources; the bundle's path, or the reason it could not be written. */
async function bundle() {
  const out = `${cacheDir}yimen.mjs`;
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    tsconfig,
    write: false,
    logLevel: 'silent',
    outfile: out,
  });
  // The build service is a child process: a serving node does not keep it.
  await esbuild.stop();
  mkdirSync(cacheDir, { recursive: true });
  // Written aside and renamed: a node starting at the same moment reads
  // either the whole old file or the whole new one.
  const partial = `${out}.${process.pid}.tmp`;
  try {
    writeFileSync(partial, result.outputFiles[0].contents);
    renameSync(partial, out);
  } finally {
    rmSync(partial, { force: true });
  }
  return out;
}

let bundled;
try {
  bundled = await bundle();
} catch (err) {
  process.stderr.write(
    `yimen: running the sources through tsx (no bundle in ${cacheDir}: ${err.message.split('\n')[0]})\n`,
  );
}
if (bundled) {
  await import(pathToFileURL(bundled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig });
  await import('../src/cli.ts');
}
