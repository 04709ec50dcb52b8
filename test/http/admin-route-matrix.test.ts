// Route × role matrix, generated from Fastify's own route table: every
// /admin route is found through an onRoute hook, every GET is requested by
// every kind of user, and the answer must match the role table — the page
// where the role allows it, 403 where it does not, the sign-in page for
// anonymous visitors and citizens. Every permission-guarded POST of the
// identity back office is refused (403, before its body is even looked at)
// for each role that lacks it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyRequest, RouteOptions } from 'fastify';
import { grantsOf } from '../../src/modules/identity/accounts.ts';
import { demoOrganisations } from '../../src/modules/identity/demo-organisations.ts';
import { type Access, permissionsOf } from '../../src/modules/identity/guard.ts';
import {
  insertMissingOrganisations,
  listOrganisations,
} from '../../src/modules/identity/organisations.ts';
import {
  can,
  canSomewhere,
  type Grant,
  type Permission,
  type Role,
} from '../../src/modules/identity/permissions.ts';
import type { YimenModule } from '../../src/platform/module.ts';
import { dialects } from '../helpers/databases.ts';
import {
  type AdminApp,
  Agent,
  citizenAgent,
  createCitizen,
  createStaffUser,
  openAdminApp,
  type RoleSpec,
  signIn,
} from '../helpers/staff.ts';

type Need =
  | 'public'
  | 'pending'
  | 'staff'
  | Permission
  | readonly Permission[]
  | { any: Permission | readonly Permission[] };

/** What each back-office route needs, written out from the brief and the role table. */
const EXPECTED: Record<string, Need> = {
  'GET /admin/login': 'public',
  'POST /admin/login': 'public',
  'GET /admin/login/totp': 'pending',
  'POST /admin/login/totp': 'pending',
  'GET /admin/mfa': 'pending',
  'POST /admin/mfa': 'pending',
  'POST /admin/logout': 'pending',
  'GET /admin': 'staff',
  'GET /admin/password': 'staff',
  'POST /admin/password': 'staff',
  'GET /admin/account/sessions': 'staff',
  'POST /admin/account/sessions/revoke': 'staff',
  'GET /admin/organisations': 'org.manage',
  'GET /admin/organisations/new': 'org.manage',
  'POST /admin/organisations/new': 'org.manage',
  'GET /admin/organisations/:id': 'org.manage',
  'POST /admin/organisations/:id': 'org.manage',
  'GET /admin/users': 'user.manage',
  'POST /admin/users': 'user.manage',
  'GET /admin/users/:id': 'user.manage',
  'POST /admin/users/:id/disable': 'user.manage',
  'POST /admin/users/:id/enable': 'user.manage',
  'POST /admin/users/:id/reset-password': 'user.manage',
  'POST /admin/users/:id/pii': { any: 'pii.view' },
  'POST /admin/users/:id/unlock': 'user.unlock',
  'GET /admin/roles': 'role.grant',
  'GET /admin/users/:id/roles': 'role.grant',
  'POST /admin/users/:id/roles': 'role.grant',
  'GET /admin/sessions': 'session.revoke_any',
  'POST /admin/sessions/revoke': 'session.revoke_any',
  'GET /admin/audit': 'audit.read',
  'GET /admin/audit/export.csv': 'audit.export',
  'GET /admin/outbox': 'outbox.view',
  'GET /admin/jobs': 'jobs.manage',
  'POST /admin/jobs/:id/retry': 'jobs.manage',
};

function needOf(access: Access | undefined): Need {
  if (access === undefined) throw new Error('undeclared access');
  if (access === 'public' || access === 'staff') return access;
  if (access === 'staff-pending') return 'pending';
  if (access === 'member') throw new Error('a member route under /admin');
  return access.anyScope ? { any: access.permission } : access.permission;
}

type Who = { label: string; kind: 'anonymous' | 'citizen' | 'staff'; grants: Grant[] };

/** As the guard decides; `scope` is what the route's scope function names (global by default). */
function allowed(who: Who, need: Need, scope = 'global'): boolean {
  if (need === 'public') return true;
  if (who.kind !== 'staff') return false;
  if (need === 'pending' || need === 'staff') return true;
  if (typeof need === 'object' && 'any' in need)
    return permissionsOf(need.any).some((p) => canSomewhere(who.grants, p));
  return permissionsOf(need).some((p) => can(who.grants, p, scope));
}

