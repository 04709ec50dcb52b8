// Role grants through the account service with real accounts: a grant is
// audited with its granter; every 三员分立 refusal is forbidden, audited as
// 'denied', and grants nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../../../test/helpers/databases.ts';
import { auditKey, verifyAuditChain } from '../audit/index.ts';
import { bootstrapRole, grantRole, grantsOf, insertAccount } from './accounts.ts';
import type { Role } from './permissions.ts';
import type { AccountRow } from './tables.ts';
import {
  actorOf,
  auditHead,
  auditSince,
  type IdentityTest,
  makeStaff,
  openIdentityTest,
  rejectsWith,
} from './test-support.ts';

for (const dialect of dialects) {
  describe(`role grants [${dialect}]`, () => {
    let t: IdentityTest;
    let sec: AccountRow;
    let sys: AccountRow;
    let alice: AccountRow;
    let bob: AccountRow;
    before(async () => {
      t = await openIdentityTest(dialect);
      sec = (await makeStaff(t.ctx, 'sec.admin', 'security_admin')).account;
      sys = (await makeStaff(t.ctx, 'sys.admin', 'system_admin')).account;
      alice = (await makeStaff(t.ctx, 'alice')).account;
      bob = (await makeStaff(t.ctx, 'bob')).account;
    });
    after(() => t.close());

    const grantCount = async () =>
      Number(
        (
          await t.ctx.db.kysely
            .selectFrom('role_grant')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('grants a role through the service, audited with the granter', async () => {
      const seq = await auditHead(t.ctx);
      await grantRole(
        t.ctx,
        { granteeId: alice.id, role: 'editor', scope: 'site:party' },
        actorOf(sec),
      );
      assert.deepEqual(await grantsOf(t.ctx, alice.id), [
        { role: 'editor', scope: 'site:party', level: null },
      ]);
      const [entry, ...rest] = await auditSince(t.ctx, seq);
      assert.equal(rest.length, 0);
      assert.equal(entry!.action, 'role.grant');
      assert.equal(entry!.outcome, 'success');
      assert.equal(entry!.actor_id, sec.id);
      assert.equal(entry!.target_id, alice.id);
      assert.deepEqual(JSON.parse(entry!.detail), {
        role: 'editor',
        scope: 'site:party',
        level: null,
      });
    });

    const refusals: [
      string,
      () => { granter: AccountRow; grantee: AccountRow; role: Role; scope: string },
      RegExp,
    ][] = [
      [
        'a self-grant',
        () => ({ granter: sec, grantee: sec, role: 'editor', scope: 'site:party' }),
        /自己/,
      ],
      [
        'a granter without role.grant',
        () => ({ granter: sys, grantee: bob, role: 'editor', scope: 'site:party' }),
        /只有安全管理员/,
      ],
      [
        'a staff member granting',
        () => ({ granter: alice, grantee: bob, role: 'audit_admin', scope: 'global' }),
        /只有安全管理员/,
      ],
      [
        'a second administrator role',
        () => ({ granter: sec, grantee: sys, role: 'audit_admin', scope: 'global' }),
        /三员分立/,
      ],
      [
        'a site role without a site',
        () => ({ granter: sec, grantee: bob, role: 'editor', scope: 'global' }),
        /必须指定站点/,
      ],
      [
        'an organisation role on a site',
        () => ({ granter: sec, grantee: bob, role: 'handler', scope: 'site:party' }),
        /必须指定机构/,
      ],
      [
        'an administrator role in a scope',
        () => ({ granter: sec, grantee: bob, role: 'system_admin', scope: 'org:a1' }),
        /全局/,
      ],
    ];
    for (const [name, make, reason] of refusals) {
      it(`refuses ${name}: forbidden, audited as denied, nothing granted`, async () => {
        const { granter, grantee, role, scope } = make();
        const before = { grants: await grantCount(), seq: await auditHead(t.ctx) };
        const err = await rejectsWith(
          grantRole(t.ctx, { granteeId: grantee.id, role, scope }, actorOf(granter)),
          'forbidden',
        );
        assert.match(err.message, reason);
        assert.equal(await grantCount(), before.grants, 'nothing granted');
        const entries = await auditSince(t.ctx, before.seq);
        assert.equal(entries.length, 1);
        assert.equal(entries[0]!.action, 'role.grant');
        assert.equal(entries[0]!.outcome, 'denied');
        assert.equal(entries[0]!.actor_id, granter.id);
        assert.equal(entries[0]!.target_id, grantee.id);
        assert.match(JSON.parse(entries[0]!.detail).reason, reason);
      });
    }

    it('refuses a reviewer level outside 1–3 and a public account, granting nothing', async () => {
      const grants = await grantCount();
      await rejectsWith(
        grantRole(
          t.ctx,
          { granteeId: bob.id, role: 'reviewer', scope: 'site:party', level: 4 },
          actorOf(sec),
        ),
        'bad_request',
      );
      const citizen = await insertAccount(t.ctx, t.ctx.db.kysely, {
        kind: 'citizen',
        displayName: '市民',
        phone: '13900000001',
      });
      await rejectsWith(
        grantRole(
          t.ctx,
          { granteeId: citizen.id, role: 'editor', scope: 'site:party' },
          actorOf(sec),
        ),
        'bad_request',
      );
      assert.equal(await grantCount(), grants);
    });

    it('refuses, from the command line too, a second administrator role', async () => {
      await rejectsWith(bootstrapRole(t.ctx, sys.id, 'security_admin'), 'forbidden');
      assert.deepEqual(await grantsOf(t.ctx, sys.id), [
        { role: 'system_admin', scope: 'global', level: null },
      ]);
    });

    it('leaves an intact audit chain', async () => {
      assert.equal((await verifyAuditChain(t.ctx.db, auditKey(t.config.secret))).ok, true);
    });
  });
}
