import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, openTestContext, type TestContext } from '../../../test/helpers/databases.ts';
import { auditRows } from '../../../test/helpers/staff.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Reviewer } from '../content/review.ts';
import {
  createService,
  getServiceRow,
  liveGuide,
  type ServiceInput,
  updateService,
  workingGuide,
} from './catalog.ts';
import { missingElements } from './completeness.ts';
import { listPublishedServices, publishedService } from './queries.ts';
import { approveService, returnService, submitService, withdrawService } from './review.ts';
import { completeInput, seedOrganisations, serviceStaff } from './test-support.ts';

async function rejects(p: Promise<unknown>, code: string, pattern?: RegExp) {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof DomainError, String(err));
    assert.equal(err.code, code, err.message);
    if (pattern) assert.match(err.message, pattern);
    return true;
  });
}

for (const dialect of dialects) {
  describe(`service catalog and its review [${dialect}]`, () => {
    let t: TestContext;
    let org: Record<string, string>;
    const p: Record<string, Reviewer> = {};
    let seq = 100;
    const input = (overrides: Partial<ServiceInput> = {}) =>
      completeInput(org['public-security']!, { code: `GA-${++seq}`, ...overrides });

    before(async () => {
      t = await openTestContext(dialect);
      org = await seedOrganisations(t.ctx);
      const police = `org:${org['public-security']}`;
      const health = `org:${org.health}`;
      p.editor = await serviceStaff(t.ctx, 'ga.editor', [
        { role: 'service_editor', scope: police },
      ]);
      p.r1 = await serviceStaff(t.ctx, 'ga.r1', [
        { role: 'service_reviewer', scope: police, level: 1 },
      ]);
      p.r2 = await serviceStaff(t.ctx, 'ga.r2', [
        { role: 'service_reviewer', scope: police, level: 2 },
      ]);
      p.healthEditor = await serviceStaff(t.ctx, 'wj.editor', [
        { role: 'service_editor', scope: health },
      ]);
      p.healthReviewer = await serviceStaff(t.ctx, 'wj.r2', [
        { role: 'service_reviewer', scope: health, level: 2 },
      ]);
    });
    after(() => t.close());

    async function publish(overrides: Partial<ServiceInput> = {}) {
      const row = await createService(t.ctx, input(overrides), p.editor!);
      await submitService(t.ctx, row.id, p.editor!);
      await approveService(t.ctx, row.id, p.r1!);
      return approveService(t.ctx, row.id, p.r2!);
    }

    it('refuses invalid input field by field and stores nothing', async () => {
      const before = await t.ctx.db.kysely.selectFrom('service_items').select('id').execute();
      await assert.rejects(
        createService(
          t.ctx,
          input({
            code: 'ga 1; drop table service_items',
            name: '   ',
            promisedDays: 30,
            statutoryDays: 20,
            lifeEvents: ['birth', '<script>'],
            consultPhone: 'call me',
            materials: [
              {
                key: 'id-card',
                name: '身份证',
                form: 'original',
                copies: 1,
                requirement: 'conditional',
              },
            ],
          }),
          p.editor!,
        ),
        (err: unknown) => {
          assert.ok(err instanceof DomainError);
          assert.equal(err.code, 'bad_request');
          assert.deepEqual(Object.keys(err.fields ?? {}).sort(), [
            'code',
            'consultPhone',
            'lifeEvents',
            'materials',
            'name',
            'promisedDays',
          ]);
          assert.match(err.fields?.materials ?? '', /适用情形/);
          return true;
        },
      );
      const afterRows = await t.ctx.db.kysely.selectFrom('service_items').select('id').execute();
      assert.equal(afterRows.length, before.length);
    });

    it('creates a draft, audited, and refuses a code already in use', async () => {
      const row = await createService(t.ctx, input({ code: 'GA-950' }), p.editor!);
      assert.equal(row.status, 'draft');
      assert.equal(row.org_id, org['public-security']);
      const audits = await auditRows(t.ctx, 'service.create');
      assert.ok(audits.some((a) => a.target_id === row.id));
      await rejects(
        createService(t.ctx, input({ code: 'GA-950' }), p.editor!),
        'bad_request',
        /编码/,
      );
    });

    it('flags an incomplete guide and blocks its submission', async () => {
      const row = await createService(
        t.ctx,
        input({ legalBasis: '', materials: [], feeStandard: ' ', consultPhone: '' }),
        p.editor!,
      );
      assert.deepEqual(missingElements(workingGuide(row)), [
        'legalBasis',
        'materials',
        'feeStandard',
        'consultPhone',
      ]);
      await rejects(
        submitService(t.ctx, row.id, p.editor!),
        'bad_request',
        /缺少设定依据、办理材料、收费标准、联系电话/,
      );
      const after = await getServiceRow(t.ctx, row.id);
      assert.equal(after.status, 'draft');
      assert.equal(after.review_level, 0);
    });

    it('blocks publication of a guide that became incomplete while in review', async () => {
      const row = await createService(t.ctx, input(), p.editor!);
      await submitService(t.ctx, row.id, p.editor!);
      await approveService(t.ctx, row.id, p.r1!);
      // An import or a manual database fix emptied an element after submission.
      await t.ctx.db.kysely
        .updateTable('service_items')
        .set({ place: '' })
        .where('id', '=', row.id)
        .execute();
      await rejects(approveService(t.ctx, row.id, p.r2!), 'bad_request', /不能发布：缺少办理地点/);
      assert.equal((await getServiceRow(t.ctx, row.id)).status, 'in_review');
      assert.equal(await publishedService(t.ctx, row.code), undefined);
    });

    it('publishes after 初审 and 复审 by two other people, every step audited', async () => {
      const row = await createService(t.ctx, input(), p.editor!);
      await rejects(approveService(t.ctx, row.id, p.r1!), 'conflict');
      await submitService(t.ctx, row.id, p.editor!);
      assert.equal((await getServiceRow(t.ctx, row.id)).status, 'in_review');
      assert.equal(await publishedService(t.ctx, row.code), undefined);
      // The editor cannot review; a 复审 reviewer may take 初审 (level ≥ 1) but not both levels.
      await rejects(approveService(t.ctx, row.id, p.editor!), 'forbidden');
      await approveService(t.ctx, row.id, p.r2!);
      await rejects(approveService(t.ctx, row.id, p.r2!), 'forbidden', /不同人员/);
      await rejects(approveService(t.ctx, row.id, p.r1!), 'forbidden', /复审/);
      const r3 = await serviceStaff(t.ctx, 'ga.r2b', [
        { role: 'service_reviewer', scope: `org:${org['public-security']}`, level: 2 },
      ]);
      const done = await approveService(t.ctx, row.id, r3);
      assert.equal(done.status, 'published');
      assert.ok(done.published_at);
      assert.equal((await publishedService(t.ctx, row.code))?.name, row.name);
      for (const action of ['service.submit', 'service.approve', 'service.publish']) {
        const rows = await auditRows(t.ctx, action);
        assert.ok(
          rows.some((a) => a.target_id === row.id),
          `${action} audited`,
        );
      }
    });

    it('returns a guide with a comment to its editor', async () => {
      const row = await createService(t.ctx, input(), p.editor!);
      await submitService(t.ctx, row.id, p.editor!);
      await rejects(returnService(t.ctx, row.id, p.r1!, '  '), 'bad_request');
      await returnService(t.ctx, row.id, p.r1!, '请补充办理时限的依据');
      const back = await getServiceRow(t.ctx, row.id);
      assert.equal(back.status, 'draft');
      assert.equal(back.review_level, 0);
      // Editable again, and submittable again.
      await updateService(
        t.ctx,
        row.id,
        { ...input({ code: row.code }), feeBasis: '无' },
        p.editor!,
      );
      await submitService(t.ctx, row.id, p.editor!);
    });

    it('keeps the reviewed text public while an edit of a published guide is in review', async () => {
      const row = await publish({ name: '原名称事项' });
      await updateService(t.ctx, row.id, input({ code: row.code, name: '新名称事项' }), p.editor!);
      const mid = await getServiceRow(t.ctx, row.id);
      assert.equal(mid.status, 'published');
      assert.equal(liveGuide(mid).name, '原名称事项');
      assert.equal(workingGuide(mid).name, '新名称事项');
      assert.equal((await publishedService(t.ctx, row.code))?.name, '原名称事项');
      await submitService(t.ctx, row.id, p.editor!);
      await rejects(
        updateService(t.ctx, row.id, input({ code: row.code }), p.editor!),
        'conflict',
        /审核中/,
      );
      await approveService(t.ctx, row.id, p.r1!);
      await approveService(t.ctx, row.id, p.r2!);
      const done = await getServiceRow(t.ctx, row.id);
      assert.equal(done.pending, null);
      assert.equal((await publishedService(t.ctx, row.code))?.name, '新名称事项');
      await rejects(
        updateService(t.ctx, row.id, input({ code: 'GA-999' }), p.editor!),
        'bad_request',
        /编码/,
      );
    });

    it("does not let one department edit, submit, review or withdraw another's guide", async () => {
      const row = await publish();
      await rejects(
        updateService(t.ctx, row.id, input({ code: row.code }), p.healthEditor!),
        'forbidden',
      );
      // Nor move it into a department of theirs.
      await rejects(
        updateService(
          t.ctx,
          row.id,
          completeInput(org.health!, { code: row.code }),
          p.healthEditor!,
        ),
        'forbidden',
      );
      // Nor create a guide in the police's name.
      await rejects(createService(t.ctx, input(), p.healthEditor!), 'forbidden');
      await updateService(t.ctx, row.id, input({ code: row.code, summary: '改' }), p.editor!);
      await rejects(submitService(t.ctx, row.id, p.healthEditor!), 'forbidden');
      await submitService(t.ctx, row.id, p.editor!);
      await rejects(approveService(t.ctx, row.id, p.healthReviewer!), 'forbidden');
      await rejects(withdrawService(t.ctx, row.id, p.healthReviewer!, '不再办理'), 'forbidden');
    });

    it('withdraws a published guide from the public catalog', async () => {
      const row = await publish({ lifeEvents: ['after-death'] });
      const listed = await listPublishedServices(t.ctx, { lifeEvent: 'after-death' });
      assert.ok(listed.services.some((s) => s.code === row.code));
      await rejects(withdrawService(t.ctx, row.id, p.r1!, '停办'), 'forbidden');
      await withdrawService(t.ctx, row.id, p.r2!, '该事项已取消');
      assert.equal(await publishedService(t.ctx, row.code), undefined);
      const gone = await listPublishedServices(t.ctx, { lifeEvent: 'after-death' });
      assert.ok(!gone.services.some((s) => s.code === row.code));
      assert.ok((await auditRows(t.ctx, 'service.withdraw')).some((a) => a.target_id === row.id));
    });
  });
}
