#!/usr/bin/env node
// `npm test`: every *.test.ts under src/ and test/, through node's test runner
// with tsx. Database tests run on SQLite always and on PostgreSQL when
// YIMEN_TEST_PG is set; say so plainly when it is not.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

function findTests(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') out.push(...findTests(path));
    else if (entry.name.endsWith('.test.ts') || entry.name.endsWith('.test.tsx')) out.push(path);
  }
  return out;
}

const filter = process.argv.slice(2);
const files = ['src', 'test']
  .flatMap((d) => findTests(d))
  .filter((f) => filter.length === 0 || filter.some((p) => f.includes(p)))
  .sort();

if (process.env.YIMEN_TEST_PG) {
  console.log(
    `Database tests run on SQLite and on PostgreSQL (${process.env.YIMEN_TEST_PG.replace(/:[^:@/]*@/, ':***@')}).`,
  );
} else {
  console.log(
    'PostgreSQL tests skipped: set YIMEN_TEST_PG=postgres://user@127.0.0.1:5432/postgres to run every database test on PostgreSQL too.',
  );
}

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
if (!process.env.YIMEN_TEST_PG) {
  console.log('Note: PostgreSQL tests were skipped (YIMEN_TEST_PG not set).');
}
process.exit(result.status ?? 1);
