// Account services with real accounts: disabling and password changes end
// sessions, views of personal data are audited, and phone, ID number and
// credit code stay unique, also under concurrent registrations.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../../../test/helpers/databases.ts';
import { auditKey, verifyAuditChain } from '../audit/index.ts';
import {
  getAccount,
  insertAccount,
  revealPersonalData,
  setAccountStatus,
  setPassword,
} from './accounts.ts';
import { verifyPassword } from './passwords.ts';
import { createSession, hashToken, resolveSession } from './sessions.ts';
import type { AccountRow } from './tables.ts';
import {
  actorOf,
  auditHead,
  auditSince,
  CLI_ACTOR,
  clientAt,
  type IdentityTest,
  makeStaff,
  openIdentityTest,
  rejectsWith,
} from './test-support.ts';

const NEW_PASSWORD = 'Zhengwu-fuwu-2026!';

for (const dialect of dialects) {
  describe(`account services [${dialect}]`, () => {
    let t: IdentityTest;
    let alice: AccountRow;
    before(async () => {
      t = await openIdentityTest(dialect);
      alice = (await makeStaff(t.ctx, 'alice')).account;
    });
    after(() => t.close());

    it('disabling an account ends its sessions at once', async () => {
      const { account: carol } = await makeStaff(t.ctx, 'carol');
      const tokens = [
        await createSession(t.ctx, carol, clientAt('10.0.0.1')),
        await createSession(t.ctx, carol, clientAt('10.0.0.2'), true),
      ];
      const other = await createSession(t.ctx, alice, clientAt('10.0.0.3'));
      for (const token of tokens) assert.ok(await resolveSession(t.ctx, token));
      await setAccountStatus(t.ctx, carol.id, 'disabled', CLI_ACTOR);
      for (const token of tokens) assert.equal(await resolveSession(t.ctx, token), undefined);
      const left = await t.ctx.db.kysely
        .selectFrom('session')
        .select('id_hash')
        .where('account_id', '=', carol.id)
        .execute();
      assert.deepEqual(left, [], 'the session rows are deleted');
      assert.ok(await resolveSession(t.ctx, other), 'other accounts keep theirs');
      assert.equal((await getAccount(t.ctx, carol.id)).status, 'disabled');
      // Enabling again does not bring the old sessions back.
      await setAccountStatus(t.ctx, carol.id, 'active', CLI_ACTOR);
      assert.equal(await resolveSession(t.ctx, tokens[0]), undefined);
    });

    it('a password change ends the other sessions but keeps the given one', async () => {
      const { account: dave, password } = await makeStaff(t.ctx, 'dave');
      const keep = await createSession(t.ctx, dave, clientAt('10.0.1.1'), true);
      const others = [
        await createSession(t.ctx, dave, clientAt('10.0.1.2')),
        await createSession(t.ctx, dave, clientAt('10.0.1.3'), true),
      ];
      const seq = await auditHead(t.ctx);
      await setPassword(t.ctx, dave, NEW_PASSWORD, actorOf(dave), { keepSession: hashToken(keep) });
      assert.ok(await resolveSession(t.ctx, keep), 'the session that changed it stays');
      for (const token of others) assert.equal(await resolveSession(t.ctx, token), undefined);
      const stored = await getAccount(t.ctx, dave.id);
      assert.equal(await verifyPassword(stored.password_hash!, NEW_PASSWORD), true);
      assert.equal(await verifyPassword(stored.password_hash!, password), false);
      assert.equal(stored.must_change_password, 0);
      assert.deepEqual(
        (await auditSince(t.ctx, seq)).map((e) => [e.action, e.outcome, e.target_id]),
        [['user.password_change', 'success', dave.id]],
      );
      // Without keepSession every session ends.
      await setPassword(t.ctx, stored, `${NEW_PASSWORD}x`, CLI_ACTOR);
      assert.equal(await resolveSession(t.ctx, keep), undefined);
    });

    it('a view of personal data writes one pii.view entry naming the actor', async () => {
      const citizen = await insertAccount(t.ctx, t.ctx.db.kysely, {
        kind: 'citizen',
        displayName: '王某',
        phone: '13900000002',
        idNumber: '11010519491231002X',
      });
      const seq = await auditHead(t.ctx);
      const shown = await revealPersonalData(t.ctx, citizen.id, actorOf(alice, '10.2.3.4'));
      assert.deepEqual(shown, { phone: '13900000002', idNumber: '11010519491231002X' });
      const entries = await auditSince(t.ctx, seq);
      assert.equal(entries.length, 1);
      const [e] = entries;
      assert.deepEqual(
        [
          e!.action,
          e!.outcome,
          e!.actor_id,
          e!.actor_name,
          e!.actor_ip,
          e!.target_type,
          e!.target_id,
        ],
        ['pii.view', 'success', alice.id, 'alice', '10.2.3.4', 'account', citizen.id],
      );
      assert.match(e!.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.ok(
        !e!.detail.includes('13900000002') && !e!.detail.includes('1949'),
        'no PI in the log',
      );
    });

    it('refuses a duplicate phone, ID number or credit code, however typed, and adds no row', async () => {
      const k = t.ctx.db.kysely;
      await insertAccount(t.ctx, k, {
        kind: 'citizen',
        displayName: '李某',
        phone: '13900000003',
        idNumber: '110105194912310037',
      });
      await insertAccount(t.ctx, k, {
        kind: 'enterprise',
        displayName: '某公司',
        phone: '13900000004',
        creditCode: '91110000100000000A',
      });
      const count = async () =>
        Number(
          (
            await k
              .selectFrom('account')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      const dupes = [
        { kind: 'citizen' as const, displayName: '甲', phone: '13900000003' },
        { kind: 'citizen' as const, displayName: '乙', phone: '１３９０００００００３' }, // full-width digits
        {
          kind: 'citizen' as const,
          displayName: '丙',
          phone: '13900000005',
          idNumber: '110105194912310037',
        },
        {
          kind: 'enterprise' as const,
          displayName: '丁',
          phone: '13900000006',
          creditCode: '91110000100000000A',
        },
      ];
      for (const input of dupes) {
        await rejectsWith(insertAccount(t.ctx, k, input), 'conflict');
      }
      assert.equal(await count(), before, 'no second row');
      const x = await rejectsWith(
        insertAccount(t.ctx, k, {
          kind: 'citizen',
          displayName: '戊',
          phone: '13900000007',
          idNumber: '11010519491231002x',
        }),
        'conflict',
      );
      assert.match(x.message, /身份证号/, 'a lower-case check letter is the same ID number');
    });

    it('settles concurrent registrations of one phone: one row, the others a conflict', async () => {
      const k = t.ctx.db.kysely;
      // Several rounds, so that on PostgreSQL some pairs do pass the check together.
      for (let round = 0; round < 8; round++) {
        const phone = `1390000010${round}`;
        const results = await Promise.allSettled(
          ['甲', '乙', '丙'].map((displayName) =>
            k
              .transaction()
              .execute((trx) => insertAccount(t.ctx, trx, { kind: 'citizen', displayName, phone })),
          ),
        );
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
        for (const r of results) {
          if (r.status === 'fulfilled') continue;
          assert.equal((r.reason as { code?: string }).code, 'conflict', String(r.reason));
          assert.match((r.reason as Error).message, /该手机号已注册/);
        }
      }
    });

    it('leaves an intact audit chain', async () => {
      assert.equal((await verifyAuditChain(t.ctx.db, auditKey(t.config.secret))).ok, true);
    });
  });
}
