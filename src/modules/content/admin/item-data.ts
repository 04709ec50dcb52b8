// Everything the review page shows about one item, loaded through the
// services: its working revision, site and channel, attachments, history with
// the actors' names, term hits, pushes and policy links.
import type { AppContext } from '../../../platform/module.ts';
import { getAccount } from '../../identity/accounts.ts';
import { getChannel, getSite, itemUrl, listSites } from '../../sites/sites.ts';
import { listAttachments } from '../attachments.ts';
import { getItem, getRevision } from '../items.ts';
import { interpretationsOf, policyOf } from '../links.ts';
import { findTerms, loadTerms } from '../sensitive.ts';
import type { ContentItemRow } from '../tables.ts';
import type { HistoryEntry } from './parts.tsx';

export async function historyOf(ctx: AppContext, itemId: string): Promise<HistoryEntry[]> {
  const rows = await ctx.db.kysely
    .selectFrom('content_review')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('created_at', 'desc')
    .orderBy('level', 'desc')
    .execute();
  const names = new Map<string, string>([['system', '定时任务']]);
  for (const id of new Set(rows.map((r) => r.actor_id))) {
    if (names.has(id)) continue;
    const account = await getAccount(ctx, id).catch(() => undefined);
    names.set(id, account ? account.display_name : id);
  }
  return rows.map((r) => ({
    action: r.action,
    level: r.level,
    revision: r.revision,
    actor: names.get(r.actor_id) ?? r.actor_id,
    comment: r.comment,
    at: r.created_at,
  }));
}

async function titleOf(ctx: AppContext, id: string) {
  const item = await getItem(ctx, id).catch(() => undefined);
  if (!item) return undefined;
  const rev = await getRevision(ctx, id, item.working_revision);
  return { id, title: rev.title };
}

export async function loadItemView(ctx: AppContext, item: ContentItemRow) {
  const [rev, site, channel, attachments, history, terms, sites, pushes] = await Promise.all([
    getRevision(ctx, item.id, item.working_revision),
    getSite(ctx, item.site_code),
    getChannel(ctx, item.channel_id),
    listAttachments(ctx, item.id),
    historyOf(ctx, item.id),
    loadTerms(ctx),
    listSites(ctx),
    ctx.db.kysely
      .selectFrom('content_push')
      .select('site_code')
      .where('item_id', '=', item.id)
      .execute(),
  ]);
  const hits = findTerms(terms, {
    title: rev.title,
    summary: rev.summary ?? '',
    body: rev.body_html,
  });
  const policyId = item.type === 'interpretation' ? await policyOf(ctx, item.id) : undefined;
  const policy = policyId ? await titleOf(ctx, policyId) : undefined;
  const interpretations =
    item.type === 'policy'
      ? (
          await Promise.all((await interpretationsOf(ctx, item.id)).map((id) => titleOf(ctx, id)))
        ).filter((x) => x !== undefined)
      : [];
  return {
    rev,
    site,
    channel,
    attachments,
    history,
    hits,
    pushed: pushes.map((p) => p.site_code),
    targets: sites.filter((s) => s.kind !== 'institution' && s.code !== item.site_code),
    policy,
    interpretations,
    publicUrl: itemUrl(site, channel, item.slug),
  };
}

export type ItemView = Awaited<ReturnType<typeof loadItemView>>;
