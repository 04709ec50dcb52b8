// Roles and permissions: the role → permission table exactly, scope
// isolation, reviewer levels, and every refusal of 三员分立. The pure rules are
// checked directly; then, on each dialect, the same checks run on grants
// written by the services and read back from the database.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../../../test/helpers/databases.ts';
import { grantsOf } from './accounts.ts';
import {
  can,
  GLOBAL_ROLES,
  type Grant,
  grantRefusal,
  LEVELLED_ROLES,
  PERMISSIONS,
  ROLE_PERMISSIONS,
  ROLES,
  type Role,
  SEPARATED_ROLES,
  scopeKindFor,
} from './permissions.ts';
import { grantScoped, type IdentityTest, makeStaff, openIdentityTest } from './test-support.ts';

/** A scope of the right kind for the role, and one of the same kind that is not it. */
function scopesFor(role: Role): { own: string; other: string } {
  const kind = scopeKindFor(role);
  if (kind === 'global') return { own: 'global', other: 'global' };
  return kind === 'site'
    ? { own: 'site:party', other: 'site:government' }
    : { own: 'org:a1', other: 'org:a10' };
}

const grant = (role: Role, scope = scopesFor(role).own, level: number | null = null): Grant => ({
  role,
  scope,
  level: role === 'reviewer' ? (level ?? 1) : level,
});

/** Check `can` for every role × permission against ROLE_PERMISSIONS, for one grant per role. */
function assertMatrix(grantOf: (role: Role) => readonly Grant[]): void {
  for (const role of ROLES) {
    const { own, other } = scopesFor(role);
    const global = GLOBAL_ROLES.includes(role);
    for (const permission of PERMISSIONS) {
      const expected = ROLE_PERMISSIONS[role].includes(permission);
      const grants = grantOf(role);
      const cell = `${role} × ${permission}`;
      assert.equal(can(grants, permission, own), expected, `${cell} @ ${own}`);
      // 'global' form: a global role holds it everywhere; a scoped role never globally.
      assert.equal(can(grants, permission), global && expected, `${cell} @ global`);
      assert.equal(can(grants, permission, 'site:any'), global && expected, `${cell} @ site:any`);
      if (!global) assert.equal(can(grants, permission, other), false, `${cell} @ ${other}`);
    }
  }
}

describe('permission table', () => {
  it('gives each role exactly its permissions, in its own scope form', () => {
    assertMatrix((role) => [grant(role)]);
  });

  it('names only known permissions, leaves none unused, and keeps the three administrators apart', () => {
    const used = new Set(ROLES.flatMap((r) => ROLE_PERMISSIONS[r]));
    assert.deepEqual([...used].sort(), [...PERMISSIONS].sort());
    // 三员分立: no permission is shared by two of system, security and audit administrator.
    for (const a of SEPARATED_ROLES) {
      for (const b of SEPARATED_ROLES) {
        if (a === b) continue;
        const shared = ROLE_PERMISSIONS[a].filter((p) => ROLE_PERMISSIONS[b].includes(p));
        assert.deepEqual(shared, [], `${a} and ${b} share ${shared.join(', ')}`);
      }
    }
    for (const p of ['audit.read', 'audit.export'] as const) {
      assert.deepEqual(
        ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(p)),
        ['audit_admin'],
        `only the audit administrator has ${p}`,
      );
    }
    assert.deepEqual(
      ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('role.grant')),
      ['security_admin'],
    );
  });

  it('denies everything to no grants', () => {
    for (const p of PERMISSIONS) assert.equal(can([], p), false, p);
  });

  it('isolates scopes: a site or organisation grant covers only its own; a global grant covers all', () => {
    const editor = [grant('editor', 'site:party')];
    assert.equal(can(editor, 'content.edit', 'site:party'), true);
    assert.equal(can(editor, 'content.edit', 'site:government'), false);
    assert.equal(can(editor, 'content.edit', 'site:party2'), false, 'no prefix match');
    assert.equal(can(editor, 'content.edit', 'org:party'), false);
    const handler = [grant('handler', 'org:a1')];
    assert.equal(can(handler, 'case.handle', 'org:a1'), true);
    assert.equal(can(handler, 'pii.view', 'org:a1'), true);
    assert.equal(can(handler, 'case.handle', 'org:a10'), false);
    assert.equal(can(handler, 'pii.view', 'global'), false);
    const sys = [grant('system_admin')];
    for (const scope of ['global', 'site:party', 'site:government', 'org:a1', 'org:zzz']) {
      assert.equal(can(sys, 'org.manage', scope), true, scope);
      assert.equal(can(sys, 'content.edit', scope), false, `${scope}: not its permission`);
    }
  });

  it('checks reviewer levels with minLevel', () => {
    const second = [grant('reviewer', 'site:party', 2)];
    assert.equal(can(second, 'content.review', 'site:party'), true);
    assert.equal(can(second, 'content.review', 'site:party', 1), true);
    assert.equal(can(second, 'content.review', 'site:party', 2), true);
    assert.equal(can(second, 'content.review', 'site:party', 3), false);
    assert.equal(can(second, 'content.review', 'site:government', 1), false);
    // A level asked of a role without levels is never met.
    assert.equal(
      can([grant('site_admin', 'site:party')], 'content.publish', 'site:party', 1),
      false,
    );
    const both = [second[0]!, grant('reviewer', 'site:government', 3)];
    assert.equal(can(both, 'content.review', 'site:party', 3), false, 'levels do not cross sites');
    assert.equal(can(both, 'content.review', 'site:government', 3), true);
  });
});