/** The scope another module's route asks for, given the made-up path parameters. */
function scopeOf(access: Access | undefined, url: string, concreteUrl: string): string {
  if (typeof access !== 'object' || !access.scope) return 'global';
  const names = [...url.matchAll(/:([a-zA-Z]+)/g)].map((m) => m[1]!);
  const values = concreteUrl.split('/').filter((_, i) => url.split('/')[i]?.startsWith(':'));
  const params = Object.fromEntries(names.map((n, i) => [n, values[i]]));
  return access.scope({ params, query: {}, body: {} } as unknown as FastifyRequest);
}

for (const dialect of dialects) {
  describe(`admin route × role matrix [${dialect}]`, () => {
    const routes: { method: string; url: string; access?: Access; body?: unknown }[] = [];
    const collector: YimenModule = {
      name: 'route-collector',
      routes(app) {
        app.addHook('onRoute', (route: RouteOptions) => {
          for (const method of [route.method].flat()) {
            if (route.url.startsWith('/admin') && (method === 'GET' || method === 'POST'))
              routes.push({
                method,
                url: route.url,
                access: route.config?.access,
                body: (route.schema as { body?: unknown } | undefined)?.body,
              });
          }
        });
      },
    };
    let aa: AdminApp;
    const agents = new Map<string, { who: Who; agent: Agent }>();
    let orgId = '';
    let subjectId = '';

    before(async () => {
      aa = await openAdminApp(dialect, { modulesBefore: [collector] });
      await insertMissingOrganisations(aa.ctx.db, demoOrganisations);
      orgId = (await listOrganisations(aa.ctx.db)).find((o) => o.code === 'education')!.id;
      const specs: [string, RoleSpec[]][] = [
        ['system_admin', [{ role: 'system_admin' }]],
        ['security_admin', [{ role: 'security_admin' }]],
        ['audit_admin', [{ role: 'audit_admin' }]],
        ['site_admin', [{ role: 'site_admin', scope: 'site:portal' }]],
        ['editor', [{ role: 'editor', scope: 'site:party' }]],
        ['reviewer', [{ role: 'reviewer', scope: 'site:government', level: 2 }]],
        ['handler', [{ role: 'handler', scope: `org:${orgId}` }]],
        ['clerk', [{ role: 'clerk', scope: `org:${orgId}` }]],
        ['leader', [{ role: 'leader', scope: `org:${orgId}` }]],
        ['no roles', []],
      ];
      for (const [label, roles] of specs) {
        const user = await createStaffUser(aa, { roles });
        const grants = await grantsOf(aa.ctx, user.account.id);
        assert.deepEqual(grants.map((g) => g.role).sort(), roles.map((r) => r.role as Role).sort());
        agents.set(label, { who: { label, kind: 'staff', grants }, agent: await signIn(aa, user) });
      }
      subjectId = (await createStaffUser(aa)).account.id;
      const citizen = await createCitizen(aa);
      agents.set('citizen', {
        who: { label: 'citizen', kind: 'citizen', grants: [] },
        agent: await citizenAgent(aa, citizen),
      });
      agents.set('anonymous', {
        who: { label: 'anonymous', kind: 'anonymous', grants: [] },
        agent: new Agent(aa.app),
      });
    });
    after(() => aa.close());

    function concrete(url: string): string {
      const id = url.startsWith('/admin/organisations/') ? orgId : subjectId;
      return url.replace(/:id\b/, id).replace(/:[a-zA-Z]+/g, 'x');
    }

    it('finds every back-office route, each declaring the access the role table expects', () => {
      const found = new Set(routes.map((r) => `${r.method} ${r.url}`));
      for (const key of Object.keys(EXPECTED)) assert.ok(found.has(key), `route ${key} exists`);
      for (const r of routes) {
        const key = `${r.method} ${r.url}`;
        const declared = needOf(r.access);
        if (EXPECTED[key] !== undefined)
          assert.deepEqual(declared, EXPECTED[key], `${key} declares ${JSON.stringify(declared)}`);
      }
    });

    it('validates every POST body with a strict schema whose strings are bounded', () => {
      const problems: string[] = [];
      for (const r of routes.filter((x) => x.method === 'POST' && EXPECTED[`POST ${x.url}`])) {
        const body = r.body as
          | { additionalProperties?: boolean; properties?: Record<string, Record<string, unknown>> }
          | undefined;
        if (!body) problems.push(`${r.url}: no body schema`);
        else if (body.additionalProperties !== false)
          problems.push(`${r.url}: unknown fields allowed`);
        for (const [name, prop] of Object.entries(body?.properties ?? {})) {
          const bounded = prop.maxLength !== undefined || 'const' in prop || 'anyOf' in prop;
          if (prop.type === 'string' && !bounded) problems.push(`${r.url}: ${name} unbounded`);
        }
      }
      assert.deepEqual(problems, []);
    });

    it('answers every GET for every role as the role table says', async () => {
      const gets = routes.filter((r) => r.method === 'GET');
      assert.ok(gets.length >= 18);
      const failures: string[] = [];
      for (const route of gets) {
        const need = EXPECTED[`GET ${route.url}`] ?? needOf(route.access);
        const url = concrete(route.url);
        const scope = scopeOf(route.access, route.url, url);
        for (const { who, agent } of agents.values()) {
          const res = await agent.get(url);
          const location = String(res.headers.location ?? '');
          const cell = `${who.label} GET ${url} → ${res.statusCode} ${location}`;
          const toSignIn = res.statusCode === 303 && location.startsWith('/admin/login?next=');
          if (allowed(who, need, scope)) {
            // The page itself, or a step of its own flow (a signed-in user on the TOTP page is sent on).
            const ok =
              (res.statusCode >= 200 && res.statusCode < 300) ||
              (res.statusCode === 303 && !toSignIn && (need === 'pending' || need === 'staff'));
            // Other modules' routes are requested with made-up ids: past the guard is enough.
            const unknownOk =
              !EXPECTED[`GET ${route.url}`] &&
              res.statusCode !== 403 &&
              !toSignIn &&
              res.statusCode < 500;
            if (!ok && !unknownOk) failures.push(`expected allowed: ${cell}`);
          } else if (who.kind === 'staff') {
            if (res.statusCode !== 403) failures.push(`expected 403: ${cell}`);
          } else if (!toSignIn) {
            failures.push(`expected the sign-in page: ${cell}`);
          }
        }
      }
      assert.deepEqual(failures, []);
    });

    it('refuses every permission-guarded POST for each role without the permission', async () => {
      // The identity module's own forms; other modules' forms have their own tests.
      const posts = routes.filter((r) => r.method === 'POST' && EXPECTED[`POST ${r.url}`]);
      const failures: string[] = [];
      let refusals = 0;
      for (const route of posts) {
        const need = EXPECTED[`POST ${route.url}`]!;
        if (need === 'public' || need === 'pending' || need === 'staff') continue;
        for (const { who, agent } of agents.values()) {
          if (allowed(who, need)) continue;
          // An empty form: the refusal must come before the body is validated.
          const res = await agent.post(concrete(route.url));
          const expected = who.kind === 'staff' ? 403 : 401;
          if (res.statusCode !== expected)
            failures.push(
              `${who.label} POST ${route.url} → ${res.statusCode}, expected ${expected}`,
            );
          refusals++;
        }
      }
      assert.deepEqual(failures, []);
      assert.ok(refusals > 100, `${refusals} refusals checked`);
    });

    it('shows each role only the navigation sections it may use', async () => {
      const sections: Record<string, string[]> = {
        system_admin: ['机构管理', '用户管理', '短信发件箱', '后台任务'],
        security_admin: ['角色授权', '会话管理'],
        audit_admin: ['审计日志'],
        editor: [],
      };
      const all = [
        '机构管理',
        '用户管理',
        '角色授权',
        '会话管理',
        '审计日志',
        '短信发件箱',
        '后台任务',
      ];
      for (const [label, mine] of Object.entries(sections)) {
        const res = await agents.get(label)!.agent.get('/admin');
        assert.equal(res.statusCode, 200);
        const nav = /<nav class="admin-nav"[\s\S]*?<\/nav>/.exec(res.body)?.[0] ?? '';
        for (const name of all)
          assert.equal(nav.includes(`>${name}<`), mine.includes(name), `${label}: ${name}`);
        assert.ok(nav.includes('>我的登录会话<') && nav.includes('>修改密码<'));
      }
    });
  });
}
