// Personal data never rests in plaintext (等保 L3-CES1-27/28, 密评 8.4 d/e):
// a citizen registers with a canary phone and ID number, asks for codes, signs
// in and fails to; no column of any table then holds either canary, nor the
// SMS code, and on SQLite neither do the bytes of the database file and its
// WAL after a checkpoint.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { dialects } from '../../../test/helpers/databases.ts';
import { listOutbox } from '../notify/outbox.ts';
import { insertAccount, revealPersonalData } from './accounts.ts';
import { publicCodeLogin, publicPasswordLogin } from './auth.ts';
import { sendCode } from './sms-codes.ts';
import type { AccountRow } from './tables.ts';
import { clientAt, type IdentityTest, openIdentityTest, rejectsWith } from './test-support.ts';

// Canaries: a phone, an ID number and a password that nothing else contains.
const PHONE = '13987650423';
const ID_NUMBER = '51162119870917263X';
const PASSWORD = 'Canary-passw0rd-7714';
const CANARIES = [PHONE, ID_NUMBER, ID_NUMBER.toLowerCase(), PASSWORD];
const CLIENT = clientAt('203.0.113.40');

const HEX_HASH = /^[0-9a-f]{64}$/;

for (const dialect of dialects) {
  describe(`personal data at rest [${dialect}]`, () => {
    let t: IdentityTest;
    let citizen: AccountRow;
    let smsCode: string;
    before(async () => {
      t = await openIdentityTest(dialect);
      citizen = await t.ctx.db.kysely.transaction().execute((trx) =>
        insertAccount(t.ctx, trx, {
          kind: 'citizen',
          displayName: '金丝雀',
          phone: PHONE,
          idNumber: ID_NUMBER,
          password: PASSWORD,
        }),
      );
      await sendCode(t.ctx, PHONE, 'login', CLIENT.ip);
      smsCode = /\d{6}/.exec((await listOutbox(t.ctx, { to: PHONE }))[0]!.body)![0];
      await publicCodeLogin(t.ctx, PHONE, smsCode, CLIENT);
      await publicPasswordLogin(t.ctx, PHONE, PASSWORD, CLIENT);
      await rejectsWith(
        publicPasswordLogin(t.ctx, PHONE, 'wrong-password-1', CLIENT),
        'unauthenticated',
      );
      await revealPersonalData(t.ctx, citizen.id, { id: null, name: 'auditor', ip: '10.0.0.1' });
    });
    after(() => t.close());

    async function tables(): Promise<string[]> {
      const rows =
        dialect === 'sqlite'
          ? await sql<{
              name: string;
            }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(
              t.ctx.db.kysely,
            )
          : await sql<{
              name: string;
            }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`.execute(
              t.ctx.db.kysely,
            );
      return rows.rows.map((r) => r.name);
    }

    async function rowsOf(table: string): Promise<Record<string, unknown>[]> {
      return (
        await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(
          t.ctx.db.kysely,
        )
      ).rows;
    }

    it('stores phone and ID number encrypted, with keyed lookup hashes', async () => {
      const [row] = await t.ctx.db.kysely
        .selectFrom('account')
        .selectAll()
        .where('id', '=', citizen.id)
        .execute();
      assert.ok(row);
      assert.match(row.phone_enc ?? '', /^v1\./);
      assert.match(row.id_number_enc ?? '', /^v1\./);
      assert.match(row.phone_hash ?? '', HEX_HASH);
      assert.match(row.id_number_hash ?? '', HEX_HASH);
    });

    it('holds no canary in any column of account, otp_code or outbox_message', async () => {
      for (const table of ['account', 'otp_code', 'outbox_message']) {
        const rows = await rowsOf(table);
        assert.ok(rows.length > 0, `${table} has rows`);
        for (const row of rows) {
          for (const [column, value] of Object.entries(row)) {
            const text = String(value);
            for (const canary of CANARIES) {
              assert.ok(!text.includes(canary), `${table}.${column} holds "${canary}"`);
            }
            // Six digits can turn up inside a hex hash by chance; nowhere else.
            if (!HEX_HASH.test(text))
              assert.ok(!text.includes(smsCode), `${table}.${column} holds the code`);
          }
        }
      }
    });

    it('holds no canary in any column of any table (sessions, throttle, audit, jobs …)', async () => {
      const names = await tables();
      assert.ok(names.includes('audit_log') && names.includes('session'));
      for (const table of names) {
        for (const row of await rowsOf(table)) {
          const text = JSON.stringify(row);
          for (const canary of CANARIES)
            assert.ok(!text.includes(canary), `${table} holds "${canary}"`);
        }
      }
    });

    if (dialect === 'sqlite') {
      it('leaves no canary in the database file or its WAL after a checkpoint', () => {
        const db = t.ctx.db.sqlite!;
        const file = t.config.sqliteFile;
        // Before the checkpoint the WAL holds the recent pages; check both moments.
        const files = () => [file, `${file}-wal`].filter(existsSync);
        const scan = (when: string) => {
          for (const path of files()) {
            const bytes = readFileSync(path);
            for (const canary of CANARIES) {
              assert.equal(
                bytes.indexOf(Buffer.from(canary, 'utf8')),
                -1,
                `${when}: ${path} holds "${canary}"`,
              );
            }
          }
        };
        scan('before the checkpoint');
        const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
        assert.equal(result?.busy, 0, 'the checkpoint completed');
        scan('after the checkpoint');
        assert.ok(readFileSync(file).length > 0);
      });
    }
  });
}