describe('grantRefusal (三员分立)', () => {
  const sec = { id: 'sec', grants: [grant('security_admin')] };
  const nobody = { id: 'bob', grants: [] };
  const refusal = (over: Partial<Parameters<typeof grantRefusal>[0]>) =>
    grantRefusal({ granter: sec, grantee: nobody, role: 'editor', scope: 'site:party', ...over });

  it('allows a security administrator to grant a role of the right scope kind', () => {
    assert.equal(refusal({}), undefined);
    assert.equal(refusal({ role: 'handler', scope: 'org:a1' }), undefined);
    for (const role of SEPARATED_ROLES) assert.equal(refusal({ role, scope: 'global' }), undefined);
  });

  it('refuses a self-grant, even by a security administrator', () => {
    assert.match(refusal({ grantee: sec, role: 'editor' }) ?? '', /不能给自己分配角色/);
    assert.match(refusal({ grantee: sec, role: 'security_admin', scope: 'global' }) ?? '', /自己/);
  });

  it('refuses a granter without role.grant', () => {
    for (const role of ROLES.filter((r) => r !== 'security_admin')) {
      const granter = { id: 'g', grants: [grant(role)] };
      assert.match(refusal({ granter }) ?? '', /只有安全管理员可以分配角色/, role);
    }
    assert.match(refusal({ granter: { id: 'g', grants: [] } }) ?? '', /只有安全管理员/);
  });

  it('refuses a second administrator role to a holder of one', () => {
    for (const held of SEPARATED_ROLES) {
      const grantee = { id: 'bob', grants: [grant(held)] };
      for (const role of SEPARATED_ROLES) {
        const why = refusal({ grantee, role, scope: 'global' });
        if (role === held) assert.equal(why, undefined, `${held} again is a no-op, not a refusal`);
        else assert.match(why ?? '', /三员分立/, `${held} + ${role}`);
      }
    }
  });

  it('refuses scopes of the wrong kind', () => {
    for (const role of ROLES) {
      const kind = scopeKindFor(role);
      for (const scope of ['global', 'site:party', 'org:a1']) {
        const fits = scope === 'global' ? kind === 'global' : scope.startsWith(`${kind}:`);
        const why = refusal({ role, scope });
        if (fits) assert.equal(why, undefined, `${role} @ ${scope}`);
        else
          assert.match(why ?? '', /范围必须是全局|必须指定站点|必须指定机构/, `${role} @ ${scope}`);
      }
    }
  });
});

for (const dialect of dialects) {
  describe(`permissions on stored grants [${dialect}]`, () => {
    let t: IdentityTest;
    const loaded = new Map<Role, Grant[]>();
    before(async () => {
      t = await openIdentityTest(dialect);
      const { account: sec } = await makeStaff(t.ctx, 'sec.admin', 'security_admin');
      for (const role of ROLES) {
        const { account } = await makeStaff(
          t.ctx,
          `holder.${role.replace('_', '-')}`,
          GLOBAL_ROLES.includes(role) ? role : undefined,
        );
        if (!GLOBAL_ROLES.includes(role)) {
          await grantScoped(
            t.ctx,
            sec,
            account,
            role,
            scopesFor(role).own,
            LEVELLED_ROLES.includes(role) ? 2 : undefined,
          );
        }
        loaded.set(role, await grantsOf(t.ctx, account.id));
      }
    });
    after(() => t.close());

    it('reads back one grant per holder, with its scope and level', () => {
      for (const role of ROLES) {
        assert.deepEqual(loaded.get(role), [
          { role, scope: scopesFor(role).own, level: LEVELLED_ROLES.includes(role) ? 2 : null },
        ]);
      }
    });

    it('gives each holder exactly the table’s permissions, scoped as granted', () => {
      assertMatrix((role) => loaded.get(role)!);
    });

    it('applies reviewer levels read from the database', () => {
      const reviewer = loaded.get('reviewer')!;
      assert.equal(can(reviewer, 'content.review', 'site:party', 2), true);
      assert.equal(can(reviewer, 'content.review', 'site:party', 3), false);
    });
  });
}
