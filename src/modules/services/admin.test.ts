import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postMultipart } from '../../../test/helpers/content.ts';
import { dialects } from '../../../test/helpers/databases.ts';
import {
  type AdminApp,
  type Agent,
  auditRows,
  createStaffUser,
  openAdminApp,
  signIn,
} from '../../../test/helpers/staff.ts';
import { formFromInput } from './admin/form-values.ts';
import { findServiceByCode, workingGuide } from './catalog.ts';
import { completeInput, seedOrganisations } from './test-support.ts';

for (const dialect of dialects) {
  describe(`service guides in the back office [${dialect}]`, () => {
    let aa: AdminApp;
    let org: Record<string, string>;
    const agents: Record<string, Agent> = {};

    before(async () => {
      aa = await openAdminApp(dialect);
      org = await seedOrganisations(aa.ctx);
      const police = `org:${org['public-security']}`;
      const health = `org:${org.health}`;
      const people = {
        editor: [{ role: 'service_editor' as const, scope: police }],
        r1: [{ role: 'service_reviewer' as const, scope: police, level: 1 }],
        r2: [{ role: 'service_reviewer' as const, scope: police, level: 2 }],
        healthEditor: [{ role: 'service_editor' as const, scope: health }],
        coordinator: [
          { role: 'service_editor' as const, scope: `org:${org['government-services']}` },
        ],
        nobody: [],
      };
      for (const [name, roles] of Object.entries(people)) {
        const user = await createStaffUser(aa, { roles });
        agents[name] = await signIn(aa, user);
      }
    });
    after(() => aa.close());

    const form = (overrides: Parameters<typeof completeInput>[1] = {}) => {
      const f = formFromInput(completeInput(org['public-security']!, overrides));
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(f)) if (!Array.isArray(v)) out[k] = v;
      return { ...out, audiences: 'citizen', lifeEvents: 'birth' };
    };
    const idOf = (location: string | string[] | undefined) =>
      String(location)
        .replace(/^\/admin\/services\//, '')
        .replace(/\?.*$/, '');

    it('takes a guide from draft through completeness check and review to the public site', async () => {
      const { editor, r1, r2 } = agents as Required<typeof agents>;
      await editor!.get('/admin/services/new');
      const created = await editor!.post(
        '/admin/services',
        form({ code: 'GA-601', legalBasis: '' }),
      );
      assert.equal(created.statusCode, 303, created.body.slice(0, 500));
      const id = idOf(created.headers.location);
      const page = await editor!.get(`/admin/services/${id}`);
      assert.match(page.body, /要素不全，不能提交审核或发布。缺少：设定依据/);
      const refused = await editor!.post(`/admin/services/${id}/submit`);
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /缺少设定依据/);
      assert.equal((await findServiceByCode(aa.ctx, 'GA-601'))?.review_level, 0);
      assert.equal(
        (await editor!.post(`/admin/services/${id}`, form({ code: 'GA-601' }))).statusCode,
        303,
      );
      assert.equal((await editor!.post(`/admin/services/${id}/submit`)).statusCode, 303);
      await r1!.get(`/admin/services/${id}`);
      assert.equal(
        (await r1!.post(`/admin/services/${id}/approve`, { approveComment: '' })).statusCode,
        303,
      );
      await r2!.get('/admin/services/review');
      const last = await r2!.post(`/admin/services/${id}/approve`, { approveComment: '同意发布' });
      assert.equal(last.statusCode, 303);
      assert.equal((await findServiceByCode(aa.ctx, 'GA-601'))?.status, 'published');
      const pub = await aa.app.inject({ method: 'GET', url: '/services/GA-601' });
      assert.equal(pub.statusCode, 200);
      assert.ok((await auditRows(aa.ctx, 'service.publish')).length >= 1);
    });

    it('refuses a form with fields it does not have, and material lines it cannot read', async () => {
      const { editor } = agents;
      await editor!.get('/admin/services/new');
      const forged = await editor!.post('/admin/services', {
        ...form({ code: 'GA-602' }),
        status: 'published',
      });
      assert.equal(forged.statusCode, 400);
      assert.equal(await findServiceByCode(aa.ctx, 'GA-602'), undefined);
      const bad = await editor!.post('/admin/services', {
        ...form({ code: 'GA-603' }),
        materials: '只有一列',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /第 1 行格式不对/);
      assert.equal(await findServiceByCode(aa.ctx, 'GA-603'), undefined);
      const injected = await editor!.post('/admin/services', {
        ...form({ code: 'GA-604' }),
        name: "<script>alert(1)</script>' OR 1=1 --",
      });
      assert.equal(injected.statusCode, 303);
      const page = await editor!.get(injected.headers.location as string);
      assert.doesNotMatch(page.body, /<script>alert/);
    });

    it("hides one department's guides from another and refuses their changes", async () => {
      const { editor, healthEditor, nobody } = agents;
      await editor!.get('/admin/services/new');
      const created = await editor!.post('/admin/services', form({ code: 'GA-605' }));
      const id = idOf(created.headers.location);
      assert.equal((await healthEditor!.get(`/admin/services/${id}`)).statusCode, 404);
      await healthEditor!.get('/admin/services/new');
      assert.equal(
        (await healthEditor!.post(`/admin/services/${id}`, form({ code: 'GA-605', name: '改名' })))
          .statusCode,
        404,
      );
      assert.equal((await healthEditor!.post(`/admin/services/${id}/submit`)).statusCode, 404);
      const list = await healthEditor!.get('/admin/services');
      assert.equal(list.statusCode, 200);
      assert.doesNotMatch(list.body, /GA-605/);
      // Nor create one in the police's name.
      const forged = await healthEditor!.post('/admin/services', form({ code: 'GA-606' }));
      assert.equal(forged.statusCode, 403);
      assert.equal(await findServiceByCode(aa.ctx, 'GA-606'), undefined);
      assert.equal((await findServiceByCode(aa.ctx, 'GA-605'))?.name, completeInput('x').name);
      assert.equal((await nobody!.get('/admin/services')).statusCode, 403);
      assert.equal((await nobody!.get(`/admin/services/${id}`)).statusCode, 403);
    });

    it('attaches a sample form that passes the upload checks, and serves it once published', async () => {
      const { editor, healthEditor, r1, r2 } = agents;
      await editor!.get('/admin/services/new');
      const created = await editor!.post('/admin/services', form({ code: 'GA-610' }));
      const id = idOf(created.headers.location);
      await editor!.get(`/admin/services/${id}`);
      const sample = Buffer.from(
        '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n',
        'latin1',
      );
      const upload = (agent: Agent, name: string, content: Buffer, material = 'id-card') =>
        postMultipart(agent, `/admin/services/${id}/files`, [
          { name: 'material', value: material },
          { name: 'slot', value: 'sample' },
          { name: 'file', filename: name, content },
        ]);
      const lying = await upload(
        editor!,
        '样表.pdf',
        Buffer.from('<html><script>alert(1)</script></html>'),
      );
      assert.equal(lying.statusCode, 415);
      assert.match(lying.body, /不是 PDF 文档/);
      const row0 = await findServiceByCode(aa.ctx, 'GA-610');
      assert.equal(workingGuide(row0!).materials[0]?.sample, undefined);
      assert.equal((await upload(editor!, '样表.pdf', sample, 'no-such-material')).statusCode, 404);
      await healthEditor!.get('/admin/services');
      assert.equal((await upload(healthEditor!, '样表.pdf', sample)).statusCode, 404);
      const ok = await upload(editor!, '身份证填写样表.pdf', sample);
      assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
      const withFile = workingGuide((await findServiceByCode(aa.ctx, 'GA-610'))!).materials[0]!;
      assert.equal(withFile.sample?.name, '身份证填写样表.pdf');
      await editor!.post(`/admin/services/${id}/submit`);
      await r1!.get(`/admin/services/${id}`);
      await r1!.post(`/admin/services/${id}/approve`, { approveComment: '' });
      await r2!.get(`/admin/services/${id}`);
      await r2!.post(`/admin/services/${id}/approve`, { approveComment: '' });
      const page = await aa.app.inject({ method: 'GET', url: '/services/GA-610' });
      const href = /href="(\/services\/files\/[0-9a-f]{64}\/[^"]+)"/.exec(page.body)?.[1];
      assert.ok(href, 'the guide links its sample');
      const file = await aa.app.inject({ method: 'GET', url: href });
      assert.equal(file.statusCode, 200);
      assert.equal(file.headers['content-type'], 'application/pdf');
      assert.match(String(file.headers['content-disposition']), /^attachment;/);
      const stranger = `/services/files/${'0'.repeat(64)}/x.pdf`;
      assert.equal((await aa.app.inject({ method: 'GET', url: stranger })).statusCode, 404);
    });

    it('lets the coordinating bureau bundle services into a 一件事, and no one else see it', async () => {
      const { editor, coordinator, healthEditor } = agents;
      await editor!.get('/admin/services/new');
      for (const code of ['GA-620', 'GA-621'])
        assert.equal((await editor!.post('/admin/services', form({ code }))).statusCode, 303);
      await coordinator!.get('/admin/services/bundles/new');
      const fields = {
        code: 'YJS-620',
        name: '测试“一件事”',
        summary: '两项合办',
        lifeEvent: 'birth',
        orgId: org['government-services']!,
        serviceCodes: 'GA-620\nGA-621',
        publish: '1',
      };
      const bad = await coordinator!.post('/admin/services/bundles', {
        ...fields,
        serviceCodes: 'GA-620',
      });
      assert.equal(bad.statusCode, 400);
      const saved = await coordinator!.post('/admin/services/bundles', fields);
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
      const list = await coordinator!.get('/admin/services/bundles');
      assert.match(list.body, /YJS-620/);
      assert.equal((await coordinator!.get('/admin/services/bundles/YJS-620')).statusCode, 200);
      await healthEditor!.get('/admin/services/bundles');
      assert.equal((await healthEditor!.get('/admin/services/bundles/YJS-620')).statusCode, 404);
      const takeover = await healthEditor!.post('/admin/services/bundles', {
        ...fields,
        orgId: org.health!,
      });
      assert.equal(takeover.statusCode, 404);
      // Its services are drafts, so the public bundle page lists none of them yet.
      const pub = await aa.app.inject({ method: 'GET', url: '/services/bundles/YJS-620' });
      assert.equal(pub.statusCode, 200);
      assert.doesNotMatch(pub.body, /测试事项/);
    });
  });
}
