// 督办: nothing is forgotten. A scheduled job marks every open letter that is
// past its deadline (overdue) or has been open longer than the configured
// limit (stale, three months by default: national inspections fail a site
// for any letter unanswered that long) as under supervision, records why, and
// queues reminders through the outbox to the staff who must act: the lead
// department's handlers, or the general office while it is unassigned.
import type { Transaction } from 'kysely';
import { formatShanghai } from '../../platform/clock.ts';
import type { Database } from '../../platform/database/index.ts';
import type { AppContext } from '../../platform/module.ts';
import { piiCodec } from '../identity/pii.ts';
import { enqueueMessage } from '../notify/outbox.ts';
import { generalOfficeScope } from './access.ts';
import { loadSettings } from './settings.ts';
import { OPEN_STATUSES } from './states.ts';
import type { LetterRow } from './tables.ts';
import { recordEvent, SYSTEM_ACTOR } from './transition.ts';

const REASON_TEXT = { overdue: '已超过办理期限', stale: '已超过三个月未办结' } as const;

/** Roles whose holders are reminded about a letter in their organisation. */
const REMINDED_ROLES = ['handler', 'leader', 'letter_clerk'];

async function recipients(
  ctx: AppContext,
  trx: Transaction<Database>,
  scope: string,
): Promise<string[]> {
  const rows = await trx
    .selectFrom('role_grant')
    .innerJoin('account', 'account.id', 'role_grant.account_id')
    .select(['account.phone_enc'])
    .where('role_grant.scope', '=', scope)
    .where('role_grant.role', 'in', REMINDED_ROLES)
    .where('account.status', '=', 'active')
    .where('account.phone_enc', 'is not', null)
    .execute();
  const pii = piiCodec(ctx.config.secret);
  return [...new Set(rows.map((r) => pii.decrypt('account.phone', r.phone_enc!)))];
}

async function escalate(
  ctx: AppContext,
  letter: LetterRow,
  reason: 'overdue' | 'stale',
  officeScope: string,
): Promise<boolean> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('letter')
      .set({
        supervised_at: ctx.now().toISOString(),
        supervision_reason: reason,
        updated_at: ctx.now().toISOString(),
      })
      .where('id', '=', letter.id)
      .where('status', 'in', [...OPEN_STATUSES])
      .where((eb) =>
        eb.or([eb('supervision_reason', 'is', null), eb('supervision_reason', '!=', reason)]),
      )
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    await recordEvent(ctx, trx, {
      letter,
      action: 'supervise',
      actor: SYSTEM_ACTOR,
      note: REASON_TEXT[reason],
      detail: { reason, deadline: letter.deadline },
    });
    const scope = letter.lead_org_id ? `org:${letter.lead_org_id}` : officeScope;
    const phones = new Set([
      ...(await recipients(ctx, trx, scope)),
      ...(await recipients(ctx, trx, officeScope)),
    ]);
    for (const to of phones) {
      await enqueueMessage(ctx, trx, {
        to,
        template: 'letter.supervision',
        params: {
          subject: letter.subject.slice(0, 20),
          code: letter.code,
          reason: REASON_TEXT[reason],
          deadline: letter.deadline,
        },
        idempotencyKey: `letter-supervise:${letter.id}:${reason}:${letter.deadline}:${to.slice(-4)}`,
      });
    }
    return true;
  });
}

/** Escalate what is due; returns how many letters went to supervision in this run. */
export async function superviseLetters(
  ctx: AppContext,
): Promise<{ overdue: number; stale: number }> {
  const now = ctx.now();
  const today = formatShanghai(now, 'date');
  const settings = await loadSettings(ctx);
  const staleBefore = new Date(now.getTime() - settings.staleDays * 86_400_000).toISOString();
  const officeScope = await generalOfficeScope(ctx);
  const open = await ctx.db.kysely
    .selectFrom('letter')
    .selectAll()
    .where('status', 'in', [...OPEN_STATUSES])
    .where((eb) =>
      eb.or([
        eb.and([eb('deadline', '<', today), eb('supervised_at', 'is', null)]),
        eb.and([
          eb('created_at', '<', staleBefore),
          eb.or([eb('supervision_reason', 'is', null), eb('supervision_reason', '!=', 'stale')]),
        ]),
      ]),
    )
    .orderBy('created_at')
    .limit(1000)
    .execute();
  const done = { overdue: 0, stale: 0 };
  for (const letter of open) {
    const reason = letter.created_at < staleBefore ? 'stale' : 'overdue';
    if (await escalate(ctx, letter, reason, officeScope)) done[reason] += 1;
  }
  return done;
}
