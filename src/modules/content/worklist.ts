// Read models of the back office's content lists: the items an editor may
// edit (filtered and paged), and the review queue of one reviewer — items
// waiting at a level the reviewer may approve, minus their own work and the
// revisions they approved already.
import { sql } from 'kysely';
import type { AppContext } from '../../platform/module.ts';
import type { ContentType, Publication, Workflow } from './tables.ts';

export interface WorkRow {
  id: string;
  site_code: string;
  channel_id: string;
  type: ContentType;
  /** The working revision's title. */
  title: string;
  workflow: Workflow;
  review_level: number;
  publication: Publication;
  author_id: string;
  updated_at: string;
  working_revision: number;
}

export interface WorkFilter {
  /** The sites the list may show; 'all' for a global grant. */
  sites: readonly string[] | 'all';
  site?: string;
  channel?: string;
  workflow?: Workflow;
  publication?: Publication;
  q?: string;
  page: number;
}

export const PAGE_SIZE = 20;

/** `%text%` for LIKE, with the pattern characters escaped (ESCAPE '\'). */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function base(ctx: AppContext) {
  return ctx.db.kysely
    .selectFrom('content_item as i')
    .innerJoin('content_revision as r', (j) =>
      j.onRef('r.item_id', '=', 'i.id').onRef('r.number', '=', 'i.working_revision'),
    );
}

export async function listWork(
  ctx: AppContext,
  f: WorkFilter,
): Promise<{ rows: WorkRow[]; total: number }> {
  if (f.sites !== 'all' && f.sites.length === 0) return { rows: [], total: 0 };
  let q = base(ctx);
  if (f.sites !== 'all') q = q.where('i.site_code', 'in', [...f.sites]);
  if (f.site) q = q.where('i.site_code', '=', f.site);
  if (f.channel) q = q.where('i.channel_id', '=', f.channel);
  if (f.workflow) q = q.where('i.workflow', '=', f.workflow);
  if (f.publication) q = q.where('i.publication', '=', f.publication);
  if (f.q) q = q.where(sql<boolean>`r.title like ${likePattern(f.q)} escape '\\'`);
  const count = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst();
  const rows = await q
    .select([
      'i.id',
      'i.site_code',
      'i.channel_id',
      'i.type',
      'r.title',
      'i.workflow',
      'i.review_level',
      'i.publication',
      'i.author_id',
      'i.updated_at',
      'i.working_revision',
    ])
    .orderBy('i.updated_at', 'desc')
    .orderBy('i.id')
    .limit(PAGE_SIZE)
    .offset((f.page - 1) * PAGE_SIZE)
    .execute();
  return { rows, total: Number(count?.n ?? 0) };
}

/** Up to which level a reviewer may approve, per site ('*' for a global grant). */
export type ReviewReach = { site: string; level: number }[];

export async function reviewQueue(
  ctx: AppContext,
  reach: ReviewReach,
  reviewerId: string,
): Promise<WorkRow[]> {
  if (reach.length === 0) return [];
  return base(ctx)
    .select([
      'i.id',
      'i.site_code',
      'i.channel_id',
      'i.type',
      'r.title',
      'i.workflow',
      'i.review_level',
      'i.publication',
      'i.author_id',
      'i.updated_at',
      'i.working_revision',
    ])
    .where('i.workflow', '=', 'in_review')
    .where((eb) =>
      eb.or(
        reach.map(({ site, level }) =>
          site === '*'
            ? eb('i.review_level', '<=', level)
            : eb.and([eb('i.site_code', '=', site), eb('i.review_level', '<=', level)]),
        ),
      ),
    )
    .where('i.author_id', '!=', reviewerId)
    .where('r.author_id', '!=', reviewerId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('content_review as cr')
            .select('cr.id')
            .whereRef('cr.item_id', '=', 'i.id')
            .whereRef('cr.revision', '=', 'i.working_revision')
            .where('cr.action', '=', 'approve')
            .where('cr.actor_id', '=', reviewerId),
        ),
      ),
    )
    .orderBy('i.updated_at')
    .limit(200)
    .execute();
}
