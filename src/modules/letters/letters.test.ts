// The letter's life on both databases: the state machine (and its refusals),
// reply review, deadlines in working days across the 2026 National Day
// holidays with an extension, duplicate merge, re-handling, rate limits and
// sensitive words on submission, every transition audited with the change.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../../../test/helpers/databases.ts';
import { DomainError } from '../../platform/errors.ts';
import { setTerm } from '../content/sensitive.ts';
import { rateReply } from './citizen.ts';
import {
  approveReply,
  requestExtension,
  returnReply,
  saveReplyDraft,
  submitReply,
} from './handling.ts';
import { TRANSITIONS } from './states.ts';
import { submitLetter } from './submit.ts';
import { type LettersWorld, openLettersWorld } from './test-support.ts';
import { getLetter, type LetterActor } from './transition.ts';
import { assignLetter, decideExtension, mergeLetter, rejectLetter } from './triage.ts';

const REPLY = '经核实，该小区供水管网正在改造，预计十月底前恢复正常供水，请您谅解。';

async function refusedWith(code: string, work: () => Promise<unknown>): Promise<void> {
  await assert.rejects(work, (err: unknown) => err instanceof DomainError && err.code === code);
}

async function auditCount(w: LettersWorld, letterId: string): Promise<number> {
  const row = await w.ctx.db.kysely
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('target_type', '=', 'letter')
    .where('target_id', '=', letterId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function eventCount(w: LettersWorld, letterId: string): Promise<number> {
  const row = await w.ctx.db.kysely
    .selectFrom('letter_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('letter_id', '=', letterId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

for (const dialect of dialects) {
  describe(`letters [${dialect}]`, () => {
    let w: LettersWorld;
    let handler: LetterActor;
    let leader: LetterActor;
    let otherLeader: LetterActor;

    before(async () => {
      w = await openLettersWorld(dialect);
      handler = await w.handler('housing');
      leader = await w.leader('housing');
      otherLeader = await w.leader('education');
    });
    after(() => w.close());

    it('takes a letter from submission to closure, auditing every step with its change', async () => {
      const { id, code } = await w.write();
      assert.match(code, /^\d{10}$/);
      let letter = await getLetter(w.ctx, id);
      assert.equal(letter.status, 'submitted');
      await assignLetter(w.ctx, w.office, id, { orgIds: [w.org('housing'), w.org('ecology')] });
      letter = await getLetter(w.ctx, id);
      assert.equal(letter.status, 'assigned');
      assert.equal(letter.lead_org_id, w.org('housing'));
      await saveReplyDraft(w.ctx, handler, id, REPLY);
      await submitReply(w.ctx, handler, id);
      assert.equal((await getLetter(w.ctx, id)).status, 'reviewing');
      await approveReply(w.ctx, leader, id, '同意');
      letter = await getLetter(w.ctx, id);
      assert.equal(letter.status, 'replied');
      assert.equal(letter.is_public, 1);
      assert.equal(letter.replied_on_time, 1);
      assert.equal(
        await rateReply(w.ctx, { id: w.citizen.id, name: '小明' }, id, { rating: 3 }),
        'closed',
      );
      letter = await getLetter(w.ctx, id);
      assert.equal(letter.status, 'closed');
      assert.equal(letter.rating, 3);
      // submit, assign, draft, submit_reply, approve_reply, rate: one audit entry each.
      assert.equal(await eventCount(w, id), 6);
      assert.equal(await auditCount(w, id), 6);
    });

    it('refuses every move its state does not allow, and changes nothing when it does', async () => {
      const { id } = await w.write();
      const before = await auditCount(w, id);
      // Not yet with any department: to a department's reviewer it does not exist.
      await refusedWith('not_found', () => approveReply(w.ctx, leader, id));
      await refusedWith('conflict', () =>
        rateReply(w.ctx, { id: w.citizen.id, name: '小明' }, id, { rating: 3 }),
      );
      // Not assigned to housing yet: the department cannot even see it.
      await refusedWith('not_found', () => saveReplyDraft(w.ctx, handler, id, REPLY));
      // Only the general office triages.
      await refusedWith('forbidden', () =>
        assignLetter(w.ctx, handler, id, { orgIds: [w.org('housing')] }),
      );
      // An invalid department (an institution) rolls back: still submitted, nothing recorded.
      await refusedWith('bad_request', () =>
        assignLetter(w.ctx, w.office, id, { orgIds: [w.org('government')] }),
      );
      assert.equal((await getLetter(w.ctx, id)).status, 'submitted');
      assert.equal(await auditCount(w, id), before);
      await assignLetter(w.ctx, w.office, id, { orgIds: [w.org('housing')] });
      await refusedWith('conflict', () =>
        assignLetter(w.ctx, w.office, id, { orgIds: [w.org('housing')] }),
      );
      await refusedWith('conflict', () =>
        rejectLetter(w.ctx, w.office, id, '不属于本机关职责范围'),
      );
      await refusedWith('conflict', () => submitReply(w.ctx, handler, id));
      // The state table itself: every target is a known state and no move leaves a closed letter.
      for (const [action, move] of Object.entries(TRANSITIONS)) {
        assert.ok(!move.from.includes('closed'), `${action} never starts from closed`);
        assert.ok(!move.from.includes('rejected'), `${action} never starts from rejected`);
        assert.ok(!move.from.includes('merged'), `${action} never starts from merged`);
      }
    });

    it('keeps review honest: no approving one’s own draft, no reviewing another department’s', async () => {
      const { id } = await w.write();
      await assignLetter(w.ctx, w.office, id, { orgIds: [w.org('housing')] });
      await saveReplyDraft(w.ctx, leader, id, REPLY);
      await submitReply(w.ctx, leader, id);
      await refusedWith('forbidden', () => approveReply(w.ctx, leader, id));
      await refusedWith('not_found', () => approveReply(w.ctx, otherLeader, id));
      const another = await w.leader('housing');
      await refusedWith('bad_request', () => returnReply(w.ctx, another, id, ''));
      await returnReply(w.ctx, another, id, '请补充具体时间');
      assert.equal((await getLetter(w.ctx, id)).status, 'assigned');
      await saveReplyDraft(w.ctx, handler, id, `${REPLY}具体为十月二十八日。`);
      await submitReply(w.ctx, handler, id);
      await approveReply(w.ctx, another, id);
      assert.equal((await getLetter(w.ctx, id)).status, 'replied');
    });

    it('counts the deadline in working days across National Day, and extends it on approval', async () => {
      // Tuesday 2026-09-29 10:00: 9-30, then 10-1…10-7 off, 10-8, 10-9, Saturday 10-10 worked, 10-12.
      w.setNow('2026-09-29T02:00:00.000Z');
      const { id } = await w.write();
      assert.equal((await getLetter(w.ctx, id)).deadline, '2026-10-12');
      const suggestion = await w.write({ type: 'suggest', subject: '关于增设公交线路的建议' });
      assert.equal((await getLetter(w.ctx, suggestion.id)).deadline, '2026-10-26');
      await assignLetter(w.ctx, w.office, id, { orgIds: [w.org('housing')] });
      await refusedWith('bad_request', () =>
        requestExtension(w.ctx, handler, id, { days: 0, reason: '需要现场勘查' }),
      );
      await requestExtension(w.ctx, handler, id, { days: 3, reason: '需要会同供水公司现场勘查' });
      await refusedWith('forbidden', () => decideExtension(w.ctx, handler, id, true));
      const extended = await decideExtension(w.ctx, w.office, id, true);
      assert.equal(extended.deadline, '2026-10-15');
      assert.equal(extended.extension_status, 'approved');
      await refusedWith('conflict', () =>
        requestExtension(w.ctx, handler, id, { days: 2, reason: '仍需协调' }),
      );
    });

    it('merges a duplicate into the letter in hand, and refuses nonsense merges', async () => {
      w.setNow('2026-10-20T02:00:00.000Z');
      const first = await w.write();
      const dup = await w.write({ subject: '小区停水什么时候恢复' });
      await assignLetter(w.ctx, w.office, first.id, { orgIds: [w.org('housing')] });
      await refusedWith('bad_request', () => mergeLetter(w.ctx, w.office, dup.id, dup.id));
      await refusedWith('forbidden', () => mergeLetter(w.ctx, handler, dup.id, first.id));
      await mergeLetter(w.ctx, w.office, dup.id, first.id);
      const merged = await getLetter(w.ctx, dup.id);
      assert.equal(merged.status, 'merged');
      assert.equal(merged.merged_into, first.id);
      const notes = await w.ctx.db.kysely
        .selectFrom('letter_event')
        .select('action')
        .where('letter_id', '=', first.id)
        .execute();
      assert.ok(notes.some((n) => n.action === 'merged_in'));
      const third = await w.write();
      await refusedWith('bad_request', () => mergeLetter(w.ctx, w.office, third.id, dup.id));
      await refusedWith('conflict', () => mergeLetter(w.ctx, w.office, dup.id, third.id));
      await rejectLetter(w.ctx, w.office, third.id, '属于司法程序，不属于信箱受理范围');
      const rejected = await getLetter(w.ctx, third.id);
      assert.equal(rejected.status, 'rejected');
      assert.match(rejected.reject_reason ?? '', /司法程序/);
    });

    it('lets an unsatisfied writer ask once for re-handling, with a new deadline', async () => {
      w.setNow('2026-11-02T02:00:00.000Z');
      const { id } = await w.write();
      await assignLetter(w.ctx, w.office, id, { orgIds: [w.org('housing')] });
      await saveReplyDraft(w.ctx, handler, id, REPLY);
      await submitReply(w.ctx, handler, id);
      await approveReply(w.ctx, leader, id);
      const me = { id: w.citizen.id, name: '小明' };
      await refusedWith('not_found', () =>
        rateReply(w.ctx, { id: w.otherCitizen.id, name: '春花' }, id, { rating: 1 }),
      );
      w.setNow('2026-11-09T02:00:00.000Z');
      assert.equal(await rateReply(w.ctx, me, id, { rating: 1, rehandle: true }), 'rehandling');
      const reopened = await getLetter(w.ctx, id);
      assert.equal(reopened.status, 'assigned');
      assert.equal(reopened.rehandled, 1);
      assert.equal(reopened.deadline, '2026-11-16');
      await saveReplyDraft(w.ctx, handler, id, `${REPLY}（第二次答复）`);
      await submitReply(w.ctx, handler, id);
      await approveReply(w.ctx, leader, id);
      await refusedWith('conflict', () => rateReply(w.ctx, me, id, { rating: 1, rehandle: true }));
      assert.equal(await rateReply(w.ctx, me, id, { rating: 2 }), 'closed');
    });

    it('limits submissions per account and per address, and screens sensitive words', async () => {
      w.setNow('2026-11-20T02:00:00.000Z');
      const base = {
        accountId: w.otherCitizen.id,
        actor: { id: w.otherCitizen.id, name: '春花' },
        mailboxOrgId: null,
        type: 'help' as const,
        subject: '求助：老人就医预约',
        body: '家中老人行动不便，想了解如何预约上门就医服务。',
        mayPublish: false,
        attachments: [],
      };
      for (let i = 0; i < 5; i++) await submitLetter(w.ctx, { ...base, ip: `198.18.0.${i}` });
      await refusedWith('rate_limited', () => submitLetter(w.ctx, { ...base, ip: '198.18.0.99' }));
      w.setNow('2026-11-22T02:00:00.000Z');
      await setTerm(w.ctx, { term: '违禁测试词', severity: 'block', suggestion: null, note: null });
      await assert.rejects(
        () =>
          submitLetter(w.ctx, {
            ...base,
            ip: '198.18.1.1',
            body: '这里有违禁测试词需要拦截的内容',
          }),
        (err: unknown) =>
          err instanceof DomainError && err.code === 'bad_request' && Boolean(err.fields?.body),
      );
      await refusedWith('bad_request', () =>
        submitLetter(w.ctx, { ...base, ip: '198.18.1.1', subject: '短' }),
      );
    });

    it('limits submissions from one address across accounts', async () => {
      w.setNow('2026-11-24T02:00:00.000Z');
      const ip = '192.0.2.77';
      // Two accounts, five letters each (their daily limit), ten from one address in an hour.
      for (let i = 0; i < 10; i++) {
        const author = i % 2 === 0 ? w.citizen : w.otherCitizen;
        w.setNow(`2026-11-24T02:0${Math.floor(i / 2)}:00.000Z`);
        await submitLetter(w.ctx, {
          accountId: author.id,
          actor: { id: author.id, name: author.display_name },
          ip,
          mailboxOrgId: w.org('transport'),
          type: 'suggest',
          subject: '关于公交站台遮雨棚的建议',
          body: '建议在新蒲新区公交站台增设遮雨棚，方便市民雨天候车。',
          mayPublish: true,
          attachments: [],
        });
      }
      await refusedWith('rate_limited', () =>
        submitLetter(w.ctx, {
          accountId: null,
          phone: '13608510000',
          actor: { id: null, name: 'sms' },
          ip,
          mailboxOrgId: null,
          type: 'consult',
          subject: '关于公交卡办理的咨询',
          body: '请问老年人公交卡在哪里办理，需要带什么材料？',
          mayPublish: true,
          attachments: [],
        }),
      );
    });
    it('holds the per-writer limit under a burst of concurrent submissions', async () => {
      w.setNow('2026-12-20T02:00:00.000Z');
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          w.write({ subject: `并发提交的第${i + 1}封来信`, ip: `198.18.9.${i}` }),
        ),
      );
      const refused = results.filter(
        (r) => r.status === 'rejected' && (r.reason as DomainError).code === 'rate_limited',
      );
      assert.equal(results.length - refused.length, 5, 'five letters a day, however they arrive');
      assert.equal(refused.length, 3);
    });

    it('keeps to a reviewed list of columns, personal data only where listed', async () => {
      // Personal data a letter holds: its text (masked when public), the verified phone
      // (encrypted, plus a keyed hash for limits and tracking), and a keyed hash of the address.
      const columns = (await w.ctx.db.kysely.introspection.getTables())
        .find((tb) => tb.name === 'letter')!
        .columns.map((c) => c.name)
        .sort();
      assert.deepEqual(columns, [
        'account_id',
        'body',
        'closed_at',
        'code',
        'created_at',
        'deadline',
        'extension_days',
        'extension_reason',
        'extension_status',
        'id',
        'ip_hash',
        'is_public',
        'lead_org_id',
        'mailbox_org_id',
        'may_publish',
        'merged_into',
        'phone_enc',
        'phone_hash',
        'rating',
        'rating_comment',
        'rehandled',
        'reject_reason',
        'replied_at',
        'replied_on_time',
        'status',
        'subject',
        'supervised_at',
        'supervision_reason',
        'type',
        'updated_at',
      ]);
      const { id } = await w.write({
        accountId: null,
        phone: '13985055555',
        subject: '短信验证后写的信',
      });
      const row = await getLetter(w.ctx, id);
      assert.ok(row.phone_enc && !row.phone_enc.includes('13985055555'), 'the phone is encrypted');
      assert.ok(!row.ip_hash.includes('203.0.113'), 'the address is kept only as a keyed hash');
    });
  });
}
