// The file-store sweep: files nothing refers to go, row and file, once they
// have stayed unreferenced for the grace period; attachments, covers and
// images of any revision, and everything the modules declare, stay; an
// upload of the same content makes an orphan wanted again.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { dialects, openTestContext, type TestContext } from '../../../test/helpers/databases.ts';
import { makePeople, type People, START } from '../../../test/helpers/portal-content.ts';
import { addAttachments, removeAttachment } from './attachments.ts';
import { pruneStoredFiles } from './file-prune.ts';
import { incomingDir, storeBytes, storedFilePath } from './files.ts';
import { createItem } from './items.ts';

const DAY = 86_400_000;

for (const dialect of dialects) {
  describe(`stored file sweep [${dialect}]`, () => {
    let t: TestContext;
    let people: People;
    let at = START;
    const store = (text: string, mime = 'application/pdf') =>
      storeBytes(t.ctx, Buffer.from(`%PDF-1.4\n${text}\n%%EOF\n`), mime);
    const kept = async (sha256: string) => {
      const row = await t.ctx.db.kysely
        .selectFrom('stored_file')
        .select('sha256')
        .where('sha256', '=', sha256)
        .executeTakeFirst();
      const onDisk = existsSync(storedFilePath(t.ctx, sha256));
      assert.equal(onDisk, row !== undefined, 'the row and the file go together');
      return onDisk;
    };

    before(async () => {
      t = await openTestContext(dialect, { clock: () => new Date(at) });
      people = await makePeople(t.ctx);
    });
    after(() => t.close());

    it('deletes files unreferenced past the grace period and keeps every referenced one', async () => {
      const attached = await store('attached');
      const cover = await store('cover', 'image/png');
      const inBody = await store('in-body', 'image/png');
      const removed = await store('removed');
      const orphan = await store('orphan');
      const uploadedAgain = await store('uploaded-again');
      const item = await createItem(
        t.ctx,
        {
          channelId: 'government-news',
          type: 'article',
          slug: 'files-kept',
          title: '附件清理测试',
          bodyHtml: `<p>正文</p><img src="/files/${inBody}/chart.png" alt="图表">`,
          fields: { coverSha256: cover, coverAlt: '封面' },
        },
        people.editor,
      );
      const upload = (sha256: string, name: string) => ({
        sha256,
        name,
        size: 30,
        mime: 'application/pdf',
      });
      await addAttachments(
        t.ctx,
        item.id,
        [upload(attached, '附件.pdf'), upload(removed, '撤下.pdf')],
        people.editor,
      );
      await removeAttachment(t.ctx, item.id, removed, people.editor);

      const first = await pruneStoredFiles(t.ctx);
      assert.equal(first.newlyOrphaned, 3, 'removed, orphan, uploaded-again');
      assert.equal(first.deleted, 0, 'nothing is past the grace period yet');

      at += 3 * DAY;
      await store('uploaded-again'); // the same content uploaded again: wanted
      at += 5 * DAY;
      const dry = await pruneStoredFiles(t.ctx, { dryRun: true });
      assert.equal(dry.deleted, 2);
      assert.ok(await kept(orphan), 'a dry run deletes nothing');

      const second = await pruneStoredFiles(t.ctx);
      assert.equal(second.deleted, 2);
      assert.equal(second.bytes, dry.bytes);
      assert.equal(await kept(removed), false, 'the removed attachment is gone');
      assert.equal(await kept(orphan), false, 'the orphan is gone');
      for (const [what, sha256] of Object.entries({ attached, cover, inBody, uploadedAgain })) {
        assert.ok(await kept(sha256), `${what} is kept`);
      }
      const audit = await t.ctx.db.kysely
        .selectFrom('audit_log')
        .select('detail')
        .where('action', '=', 'files.prune')
        .execute();
      assert.ok(audit.some((a) => JSON.parse(String(a.detail)).deleted === 2));
    });

    it('a file referred to again before the grace period ends is kept', async () => {
      const item = await createItem(
        t.ctx,
        {
          channelId: 'government-news',
          type: 'article',
          slug: 'files-again',
          title: '重新引用的附件',
          bodyHtml: '<p>正文</p>',
        },
        people.editor,
      );
      const sha256 = await store('referred-again');
      await pruneStoredFiles(t.ctx);
      at += 6 * DAY;
      const file = { sha256, name: '再次.pdf', size: 30, mime: 'application/pdf' };
      await addAttachments(t.ctx, item.id, [file], people.editor);
      assert.equal((await pruneStoredFiles(t.ctx)).wantedAgain, 1);
      await removeAttachment(t.ctx, item.id, sha256, people.editor);
      at += 2 * DAY;
      await pruneStoredFiles(t.ctx);
      assert.ok(await kept(sha256), 'unreferenced for two days only');
    });

    it('removes upload parts left behind for a day, and leaves an upload under way alone', async () => {
      const dir = incomingDir(t.ctx);
      await mkdir(dir, { recursive: true });
      const part = async (name: string, ageMs: number) => {
        const path = join(dir, name);
        await writeFile(path, Buffer.alloc(1000));
        const when = new Date(at - ageMs);
        await utimes(path, when, when);
        return path;
      };
      const crashed = await part('crashed.part', 2 * DAY);
      const arriving = await part('arriving.part', 60_000);
      const notAPart = await part('readme.txt', 9 * DAY);
      const dry = await pruneStoredFiles(t.ctx, { dryRun: true });
      assert.deepEqual([dry.staleParts, dry.stalePartBytes], [1, 1000]);
      assert.ok(existsSync(crashed), 'a dry run removes nothing');
      const run = await pruneStoredFiles(t.ctx);
      assert.equal(run.staleParts, 1);
      assert.equal(existsSync(crashed), false);
      assert.ok(existsSync(arriving), 'an upload under way stays');
      assert.ok(existsSync(notAPart), 'only parts are touched');
    });

    it('every column named for a stored file is declared by its module', async () => {
      const declared = new Set(
        t.ctx.modules.flatMap((m) =>
          (m.storedFiles?.columns ?? []).map((c) => `${c.table}.${c.column}`),
        ),
      );
      const tables = await t.ctx.db.kysely.introspection.getTables();
      const fileColumns = tables.flatMap((table) =>
        table.columns
          .filter((c) => /sha256|_file$/.test(c.name) && table.name !== 'stored_file')
          .map((c) => `${table.name}.${c.name}`),
      );
      assert.ok(fileColumns.length >= 4);
      for (const column of fileColumns) assert.ok(declared.has(column), column);
    });

    it('every declared column leads an index, so that the sweep asks each table cheaply', async () => {
      const leading = await leadingIndexColumns(t);
      for (const m of t.ctx.modules) {
        for (const { table, column } of m.storedFiles?.columns ?? []) {
          assert.ok(leading.has(`${table}.${column}`), `no index starts with ${table}.${column}`);
        }
      }
    });
  });
}

/** "table.column" for the first column of every index (primary keys included). */
async function leadingIndexColumns(t: TestContext): Promise<Set<string>> {
  const db = t.ctx.db.kysely;
  if (t.ctx.db.dialect === 'postgres') {
    const { rows } = await sql<{ name: string }>`
      SELECT c.relname || '.' || a.attname AS name
        FROM pg_index i
        JOIN pg_class c ON c.oid = i.indrelid
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
        JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema()`.execute(db);
    return new Set(rows.map((r) => r.name));
  }
  const { rows } = await sql<{ name: string }>`
    SELECT m.name || '.' || ii.name AS name
      FROM sqlite_master m, pragma_index_list(m.name) il, pragma_index_info(il.name) ii
     WHERE m.type = 'table' AND ii.seqno = 0`.execute(db);
  return new Set(rows.map((r) => r.name));
}
