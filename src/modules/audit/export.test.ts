// The CSV export (Excel-safe, Chinese intact) and the `yimen audit` commands,
// run as an operator would, on each dialect.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../test/helpers/cli.ts';
import { dialects, openTestContext, type TestContext } from '../../../test/helpers/databases.ts';
import type { AuditKey } from './chain.ts';
import { csvCell, exportAuditCsv } from './query.ts';
import { recordAudit } from './record.ts';
import { appendSamples, auditCount, keyOf, sampleEntry, tamper } from './test-support.ts';

/** A strict RFC 4180 reader, to prove the export parses back into the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    assert.equal(text[i], '"', `cell at ${i} is quoted`);
    let cell = '';
    for (i++; ; i++) {
      if (text[i] === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (text[i] === '"') break;
      else cell += text[i];
    }
    row.push(cell);
    i++;
    if (text[i] === ',') i++;
    else {
      assert.equal(text.slice(i, i + 2), '\r\n', 'rows end with CRLF');
      rows.push(row);
      row = [];
      i += 2;
    }
  }
  return rows;
}

describe('CSV cells', () => {
  it('neutralise formula starts and quote everything', () => {
    assert.equal(csvCell('=cmd()'), `"'=cmd()"`);
    for (const start of ['+', '-', '@', '\t', '\r']) {
      assert.equal(csvCell(`${start}1`), `"'${start}1"`);
    }
    assert.equal(csvCell('say "hi", then\nleave'), '"say ""hi"", then\nleave"');
    assert.equal(csvCell('张三'), '"张三"');
    assert.equal(csvCell(null), '""');
    assert.equal(csvCell(42), '"42"');
  });
});

for (const dialect of dialects) {
  describe(`audit export and CLI [${dialect}]`, () => {
    let t: TestContext;
    let key: AuditKey;
    let env: Record<string, string>;
    const forged = 'bob\n2026-01-01 admin login ok';
    before(async () => {
      t = await openTestContext(dialect);
      key = keyOf(t);
      env = {
        // The logger writes to stdout; keep its warnings (e.g. PostgreSQL
        // without data checksums) out of the output under test.
        LOG_LEVEL: 'error',
        YIMEN_DATA_DIR: t.config.dataDir,
        // The same secret, hence the same chain key, as the entries were written with.
        YIMEN_SECRET: t.config.secret,
        ...(t.config.databaseUrl ? { DATABASE_URL: t.config.databaseUrl } : {}),
      };
      await appendSamples(t.ctx.db, key, 3);
      await recordAudit(
        t.ctx.db,
        key,
        sampleEntry(4, { actorName: '=cmd()', targetId: '@SUM(A1)' }),
      );
      await recordAudit(
        t.ctx.db,
        key,
        sampleEntry(5, { actorName: forged, detail: { 备注: '含,逗号' } }),
      );
    });
    after(() => t.close());

    it('exports CSV with a BOM, Chinese text and neutralised formulas', async () => {
      const csv = await exportAuditCsv(t.ctx.db);
      assert.ok(csv.startsWith('\uFEFF"seq","at",'), 'UTF-8 BOM, then the header');
      assert.ok(csv.includes(`"'=cmd()"`));
      assert.ok(csv.includes(`"'@SUM(A1)"`));
      assert.ok(!csv.includes(',"=cmd()"'));
      const rows = parseCsv(csv.slice(1));
      assert.equal(rows.length, 1 + 5, 'a header and one row per entry, despite the newline');
      assert.equal(rows[1]![3], '用户1');
      assert.equal(rows[5]![3], forged, 'the name survives intact inside its cell');
      assert.deepEqual(JSON.parse(rows[5]![9]!), { 备注: '含,逗号' });
      const only = parseCsv(
        (await exportAuditCsv(t.ctx.db, { action: 'auth.login_failed' })).slice(1),
      );
      assert.deepEqual(
        only.slice(1).map((r) => r[0]),
        ['3'],
      );
    });

    it('lists entries on one line each, escaping a forged line break', () => {
      const r = runCli(['audit', 'list', '--limit', '2'], env);
      assert.equal(r.status, 0, r.stderr);
      const lines = r.stdout.trim().split('\n');
      assert.equal(lines.length, 3, r.stdout);
      assert.match(lines[0]!, /^#5 .*bob\\u000a2026-01-01 admin login ok@10\.0\.0\.5/);
      assert.match(lines[1]!, /^#4 /);
      assert.equal(lines[2], '2 of 5 matching entries');
      const failed = runCli(['audit', 'list', '--action', 'auth.login_failed'], env);
      assert.match(failed.stdout, /^#3 .* failure .*auth\.login_failed/m);
      assert.match(failed.stdout, /1 of 1 matching entries/);
      assert.equal(runCli(['audit', 'list', '--limit', 'lots'], env).status, 1);
    });

    it('exports to a new file from the command line and audits the export', async () => {
      const file = join(t.config.dataDir, 'audit.csv');
      const r = runCli(['audit', 'export', file], env);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(existsSync(file));
      const text = readFileSync(file, 'utf8');
      assert.ok(text.startsWith('\uFEFF'));
      assert.ok(text.includes('用户2'));
      const again = runCli(['audit', 'export', file], env);
      assert.equal(again.status, 1);
      assert.match(again.stderr, /already exists/);
      assert.equal(await auditCount(t.ctx.db), 6, 'the successful export is itself recorded');
      const last = await t.ctx.db.kysely
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      assert.equal(last.action, 'export');
      assert.equal(last.actor_ip, 'local');
    });

    it('verifies from the command line: exit 0 when intact, 1 naming the entry when not', async () => {
      const ok = runCli(['audit', 'verify'], env);
      assert.equal(ok.status, 0, ok.stderr);
      assert.equal(ok.stdout.trim(), 'audit chain intact: 6 entries');
      await tamper(t, `UPDATE audit_log SET outcome = 'success' WHERE seq = 3`);
      const bad = runCli(['audit', 'verify'], env);
      assert.equal(bad.status, 1);
      assert.match(
        bad.stdout,
        /^audit chain broken at entry #3: stored hash does not match the entry/,
      );
    });
  });
}
