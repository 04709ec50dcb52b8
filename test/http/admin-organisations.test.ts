// Organisations in the back office: the tree, creating and editing with
// schema-checked forms. Unknown fields (mass assignment), bad values and an
// impossible parent are refused with Chinese messages and change nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoOrganisations } from '../../src/modules/identity/demo-organisations.ts';
import {
  getOrganisation,
  insertMissingOrganisations,
  listOrganisations,
} from '../../src/modules/identity/organisations.ts';
import type { OrganisationRow } from '../../src/modules/identity/tables.ts';
import { dialects } from '../helpers/databases.ts';
import {
  type AdminApp,
  type Agent,
  auditRows,
  createStaffUser,
  openAdminApp,
  signIn,
} from '../helpers/staff.ts';

function formOf(org: OrganisationRow): Record<string, string> {
  return {
    code: org.code,
    name: org.name,
    shortName: org.short_name,
    kind: org.kind,
    parentId: org.parent_id ?? '',
    docPrefix: org.doc_prefix ?? '',
    phone: org.phone ?? '',
    address: org.address ?? '',
    email: org.email ?? '',
    sortOrder: String(org.sort_order),
  };
}

for (const dialect of dialects) {
  describe(`admin organisations [${dialect}]`, () => {
    let aa: AdminApp;
    let agent: Agent;
    const byCode = async (code: string) =>
      (await listOrganisations(aa.ctx.db)).find((o) => o.code === code)!;
    before(async () => {
      aa = await openAdminApp(dialect);
      await insertMissingOrganisations(aa.ctx.db, demoOrganisations);
      agent = await signIn(aa, await createStaffUser(aa, { roles: [{ role: 'system_admin' }] }));
    });
    after(() => aa.close());

    it('lists the tree with departments under their institution', async () => {
      const res = await agent.get('/admin/organisations');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'no-store');
      const gov = res.body.indexOf('遵义市人民政府</td>');
      const edu = res.body.indexOf('遵义市教育局</td>');
      assert.ok(gov > 0 && edu > gov, 'the bureau follows its institution');
      assert.match(res.body, /<td class="depth-1">遵义市教育局<\/td>/);
    });

    it('creates an organisation under a parent (audited)', async () => {
      const parent = await byCode('government');
      const res = await agent.post('/admin/organisations/new', {
        code: 'big-data',
        name: '遵义市大数据发展管理局',
        shortName: '市大数据局',
        kind: 'department',
        parentId: parent.id,
        docPrefix: '遵数发',
        phone: '0851-28888888',
        address: '',
        email: 'bigdata@example.gov.cn',
        sortOrder: '40',
      });
      assert.equal(res.statusCode, 303, res.body);
      assert.equal(res.headers.location, '/admin/organisations?ok=created');
      const made = await byCode('big-data');
      assert.equal(made.parent_id, parent.id);
      assert.equal(made.address, null, 'an empty field is stored as none');
      assert.equal(made.sort_order, 40);
      const rows = await auditRows(aa.ctx, 'org.create');
      assert.equal(rows.at(-1)?.target_id, made.id);
    });

    it('edits an organisation and records which fields changed', async () => {
      const org = await byCode('education');
      const form = await agent.get(`/admin/organisations/${org.id}`);
      assert.equal(form.statusCode, 200);
      assert.ok(form.body.includes(`value="${org.doc_prefix}"`));
      const res = await agent.post(`/admin/organisations/${org.id}`, {
        ...formOf(org),
        shortName: '教育局',
        phone: '0851-28220000',
      });
      assert.equal(res.statusCode, 303, res.body);
      const after = await getOrganisation(aa.ctx, org.id);
      assert.equal(after.short_name, '教育局');
      assert.equal(after.phone, '0851-28220000');
      assert.equal(after.created_at, org.created_at);
      const row = (await auditRows(aa.ctx, 'org.update')).at(-1)!;
      assert.deepEqual(JSON.parse(row.detail).changed.sort(), ['phone', 'short_name']);
    });

    it('refuses extra fields such as id and created_at (mass assignment): 400, nothing changed', async () => {
      const org = await byCode('finance');
      const before = await getOrganisation(aa.ctx, org.id);
      const extras: Record<string, string>[] = [
        { id: 'ffffffff-ffff-7fff-bfff-ffffffffffff' },
        { created_at: '2000-01-01T00:00:00.000Z' },
        { updated_at: '2000-01-01T00:00:00.000Z', parent_id: '' },
      ];
      for (const extra of extras) {
        const res = await agent.post(`/admin/organisations/${org.id}`, {
          ...formOf(before),
          name: '被篡改的名称',
          ...extra,
        });
        assert.equal(res.statusCode, 400, JSON.stringify(extra));
        assert.match(res.body, /含有不允许的字段/);
        assert.ok(res.body.includes('被篡改的名称'), 'the form keeps what was typed');
      }
      assert.deepEqual(await getOrganisation(aa.ctx, org.id), before);
    });

    it('refuses bad values with Chinese field errors', async () => {
      const org = await byCode('justice');
      const before = await getOrganisation(aa.ctx, org.id);
      const cases: [Record<string, string>, RegExp][] = [
        [{ name: '' }, /此项为必填项/],
        [{ code: 'Bad Code!' }, /格式不正确/],
        [{ kind: 'ministry' }, /取值无效/],
        [{ email: 'not-an-email' }, /格式不正确/],
        [{ name: '名'.repeat(201) }, /不能超过 200 个字符/],
        [{ code: 'finance' }, /机构代码已被使用/],
      ];
      for (const [change, message] of cases) {
        const res = await agent.post(`/admin/organisations/${org.id}`, {
          ...formOf(before),
          ...change,
        });
        assert.ok(
          [400, 409].includes(res.statusCode),
          `${JSON.stringify(change)}: ${res.statusCode}`,
        );
        assert.match(res.body, message);
      }
      assert.deepEqual(await getOrganisation(aa.ctx, org.id), before);
    });

    it('refuses a parent that is the organisation itself or one of its descendants', async () => {
      const gov = await byCode('government');
      const child = await byCode('education');
      const before = await getOrganisation(aa.ctx, gov.id);
      for (const parentId of [gov.id, child.id]) {
        const res = await agent.post(`/admin/organisations/${gov.id}`, {
          ...formOf(before),
          parentId,
        });
        assert.equal(res.statusCode, 400);
        assert.match(res.body, /上级机构不能是本机构/);
      }
      assert.deepEqual(await getOrganisation(aa.ctx, gov.id), before);
      const missing = await agent.get('/admin/organisations/no-such-id');
      assert.equal(missing.statusCode, 404);
    });
  });
}
