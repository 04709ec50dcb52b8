// The back office's lists: what waits for triage or an extension decision
// (general office), what a department has in hand or to review, every open
// letter with its age, and the letters under supervision. A department sees
// only letters assigned to it.
import type { AppContext } from '../../platform/module.ts';
import { OPEN_STATUSES } from './states.ts';
import type { LetterStatus } from './tables.ts';

export interface WorkRow {
  id: string;
  code: string;
  subject: string;
  type: string;
  status: LetterStatus;
  created_at: string;
  deadline: string;
  supervision_reason: string | null;
  extension_status: string;
  lead_name: string | null;
}

/** Which letters a list covers: every letter, or those assigned to these organisations. */
export type Reach = 'all' | string[];

function base(ctx: AppContext, reach: Reach) {
  let q = ctx.db.kysely
    .selectFrom('letter')
    .leftJoin('organisation', 'organisation.id', 'letter.lead_org_id')
    .select([
      'letter.id',
      'letter.code',
      'letter.subject',
      'letter.type',
      'letter.status',
      'letter.created_at',
      'letter.deadline',
      'letter.supervision_reason',
      'letter.extension_status',
      'organisation.name as lead_name',
    ]);
  if (reach !== 'all') {
    const orgs = reach.length > 0 ? reach : ['-'];
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('letter_assignment')
          .select('letter_assignment.letter_id')
          .whereRef('letter_assignment.letter_id', '=', 'letter.id')
          .where('letter_assignment.org_id', 'in', orgs),
      ),
    );
  }
  return q;
}

const LIMIT = 500;

export async function lettersIn(
  ctx: AppContext,
  reach: Reach,
  statuses: readonly LetterStatus[],
): Promise<WorkRow[]> {
  return base(ctx, reach)
    .where('letter.status', 'in', [...statuses])
    .orderBy('letter.created_at')
    .limit(LIMIT)
    .execute();
}

export async function extensionRequests(ctx: AppContext): Promise<WorkRow[]> {
  return base(ctx, 'all')
    .where('letter.extension_status', '=', 'requested')
    .orderBy('letter.created_at')
    .limit(LIMIT)
    .execute();
}

export async function supervisedLetters(ctx: AppContext, reach: Reach): Promise<WorkRow[]> {
  return base(ctx, reach)
    .where('letter.status', 'in', [...OPEN_STATUSES])
    .where('letter.supervised_at', 'is not', null)
    .orderBy('letter.deadline')
    .limit(LIMIT)
    .execute();
}

/** Whole days since the letter arrived. */
export function ageInDays(createdAt: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(createdAt)) / 86_400_000));
}
