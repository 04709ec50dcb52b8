import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { dialects, openTestContext, type TestContext } from '../../../test/helpers/databases.ts';
import { buildApp } from '../../platform/http/app.ts';
import type { Reviewer } from '../content/review.ts';
import { createService, findServiceByCode } from './catalog.ts';
import { seedDemoServices } from './demo/seed.ts';
import { approveService, submitService, withdrawService } from './review.ts';
import { completeInput, seedOrganisations, serviceStaff } from './test-support.ts';

for (const dialect of dialects) {
  describe(`public service pages and API [${dialect}]`, () => {
    let t: TestContext;
    let app: FastifyInstance;
    let org: Record<string, string>;
    const p: Record<string, Reviewer> = {};
    const get = (url: string) => app.inject({ method: 'GET', url });

    before(async () => {
      t = await openTestContext(dialect, { env: { YIMEN_RATE_LIMIT: '1000000' } });
      org = await seedOrganisations(t.ctx);
      await seedDemoServices(t.ctx, () => {});
      ({ app } = await buildApp(t.ctx));
      const police = `org:${org['public-security']}`;
      p.editor = await serviceStaff(t.ctx, 'pg.editor', [
        { role: 'service_editor', scope: police },
      ]);
      p.r1 = await serviceStaff(t.ctx, 'pg.r1', [
        { role: 'service_reviewer', scope: police, level: 1 },
      ]);
      p.r2 = await serviceStaff(t.ctx, 'pg.r2', [
        { role: 'service_reviewer', scope: police, level: 2 },
      ]);
    });
    after(async () => {
      await app?.close();
      await t.close();
    });

    it('shows the catalog by life event, enterprise stage, audience, department and theme', async () => {
      const home = await get('/services/');
      assert.equal(home.statusCode, 200);
      for (const href of [
        '/services/life/birth',
        '/services/enterprise/opening',
        '/services/audience/rural',
        '/services/department/public-security',
        '/services/theme/housing',
        '/services/bundles/YJS-001',
      ])
        assert.ok(home.body.includes(`href="${href}"`), href);
      const birth = await get('/services/life/birth');
      assert.equal(birth.statusCode, 200);
      assert.match(birth.body, /新生儿出生登记（落户）/);
      assert.doesNotMatch(birth.body, /企业设立登记/);
      const dept = await get('/services/department/market-regulation');
      assert.match(dept.body, /企业设立登记/);
      assert.doesNotMatch(dept.body, /新生儿出生登记/);
      assert.equal((await get('/services/life/no-such-event')).statusCode, 404);
      assert.equal((await get('/services/department/no-such-dept')).statusCode, 404);
      assert.equal((await get('/services')).statusCode, 301);
    });

    it('shows a guide with its checklist, print styles and the online application link', async () => {
      const res = await get('/services/GA-001');
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['cache-control'] as string, /public/);
      const boxes = res.body.match(/<input type="checkbox"/g) ?? [];
      assert.equal(boxes.length, 5, 'one box per material');
      assert.match(res.body, /<label for="m-birth-medical-certificate">/);
      assert.match(res.body, /href="\/services\/GA-001\/apply"/);
      assert.match(res.body, /media="print"/);
      for (const heading of [
        '设定依据',
        '申请条件',
        '办理材料',
        '办理流程',
        '收费标准',
        '办理地点',
      ])
        assert.ok(res.body.includes(heading), heading);
      assert.match(res.body, /新生儿出生“一件事”/, 'links to its bundle');
      const infoOnly = await get('/services/GA-003');
      assert.equal(infoOnly.statusCode, 200);
      assert.doesNotMatch(infoOnly.body, /\/apply"/);
    });

    it('merges the bundle materials into one list', async () => {
      const res = await get('/services/bundles/YJS-001');
      assert.equal(res.statusCode, 200);
      assert.equal((res.body.match(/id="bm-parents-id-cards"/g) ?? []).length, 1);
      assert.match(
        res.body,
        /用于：《出生医学证明》首次签发、新生儿出生登记（落户）、城乡居民基本医疗保险参保登记/,
      );
      assert.equal((await get('/services/bundles/YJS-999')).statusCode, 404);
    });

    it('answers 404 for unknown, malformed and unpublished codes, and escapes searches', async () => {
      for (const url of [
        '/services/GA-999',
        '/services/ga-001',
        "/services/GA-001'--",
        '/services/%3Cscript%3E',
      ])
        assert.equal((await get(url)).statusCode, 404, url);
      const draft = await createService(
        t.ctx,
        completeInput(org['public-security']!, { code: 'GA-777' }),
        p.editor!,
      );
      assert.equal(draft.status, 'draft');
      assert.equal((await get('/services/GA-777')).statusCode, 404);
      assert.equal((await get('/api/v1/services/GA-777')).statusCode, 404);
      const search = await get('/services/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
      assert.equal(search.statusCode, 200);
      assert.doesNotMatch(search.body, /<script>alert/);
      const all = await get('/services/search');
      const listed = new Set(all.body.match(/href="\/services\/[A-Z]+-[0-9]+"/g));
      assert.ok(listed.size >= 60, `every guide on one page (${listed.size})`);
      const found = await get(`/services/search?q=${encodeURIComponent('公积金')}`);
      assert.match(found.body, /住房公积金提取（租房）/);
      // Links shared through WeChat come back with these appended.
      const links = (body: string) => body.match(/href="\/services\/[^"]+"/g) ?? [];
      const shared = await get('/services/?from=timeline&isappinstalled=0&utm_source=weixin');
      assert.equal(shared.statusCode, 200);
      assert.ok(links(shared.body).length > 10);
      assert.deepEqual(links(shared.body), links((await get('/services/')).body));
      const sharedSearch = await get(
        `/services/search?q=${encodeURIComponent('公积金')}&from=singlemessage`,
      );
      assert.match(sharedSearch.body, /住房公积金提取（租房）/);
    });

    it('serves the catalog as JSON with filters, and refuses unknown parameters', async () => {
      const list = await get('/api/v1/services?lifeEvent=birth&depth=full');
      assert.equal(list.statusCode, 200);
      const body = list.json() as { total: number; items: { code: string; applyUrl?: string }[] };
      assert.ok(
        body.items.some(
          (i) => i.code === 'GA-001' && i.applyUrl?.endsWith('/services/GA-001/apply'),
        ),
      );
      assert.equal(body.total, body.items.length);
      const dept = (await get('/api/v1/services?department=medical-insurance')).json() as {
        items: { department: { code: string } }[];
      };
      assert.ok(dept.items.length >= 4);
      assert.ok(dept.items.every((i) => i.department.code === 'medical-insurance'));
      assert.equal((await get('/api/v1/services?department=nowhere')).json().total, 0);
      assert.equal((await get('/api/v1/services?status=draft')).statusCode, 400);
      assert.equal((await get('/api/v1/services?depth=everything')).statusCode, 400);
      const one = await get('/api/v1/services/GA-001');
      assert.equal(one.statusCode, 200);
      const guide = one.json() as { materials: { key: string }[]; department: { code: string } };
      assert.equal(guide.department.code, 'public-security');
      assert.ok(guide.materials.some((m) => m.key === 'parents-id-cards'));
      assert.ok(!('status' in guide) && !('authorId' in guide) && !('id' in guide));
    });

    it('drops the cached guide when it is withdrawn, and shows it when published', async () => {
      const row = await createService(
        t.ctx,
        completeInput(org['public-security']!, { code: 'GA-778', name: '缓存测试事项' }),
        p.editor!,
      );
      await submitService(t.ctx, row.id, p.editor!);
      await approveService(t.ctx, row.id, p.r1!);
      await approveService(t.ctx, row.id, p.r2!);
      assert.equal((await get('/services/GA-778')).statusCode, 200);
      assert.match((await get('/services/life/birth')).body, /缓存测试事项/);
      await withdrawService(t.ctx, row.id, p.r2!, '事项调整');
      assert.equal((await get('/services/GA-778')).statusCode, 404);
      assert.doesNotMatch((await get('/services/life/birth')).body, /缓存测试事项/);
      assert.equal((await findServiceByCode(t.ctx, 'GA-778'))?.status, 'withdrawn');
    });
  });
}
