// Sessions under a clock the test moves: idle and absolute timeouts (staff
// and public policies), rotation against fixation, revocation on the next
// use, and only a hash of the token at rest.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../../../test/helpers/databases.ts';
import { insertAccount } from './accounts.ts';
import {
  createSession,
  hashToken,
  listSessions,
  resolveSession,
  revokeSession,
  rotateSession,
  SESSION_POLICY,
} from './sessions.ts';
import type { AccountRow } from './tables.ts';
import { clientAt, type IdentityTest, makeStaff, openIdentityTest } from './test-support.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

for (const dialect of dialects) {
  describe(`sessions [${dialect}]`, () => {
    let t: IdentityTest;
    let staff: AccountRow;
    let citizen: AccountRow;
    before(async () => {
      t = await openIdentityTest(dialect);
      staff = (await makeStaff(t.ctx, 'alice')).account;
      citizen = await insertAccount(t.ctx, t.ctx.db.kysely, {
        kind: 'citizen',
        displayName: '市民',
        phone: '13900000001',
      });
    });
    after(() => t.close());

    const rowOf = (token: string) =>
      t.ctx.db.kysely
        .selectFrom('session')
        .selectAll()
        .where('id_hash', '=', hashToken(token))
        .executeTakeFirst();

    it('uses the documented policies: staff 30 min idle / 12 h, public 2 h idle / 7 days', () => {
      assert.deepEqual(SESSION_POLICY, {
        staff: { idleMs: 30 * MINUTE, absoluteMs: 12 * HOUR },
        public: { idleMs: 2 * HOUR, absoluteMs: 7 * 24 * HOUR },
      });
    });

    it('ends a staff session after 30 idle minutes, and deletes its row', async () => {
      const token = await createSession(t.ctx, staff, clientAt('10.0.0.1'));
      t.clock.advance(29 * MINUTE);
      assert.ok(await resolveSession(t.ctx, token), 'active at 29 min');
      t.clock.advance(29 * MINUTE);
      assert.ok(await resolveSession(t.ctx, token), 'use restarts the idle clock');
      t.clock.advance(30 * MINUTE);
      assert.equal(await resolveSession(t.ctx, token), undefined, 'idle for 30 min');
      assert.equal(await rowOf(token), undefined, 'the row is gone');
      t.clock.advance(-30 * MINUTE);
      assert.equal(await resolveSession(t.ctx, token), undefined, 'and stays gone');
    });

    it('ends a staff session after 12 hours however active', async () => {
      const token = await createSession(t.ctx, staff, clientAt('10.0.0.1'));
      for (let elapsed = 20; elapsed < 12 * 60; elapsed += 20) {
        t.clock.advance(20 * MINUTE);
        assert.ok(await resolveSession(t.ctx, token), `active at ${elapsed} min`);
      }
      t.clock.advance(20 * MINUTE);
      assert.equal(await resolveSession(t.ctx, token), undefined, 'at 12 h');
      assert.equal(await rowOf(token), undefined);
    });

    it('gives public accounts the longer policy, staff the shorter', async () => {
      const s = await createSession(t.ctx, staff, clientAt('10.0.0.1'));
      const p = await createSession(t.ctx, citizen, clientAt('10.0.0.2'));
      t.clock.advance(31 * MINUTE);
      assert.equal(await resolveSession(t.ctx, s), undefined, 'staff idle after 31 min');
      const resolved = await resolveSession(t.ctx, p);
      assert.equal(resolved?.account.id, citizen.id, 'public still signed in');
      t.clock.advance(2 * HOUR);
      assert.equal(await resolveSession(t.ctx, p), undefined, 'public idle after 2 h');

      const week = await createSession(t.ctx, citizen, clientAt('10.0.0.2'));
      for (let h = 1; h < 7 * 24; h++) {
        t.clock.advance(HOUR);
        if (h % 12 === 0) assert.ok(await resolveSession(t.ctx, week), `active at ${h} h`);
        else await resolveSession(t.ctx, week);
      }
      t.clock.advance(HOUR);
      assert.equal(await resolveSession(t.ctx, week), undefined, 'at 7 days');
    });

    it('rotates to a new token and kills the old one (fixation)', async () => {
      const before = await createSession(t.ctx, staff, clientAt('10.0.0.1'), false);
      const after = await rotateSession(t.ctx, before, staff, clientAt('10.0.0.1'), true);
      assert.notEqual(after, before);
      assert.equal(await resolveSession(t.ctx, before), undefined, 'the old token is dead');
      const resolved = await resolveSession(t.ctx, after);
      assert.equal(resolved?.session.mfa, 1);
      assert.equal(resolved?.account.id, staff.id);
      assert.equal(await rowOf(before), undefined);
    });

    it('takes a revocation into account on the very next resolve', async () => {
      const token = await createSession(t.ctx, staff, clientAt('10.0.0.1'));
      const other = await createSession(t.ctx, staff, clientAt('10.0.0.9'));
      assert.ok(await resolveSession(t.ctx, token));
      assert.equal(await revokeSession(t.ctx, hashToken(token)), true);
      assert.equal(await resolveSession(t.ctx, token), undefined);
      assert.equal(await revokeSession(t.ctx, hashToken(token)), false, 'already gone');
      assert.ok(await resolveSession(t.ctx, other), 'only that session ended');
    });

    it('refuses unknown, empty and oversized tokens', async () => {
      assert.equal(await resolveSession(t.ctx, undefined), undefined);
      assert.equal(await resolveSession(t.ctx, ''), undefined);
      assert.equal(await resolveSession(t.ctx, 'x'.repeat(43)), undefined);
      assert.equal(await resolveSession(t.ctx, 'x'.repeat(10_000)), undefined);
    });

    it('stores a SHA-256 of the token, never the token', async () => {
      const token = await createSession(t.ctx, staff, clientAt('10.0.0.1'));
      assert.ok(token.length >= 40, 'a long random token');
      const row = await rowOf(token);
      assert.ok(row);
      assert.equal(row.id_hash, createHash('sha256').update(token).digest('hex'));
      const all = await t.ctx.db.kysely.selectFrom('session').selectAll().execute();
      for (const r of all) {
        for (const [column, value] of Object.entries(r)) {
          assert.ok(!String(value).includes(token), `session.${column} holds the token`);
        }
      }
      const listed = await listSessions(t.ctx, staff.id);
      assert.ok(listed.some((s) => s.id_hash === hashToken(token)));
      assert.ok(listed.every((s) => !JSON.stringify(s).includes(token)));
    });
  });
}
