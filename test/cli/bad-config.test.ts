// Bad configuration must give one clear line naming what to fix and exit 1,
// never a stack trace, and must not touch existing data.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli, startCliServer } from '../helpers/cli.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'yimen-cli-'));

function assertOneLineError(r: { status: number | null; stderr: string }, pattern: RegExp) {
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `expected one line, got:\n${r.stderr}`);
  assert.match(lines[0]!, /^yimen: /);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
}

describe('yimen with bad configuration', () => {
  it('names an unknown database dialect', () => {
    const r = runCli(['migrate', 'status'], {
      YIMEN_DATA_DIR: tmp(),
      DATABASE_URL: 'mysql://root@127.0.0.1/yimen',
    });
    assertOneLineError(r, /DATABASE_URL uses the unsupported scheme "mysql"/);
  });

  it('names an unreachable PostgreSQL server', () => {
    const r = runCli(['migrate', 'status'], {
      YIMEN_DATA_DIR: tmp(),
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5999/yimen',
    });
    assertOneLineError(
      r,
      /cannot reach PostgreSQL at 127\.0\.0\.1:5999\/yimen \(ECONNREFUSED\); check DATABASE_URL/,
    );
  });

  it('names a data directory that cannot be written', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'file'), '');
    const r = runCli(['serve'], { YIMEN_DATA_DIR: join(dir, 'file', 'data') });
    assertOneLineError(r, /YIMEN_DATA_DIR .* is not a writable directory/);
  });

  it('names a bad port', () => {
    const r = runCli(['serve'], { YIMEN_DATA_DIR: tmp(), PORT: 'eighty' });
    assertOneLineError(r, /PORT must be a whole number/);
  });

  it('refuses a damaged database file and leaves it byte-for-byte as it was', () => {
    const dir = tmp();
    const file = join(dir, 'yimen.db');
    const junk = Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0x5a)]);
    writeFileSync(file, junk);
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    const r = runCli(['serve'], { YIMEN_DATA_DIR: dir });
    assertOneLineError(
      r,
      /database file .*yimen\.db is damaged or is not a SQLite database.*left untouched/,
    );
    assert.equal(createHash('sha256').update(readFileSync(file)).digest('hex'), before);
  });

  it('names a port that is already taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = runCli(['serve'], { YIMEN_DATA_DIR: tmp(), PORT: String(port) });
      assertOneLineError(r, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
    } finally {
      blocker.close();
    }
  });

  it('serves its pages when started from another working directory (systemd, cron)', async () => {
    const server = await startCliServer('start', { YIMEN_DATA_DIR: tmp() }, tmpdir());
    try {
      const home = await fetch(`${server.url}/`);
      assert.equal(home.status, 200);
      assert.match(await home.text(), /<html lang="zh-CN"/);
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });

  it('starts fine once the configuration is right', async () => {
    const server = await startCliServer('serve', { YIMEN_DATA_DIR: tmp() });
    const res = await fetch(`${server.url}/healthz`);
    assert.equal(res.status, 200);
    assert.equal(await server.stop(), 0);
  });
});
