import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, openTestContext, type TestContext } from '../../../test/helpers/databases.ts';
import { DomainError } from '../../platform/errors.ts';
import { listOutbox } from '../notify/outbox.ts';
import { urgencyOf } from './deadline.ts';
import { advanceFollowup, evaluate } from './evaluation.ts';
import { historyOf } from './events.ts';
import { transition } from './handling.ts';
import { listQueue, lookupProgress, partsOf } from './queries.ts';
import { applicationStats } from './stats.ts';
import { saveApplication } from './submission.ts';
import {
  bundleTarget,
  citizen,
  type Fixture,
  fakeFile,
  NEWBORN_FILES,
  NEWBORN_VALUES,
  serviceTarget,
  setupCatalog,
  staffWith,
  token,
} from './test-support.ts';
import { TRACKING_PATTERN } from './tracking-numbers.ts';

// Thursday 2026-02-12, 10:00 in Beijing: the Spring Festival holiday is near.
const T0 = Date.parse('2026-02-12T02:00:00Z');

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof DomainError, String(err));
    return err;
  }
  assert.fail('expected a refusal');
}

for (const dialect of dialects) {
  describe(`applications [${dialect}]`, () => {
    let t: TestContext;
    let nowMs = T0;
    let fx: Fixture;

    before(async () => {
      t = await openTestContext(dialect, { clock: () => new Date(nowMs) });
      fx = await setupCatalog(t.ctx);
    });
    after(() => t.close());

    const count = async (table: 'application' | 'application_file' | 'application_event') =>
      Number(
        (
          await t.ctx.db.kysely
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    async function submitNewborn(applicant: Awaited<ReturnType<typeof citizen>>, tok = token()) {
      return saveApplication(t.ctx, {
        target: await serviceTarget(t.ctx, 'GA-001'),
        applicant,
        token: tok,
        values: NEWBORN_VALUES,
        files: NEWBORN_FILES.map((m) => fakeFile(m)),
        submit: true,
      });
    }

    it('saves a draft without a number, then submits it once with a 受理编号, history, audit and SMS', async () => {
      nowMs = T0;
      const me = await citizen(t.ctx);
      const tok = token();
      const target = await serviceTarget(t.ctx, 'GA-001');
      const draft = await saveApplication(t.ctx, {
        target,
        applicant: me,
        token: tok,
        values: { child_name: '王小明' },
        files: [fakeFile('birth-medical-certificate')],
        submit: false,
      });
      assert.equal(draft.status, 'draft');
      assert.equal(draft.tracking_no, null);
      const submitted = await saveApplication(t.ctx, {
        target,
        applicant: me,
        token: tok,
        values: NEWBORN_VALUES,
        files: ['parents-household-register', 'parents-id-cards', 'marriage-certificate'].map((m) =>
          fakeFile(m),
        ),
        submit: true,
      });
      assert.equal(submitted.id, draft.id, 'the draft became the application');
      assert.equal(submitted.status, 'submitted');
      assert.match(submitted.tracking_no ?? '', TRACKING_PATTERN);
      assert.ok(submitted.tracking_no?.startsWith('YM20260212'));
      const history = await historyOf(t.ctx, [submitted.id]);
      assert.deepEqual(
        history.map((e) => e.to_status),
        ['submitted'],
      );
      const audit = await t.ctx.db.kysely
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'application.submit')
        .where('target_id', '=', submitted.id)
        .execute();
      assert.equal(audit.length, 1);
      const sms = await listOutbox(t.ctx, { to: me.phone! });
      assert.equal(sms.length, 1);
      assert.match(sms[0]!.body, new RegExp(submitted.tracking_no!));
      assert.match(sms[0]!.body, /已提交，待受理/);
    });

    it('returns the same application for a double submit, even when both posts race', async () => {
      const me = await citizen(t.ctx);
      const tok = token();
      const before = await count('application');
      const results = await Promise.all([1, 2, 3, 4].map(() => submitNewborn(me, tok)));
      assert.equal(new Set(results.map((r) => r.id)).size, 1);
      assert.equal(new Set(results.map((r) => r.tracking_no)).size, 1);
      assert.equal(await count('application'), before + 1);
      assert.equal((await historyOf(t.ctx, [results[0]!.id])).length, 1, 'one submit event');
      assert.equal((await listOutbox(t.ctx, { to: me.phone! })).length, 1, 'one SMS');
      const again = await submitNewborn(me, tok);
      assert.equal(again.id, results[0]!.id);
    });

    it('issues unique 受理编号 under concurrent submissions', async () => {
      const people = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map(() => citizen(t.ctx)));
      const apps = await Promise.all(people.map((p) => submitNewborn(p)));
      const numbers = apps.map((a) => a.tracking_no);
      assert.equal(new Set(numbers).size, apps.length);
      for (const n of numbers) assert.match(n ?? '', TRACKING_PATTERN);
    });

    it('refuses bad input with field messages and leaves nothing behind', async () => {
      const me = await citizen(t.ctx);
      const before = {
        apps: await count('application'),
        files: await count('application_file'),
        events: await count('application_event'),
      };
      const target = await serviceTarget(t.ctx, 'GA-001');
      const forged = await refusal(
        saveApplication(t.ctx, {
          target,
          applicant: me,
          token: token(),
          values: { ...NEWBORN_VALUES, status: 'approved' },
          files: NEWBORN_FILES.map((m) => fakeFile(m)),
          submit: true,
        }),
      );
      assert.equal(forged.status, 400);
      assert.match(forged.fields?._form ?? '', /不允许的字段：status/);
      const violated = await refusal(
        saveApplication(t.ctx, {
          target,
          applicant: me,
          token: token(),
          values: { ...NEWBORN_VALUES, guardian_id: '123', child_gender: 'x' },
          files: NEWBORN_FILES.map((m) => fakeFile(m)),
          submit: true,
        }),
      );
      assert.ok(violated.fields?.guardian_id && violated.fields.child_gender);
      const noMaterials = await refusal(
        saveApplication(t.ctx, {
          target,
          applicant: me,
          token: token(),
          values: NEWBORN_VALUES,
          files: [fakeFile('birth-medical-certificate')],
          submit: true,
        }),
      );
      assert.match(noMaterials.fields?.['material-marriage-certificate'] ?? '', /请上传父母结婚证/);
      const unknownMaterial = await refusal(
        saveApplication(t.ctx, {
          target,
          applicant: me,
          token: token(),
          values: NEWBORN_VALUES,
          files: [...NEWBORN_FILES.map((m) => fakeFile(m)), fakeFile('passport')],
          submit: true,
        }),
      );
      assert.match(unknownMaterial.message, /表单中没有的材料/);
      const badToken = await refusal(
        saveApplication(t.ctx, {
          target,
          applicant: me,
          token: "x' OR 1=1",
          values: NEWBORN_VALUES,
          files: [],
          submit: true,
        }),
      );
      assert.equal(badToken.status, 400);
      assert.equal(await count('application'), before.apps);
      assert.equal(await count('application_file'), before.files);
      assert.equal(await count('application_event'), before.events);
    });

    it('runs the deadline in working days across the Spring Festival and stops it during 补正', async () => {
      nowMs = T0;
      const me = await citizen(t.ctx);
      const handler = await staffWith(t.ctx, fx, [{ role: 'handler', org: 'public-security' }]);
      const app = await submitNewborn(me);
      const accepted = await transition(t.ctx, {
        applicationId: app.id,
        action: 'accept',
        actor: handler,
      });
      // Accepted Thu 2-12, 5 working days: 2-13, Sat 2-14 (调休), then the holiday
      // to 2-23; 2-24, 2-25, 2-26.
      assert.equal(accepted.due_date, '2026-02-26');
      assert.equal(urgencyOf(t.ctx.calendar, accepted, new Date(nowMs)), 'normal');
      // Tue 2-24: two working days left (2-25, 2-26) — yellow; Fri 2-27 — red.
      assert.equal(urgencyOf(t.ctx.calendar, accepted, new Date('2026-02-24T03:00:00Z')), 'near');
      assert.equal(
        urgencyOf(t.ctx.calendar, accepted, new Date('2026-02-23T03:00:00Z')),
        'normal',
        'the holiday does not count',
      );
      assert.equal(
        urgencyOf(t.ctx.calendar, accepted, new Date('2026-02-27T03:00:00Z')),
        'overdue',
      );
      nowMs = Date.parse('2026-02-13T03:00:00Z'); // Fri 2-13
      const asked = await transition(t.ctx, {
        applicationId: app.id,
        action: 'request_supplement',
        actor: handler,
        note: '请补充上传清晰的出生医学证明',
      });
      assert.equal(asked.status, 'supplement');
      assert.equal(
        urgencyOf(t.ctx.calendar, asked, new Date('2026-03-20T03:00:00Z')),
        'paused',
        'no red while the applicant holds the case',
      );
      nowMs = Date.parse('2026-02-25T03:00:00Z'); // Wed 2-25
      const supplied = await transition(t.ctx, {
        applicationId: app.id,
        action: 'supply',
        actor: me,
        files: [fakeFile('birth-medical-certificate', '出生医学证明-清晰版.pdf')],
      });
      // Paused for the working days after 2-13 up to 2-25: 2-14, 2-24, 2-25.
      assert.equal(supplied.paused_days, 3);
      // 5 + 3 working days from 2-12: …2-26, 2-27, Sat 2-28 (调休), Mon 3-02.
      assert.equal(supplied.due_date, '2026-03-02');
      const done = await transition(t.ctx, {
        applicationId: app.id,
        action: 'approve',
        actor: handler,
        note: '准予落户，户口已登记。',
      });
      assert.equal(done.status, 'approved');
      const history = await historyOf(t.ctx, [app.id]);
      assert.deepEqual(
        history.map((e) => e.action),
        ['submit', 'accept', 'request_supplement', 'supply', 'approve'],
      );
      const audited = await t.ctx.db.kysely
        .selectFrom('audit_log')
        .select('action')
        .where('target_id', '=', app.id)
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        audited.map((a) => a.action),
        history.map((e) => `application.${e.action}`),
        'every transition audited',
      );
      const files = await t.ctx.db.kysely
        .selectFrom('application_file')
        .select('round')
        .where('application_id', '=', app.id)
        .execute();
      assert.ok(
        files.some((f) => f.round === 1),
        'the supplement is round 1',
      );
      assert.equal((await listOutbox(t.ctx, { to: me.phone! })).length, 5, 'one SMS per change');
      nowMs = T0;
    });

    it('refuses illegal moves without changing anything', async () => {
      const me = await citizen(t.ctx);
      const handler = await staffWith(t.ctx, fx, [{ role: 'handler', org: 'public-security' }]);
      const app = await submitNewborn(me);
      const skip = await refusal(
        transition(t.ctx, {
          applicationId: app.id,
          action: 'approve',
          actor: handler,
          note: '准予',
        }),
      );
      assert.equal(skip.status, 409);
      const noReason = await refusal(
        transition(t.ctx, { applicationId: app.id, action: 'refuse', actor: handler, note: ' ' }),
      );
      assert.equal(noReason.status, 400);
      const history = await historyOf(t.ctx, [app.id]);
      assert.equal(history.length, 1);
    });

    it('lets a handler see and move only their own department’s applications', async () => {
      const me = await citizen(t.ctx);
      const police = await staffWith(t.ctx, fx, [{ role: 'handler', org: 'public-security' }]);
      const hrss = await staffWith(t.ctx, fx, [{ role: 'handler', org: 'hrss' }]);
      const app = await submitNewborn(me);
      const foreign = await refusal(
        transition(t.ctx, { applicationId: app.id, action: 'accept', actor: hrss }),
      );
      assert.equal(foreign.status, 404, 'another department’s case does not exist for them');
      const applicantAsHandler = await refusal(
        transition(t.ctx, { applicationId: app.id, action: 'accept', actor: me }),
      );
      assert.equal(applicantAsHandler.status, 404);
      const theirs = await listQueue(t.ctx, { orgIds: [fx.orgs.hrss!] });
      assert.ok(theirs.every((e) => e.app.org_id === fx.orgs.hrss));
      assert.ok(!theirs.some((e) => e.app.id === app.id));
      const ours = await listQueue(t.ctx, { orgIds: [fx.orgs['public-security']!] });
      assert.ok(ours.some((e) => e.app.id === app.id));
      const other = await citizen(t.ctx);
      const stranger = await refusal(
        transition(t.ctx, {
          applicationId: app.id,
          action: 'supply',
          actor: other,
          files: [fakeFile('id-card')],
        }),
      );
      assert.equal(stranger.status, 404);
      await transition(t.ctx, { applicationId: app.id, action: 'accept', actor: police });
    });

    it('fans a bundle out into one part per department, tracked under one number', async () => {
      const me = await citizen(t.ctx);
      const target = await bundleTarget(t.ctx, 'YJS-001');
      const app = await saveApplication(t.ctx, {
        target,
        applicant: me,
        token: token(),
        values: {
          ...NEWBORN_VALUES,
          insured_name: '王小明',
          insured_kind: 'newborn',
          guardian_phone: me.phone!,
          holder_name: '王小明',
          bank: 'icbc',
        },
        files: [
          'birth-medical-certificate',
          'parents-household-register',
          'parents-id-cards',
          'marriage-certificate',
          'id-photo',
        ].map((m) => fakeFile(m)),
        submit: true,
      });
      assert.equal(app.kind, 'bundle');
      const parts = await partsOf(t.ctx, app.id);
      assert.deepEqual(
        parts.map((p) => [p.service_code, p.tracking_no]),
        [
          ['GA-001', `${app.tracking_no}-1`],
          ['YB-001', `${app.tracking_no}-2`],
          ['RS-001', `${app.tracking_no}-3`],
        ],
      );
      assert.deepEqual(
        parts.map((p) => p.org_id),
        [fx.orgs['public-security'], fx.orgs['medical-insurance'], fx.orgs.hrss],
      );
      // Each department gets its own materials only: the photo goes to 社保卡 alone.
      const photoHolders = await t.ctx.db.kysely
        .selectFrom('application_file')
        .select('application_id')
        .where('material', '=', 'id-photo')
        .where(
          'application_id',
          'in',
          parts.map((p) => p.id),
        )
        .execute();
      assert.deepEqual(
        photoHolders.map((r) => r.application_id),
        [parts[2]!.id],
      );
      const found = await lookupProgress(t.ctx, app.tracking_no!, me.phone!.slice(-4));
      assert.equal(found?.parts.length, 3);
      assert.equal(await lookupProgress(t.ctx, app.tracking_no!, '0000'), undefined);
    });

    it('takes one rating after the decision; a 差评 opens a 15-working-day follow-up', async () => {
      nowMs = T0;
      const me = await citizen(t.ctx);
      const handler = await staffWith(t.ctx, fx, [{ role: 'handler', org: 'public-security' }]);
      const app = await submitNewborn(me);
      const early = await refusal(
        evaluate(t.ctx, { applicationId: app.id, actor: me, grade: 5, reasons: [] }),
      );
      assert.equal(early.status, 409);
      await transition(t.ctx, { applicationId: app.id, action: 'accept', actor: handler });
      await transition(t.ctx, {
        applicationId: app.id,
        action: 'approve',
        actor: handler,
        note: '准予',
      });
      const { followupId } = await evaluate(t.ctx, {
        applicationId: app.id,
        actor: me,
        grade: 2,
        reasons: ['efficiency'],
        comment: '等待时间太长',
      });
      assert.ok(followupId);
      const twice = await refusal(
        evaluate(t.ctx, { applicationId: app.id, actor: me, grade: 5, reasons: [] }),
      );
      assert.equal(twice.status, 409);
      const row = await t.ctx.db.kysely
        .selectFrom('application_followup')
        .selectAll()
        .where('id', '=', followupId)
        .executeTakeFirstOrThrow();
      assert.equal(row.due_date, t.ctx.calendar.addWorkingDays('2026-02-12', 15));
      // 2-13, Sat 2-14, (holiday) 2-24…2-27, Sat 2-28, 3-02…3-06, 3-09…3-11: the 15th is 3-11.
      assert.equal(row.due_date, '2026-03-11');
      const outsider = await staffWith(t.ctx, fx, [{ role: 'handler', org: 'hrss' }]);
      assert.equal(
        (
          await refusal(
            advanceFollowup(t.ctx, 'respond', { followupId, actor: outsider, text: 'x' }),
          )
        ).status,
        404,
      );
      assert.equal(
        (
          await refusal(
            advanceFollowup(t.ctx, 'callback', { followupId, actor: handler, text: '已回访' }),
          )
        ).status,
        409,
      );
      assert.equal(
        (
          await refusal(
            advanceFollowup(t.ctx, 'respond', { followupId, actor: handler, text: '  ' }),
          )
        ).status,
        400,
      );
      await advanceFollowup(t.ctx, 'respond', {
        followupId,
        actor: handler,
        text: '已优化审核流程，缩短办理时间。',
      });
      const closed = await advanceFollowup(t.ctx, 'callback', {
        followupId,
        actor: handler,
        text: '电话回访，申请人认可整改。',
      });
      assert.equal(closed.status, 'closed');
    });
  });

  describe(`statistics [${dialect}]`, () => {
    let t: TestContext;
    let nowMs = T0;
    before(async () => {
      t = await openTestContext(dialect, { clock: () => new Date(nowMs) });
    });
    after(() => t.close());

    it('counts volumes, on-time rate and satisfaction per department and per service', async () => {
      const fx = await setupCatalog(t.ctx);
      const police = await staffWith(t.ctx, fx, [{ role: 'handler', org: 'public-security' }]);
      const people = await Promise.all([1, 2, 3, 4].map(() => citizen(t.ctx)));
      const newborn = await serviceTarget(t.ctx, 'GA-001');
      const submit = (p: (typeof people)[number]) =>
        saveApplication(t.ctx, {
          target: newborn,
          applicant: p,
          token: token(),
          values: NEWBORN_VALUES,
          files: NEWBORN_FILES.map((m) => fakeFile(m)),
          submit: true,
        });
      nowMs = T0;
      // a: decided on time (same day); b: decided late (due 2-26, decided 3-03);
      // c: accepted, still open; the fourth is never accepted.
      const [a, b, c] = [
        await submit(people[0]!),
        await submit(people[1]!),
        await submit(people[2]!),
        await submit(people[3]!),
      ];
      for (const app of [a!, b!, c!])
        await transition(t.ctx, { applicationId: app.id, action: 'accept', actor: police });
      await transition(t.ctx, {
        applicationId: a!.id,
        action: 'approve',
        actor: police,
        note: '准予',
      });
      nowMs = Date.parse('2026-03-03T03:00:00Z');
      await transition(t.ctx, {
        applicationId: b!.id,
        action: 'reject',
        actor: police,
        note: '不予',
      });
      await evaluate(t.ctx, { applicationId: a!.id, actor: people[0]!, grade: 5, reasons: [] });
      await evaluate(t.ctx, {
        applicationId: b!.id,
        actor: people[1]!,
        grade: 1,
        reasons: ['efficiency'],
      });
      const byOrg = await applicationStats(t.ctx, 'org');
      const ps = byOrg.find((r) => r.key === fx.orgs['public-security']);
      assert.deepEqual(ps, {
        key: fx.orgs['public-security'],
        received: 4,
        decided: 2,
        onTime: 1,
        onTimeRate: 0.5,
        ratings: 2,
        satisfiedRate: 0.5,
        averageGrade: 3,
        badReviews: 1,
      });
      const byService = await applicationStats(t.ctx, 'service');
      assert.equal(byService.find((r) => r.key === 'GA-001')?.received, 4);
      assert.equal(
        byService.find((r) => r.key === 'RS-001'),
        undefined,
        'no applications, no row',
      );
    });
  });
}
