// Prepared reads: each call's values land in their places (constants of the
// query stay), the same read serves many values, a builder that uses a
// parameter to shape the query is refused, and on SQLite the read sees only
// committed data — never the writes of a transaction still open on the main
// connection. A read built per call (publicRead) answers the same way, also
// while that transaction holds the main connection.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, openTestContext, type TestContext } from '../../../test/helpers/databases.ts';
import { literalLimit, preparedRead, publicRead } from './prepared.ts';

const orgsUnder = preparedRead((db, parentId: string, limit: number) =>
  db
    .selectFrom('organisation')
    .select(['code', 'name'])
    .where('parent_id', '=', parentId)
    .where('code', '!=', 'never-a-code')
    .orderBy('code')
    .limit(limit),
);

describe('literalLimit (SQLite re-plans a statement whose LIMIT is bound)', () => {
  it('writes an integer LIMIT into the text and drops its value', () => {
    assert.deepEqual(
      literalLimit('select a from t where b = ? and c != ? order by a limit ? offset ?', [
        'x',
        'y',
        12,
        40,
      ]),
      ['select a from t where b = ? and c != ? order by a limit 12 offset ?', ['x', 'y', 40]],
    );
  });

  it('counts only placeholders outside quotes', () => {
    assert.deepEqual(
      literalLimit(`select "a?" from t where b = '?''?' and c = ? limit ?`, ['x', 3]),
      [`select "a?" from t where b = '?''?' and c = ? limit 3`, ['x']],
    );
  });

  it('writes every LIMIT of a union in, and skips quotes and comments', () => {
    const sqlText =
      'select * from (select a from t where b = ? limit ?) union all select * from (select a from u -- why?\n where c = ? limit ?) /* ? */ limit ?';
    assert.deepEqual(literalLimit(sqlText, ['x', 5, 'y', 6, 10]), [
      'select * from (select a from t where b = ? limit 5) union all select * from (select a from u -- why?\n where c = ? limit 6) /* ? */ limit 10',
      ['x', 'y'],
    ]);
  });

  it('writes in a few distinct LIMITs per text, then leaves the rest bound', () => {
    const sqlText = 'select a from many_limits limit ?';
    for (let n = 0; n < 16; n++) {
      assert.deepEqual(literalLimit(sqlText, [n]), [`select a from many_limits limit ${n}`, []]);
    }
    assert.deepEqual(literalLimit(sqlText, [99]), [sqlText, [99]]);
    assert.deepEqual(literalLimit(sqlText, [3]), ['select a from many_limits limit 3', []]);
  });

  it('leaves numbered placeholders alone', () => {
    const sqlText = 'select a from t where b = ?1 limit ?2';
    assert.deepEqual(literalLimit(sqlText, ['x', 3]), [sqlText, ['x', 3]]);
  });

  it('keeps anything but a non-negative integer bound, and SQL without LIMIT as it is', () => {
    const sqlText = 'select a from t limit ?';
    for (const value of ['5; drop table t', 2.5, -1, Number.NaN, null]) {
      assert.deepEqual(literalLimit(sqlText, [value]), [sqlText, [value]]);
    }
    assert.deepEqual(literalLimit('select a from t where b = ?', [7]), [
      'select a from t where b = ?',
      [7],
    ]);
  });
});

for (const dialect of dialects) {
  describe(`prepared reads [${dialect}]`, () => {
    let t: TestContext;
    let rootId: string;
    before(async () => {
      t = await openTestContext(dialect);
      const db = t.ctx.db.kysely;
      const now = new Date().toISOString();
      const org = (id: string, code: string, parent: string | null) => ({
        id,
        code,
        name: `机构${code}`,
        short_name: code,
        kind: 'department' as const,
        sort_order: 0,
        parent_id: parent,
        created_at: now,
        updated_at: now,
      });
      rootId = '00000000-0000-4000-8000-000000000001';
      await db
        .insertInto('organisation')
        .values(org(rootId, 'root', null))
        .execute();
      await db
        .insertInto('organisation')
        .values([
          org('00000000-0000-4000-8000-000000000002', 'a', rootId),
          org('00000000-0000-4000-8000-000000000003', 'b', rootId),
          org('00000000-0000-4000-8000-000000000004', 'c', rootId),
        ])
        .execute();
    });
    after(() => t.close());

    it('puts each call’s values in place and keeps the query’s own constants', async () => {
      assert.deepEqual(
        (await orgsUnder(t.ctx.db, rootId, 2)).map((r) => r.code),
        ['a', 'b'],
      );
      assert.deepEqual(
        (await orgsUnder(t.ctx.db, rootId, 10)).map((r) => r.code),
        ['a', 'b', 'c'],
      );
      assert.deepEqual(await orgsUnder(t.ctx.db, 'no-such-parent', 10), []);
    });

    it('returns every column by name, with nulls and numbers as stored, the same as Kysely', async () => {
      const read = () =>
        t.ctx.db.kysely
          .selectFrom('organisation as o')
          .leftJoin('organisation as p', 'p.id', 'o.parent_id')
          .select(['o.code', 'o.name', 'o.sort_order', 'o.parent_id', 'p.code as parent_code'])
          .orderBy('o.code');
      const rows = await publicRead(t.ctx.db, read());
      assert.deepEqual(rows, await read().execute());
      assert.deepEqual(rows[0], {
        code: 'a',
        name: '机构a',
        sort_order: 0,
        parent_id: rootId,
        parent_code: 'root',
      });
      const root = rows.find((r) => r.code === 'root');
      assert.equal(root?.parent_id, null);
      assert.equal(root?.parent_code, null);
    });

    it('refuses a builder that does not use a parameter as a value', async () => {
      const shaped = preparedRead((db, column: string) =>
        db.selectFrom('organisation').select(column === 'code' ? 'code' : 'name'),
      );
      await assert.rejects(() => shaped(t.ctx.db, 'code'), /parameter 0 is not used as a value/);
    });

    /** What `read` returns while a transaction that renamed `code` is open; then it is rolled back. */
    async function duringUncommittedRename<T>(code: string, read: () => Promise<T>): Promise<T> {
      let inside: T | undefined;
      await t.ctx.db.kysely
        .transaction()
        .execute(async (trx) => {
          await trx
            .updateTable('organisation')
            .set({ name: '未提交的名称' })
            .where('code', '=', code)
            .execute();
          inside = await read();
          throw new Error('roll back');
        })
        .catch(() => {});
      return inside as T;
    }

    it('sees committed rows only', async () => {
      const inside = await duringUncommittedRename('a', async () =>
        (await orgsUnder(t.ctx.db, rootId, 10)).map((r) => r.name),
      );
      assert.ok(!inside.includes('未提交的名称'), 'an open transaction’s write is not seen');
      assert.ok(inside.includes('机构a'));
    });

    it('answers a read built per call with committed rows while a writer holds the main connection', {
      timeout: 10_000,
    }, async () => {
      const byCodes = (codes: string[]) =>
        publicRead(
          t.ctx.db,
          t.ctx.db.kysely
            .selectFrom('organisation')
            .select(['code', 'name'])
            .where('code', 'in', codes)
            .orderBy('code'),
        );
      assert.deepEqual(
        (await byCodes(['c', 'a'])).map((r) => r.code),
        ['a', 'c'],
      );
      const inside = await duringUncommittedRename('b', () => byCodes(['a', 'b']));
      assert.deepEqual(
        inside.map((r) => r.name),
        ['机构a', '机构b'],
      );
    });
  });
}
