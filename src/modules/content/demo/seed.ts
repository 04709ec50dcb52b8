// `yimen seed` for content: publishes every demo item through the real
// newsroom services — createItem, submitForReview, approve at each of the
// site's review levels, pushItem — so that each item has its revision, its
// review history and its audit entries like any item an editor wrote.
//
// Idempotent: an item is identified by its slug on its site; an item that
// exists is left alone (only the seed's own unfinished work, an item its demo
// editor created but that never went live, is taken up where it stopped).
import type { AppContext } from '../../../platform/module.ts';
import { listOrganisations } from '../../identity/organisations.ts';
import { listChannels, listSites } from '../../sites/sites.ts';
import type { SiteRow } from '../../sites/tables.ts';
import { storeBytes } from '../files.ts';
import { createItem } from '../items.ts';
import { pushItem } from '../push.ts';
import { approve, submitForReview } from '../review.ts';
import { findTerms, loadTerms } from '../sensitive.ts';
import type { ContentItemRow } from '../tables.ts';
import { makeBarChartPng, makePdf } from './attachments.ts';
import { DEFAULT_SITE_PATHS, demoCatalogue } from './catalogue.ts';
import { withFastCommits } from './fast-commits.ts';
import { type DemoTeam, demoEditorIds, demoTeams, disableDemoStaff } from './staff.ts';
import type { DemoAttachment, DemoItem } from './types.ts';

type Existing = Pick<
  ContentItemRow,
  'id' | 'site_code' | 'slug' | 'author_id' | 'workflow' | 'live_revision'
>;

/** When the item went live in the demo story: its date at a working hour, Beijing time. */
export function demoPublishedAt(item: Pick<DemoItem, 'date' | 'slug'>): string {
  let h = 0;
  for (const c of item.slug) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const minutes = 9 * 60 + (h % (8 * 60)); // 09:00–16:59
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return new Date(`${item.date}T${hh}:${mm}:00+08:00`).toISOString();
}

async function existingItems(
  ctx: AppContext,
  items: readonly DemoItem[],
): Promise<Map<string, Existing>> {
  const bySite = new Map<string, string[]>();
  for (const i of items) bySite.set(i.site, [...(bySite.get(i.site) ?? []), i.slug]);
  const found = new Map<string, Existing>();
  for (const [site, slugs] of bySite) {
    for (let at = 0; at < slugs.length; at += 200) {
      const rows = await ctx.db.kysely
        .selectFrom('content_item')
        .select(['id', 'site_code', 'slug', 'author_id', 'workflow', 'live_revision'])
        .where('site_code', '=', site)
        .where('slug', 'in', slugs.slice(at, at + 200))
        .execute();
      for (const r of rows) found.set(`${r.site_code}/${r.slug}`, r);
    }
  }
  return found;
}

function attachmentBytes(a: DemoAttachment): { bytes: Uint8Array; mime: string } {
  return a.kind === 'pdf'
    ? { bytes: makePdf(a.title ?? a.name, a.lines ?? []), mime: 'application/pdf' }
    : { bytes: makeBarChartPng(a.values ?? [1]), mime: 'image/png' };
}

interface Run {
  teams: Map<string, DemoTeam>;
  sites: Map<string, SiteRow>;
  orgIds: Map<string, string>;
  /** site/slug → id of items that exist (found or created), for links. */
  ids: Map<string, string>;
}

/** Create (or finish) one item and take it through review to publication. */
async function publish(ctx: AppContext, run: Run, item: DemoItem, found?: Existing): Promise<void> {
  const team = run.teams.get(item.site)!;
  const site = run.sites.get(item.site)!;
  let id = found?.id;
  if (!id) {
    const fields = { ...(item.fields ?? {}) };
    if (item.cover) {
      fields.coverSha256 = await storeBytes(
        ctx,
        makeBarChartPng(item.cover.values, site.colour),
        'image/png',
      );
      fields.coverAlt = item.cover.alt;
    }
    const row = await createItem(
      ctx,
      {
        channelId: `${item.site}-${item.channel}`,
        type: item.type,
        slug: item.slug,
        title: item.title,
        summary: item.summary,
        bodyHtml: item.body,
        fields,
        audiences: item.audiences,
        topics: item.topics,
        sourceOrgId: run.orgIds.get(item.org ?? item.site) ?? run.orgIds.get(item.site),
      },
      team.editor,
    );
    id = row.id;
    for (const [n, a] of (item.attachments ?? []).entries()) {
      const { bytes, mime } = attachmentBytes(a);
      const sha256 = await storeBytes(ctx, bytes, mime);
      await ctx.db.kysely
        .insertInto('content_attachment')
        .values({ item_id: id, sha256, name: a.name, sort_order: n })
        .onConflict((oc) => oc.columns(['item_id', 'sha256']).doNothing())
        .execute();
    }
  }
  run.ids.set(`${item.site}/${item.slug}`, id);
  if (!found || found.workflow === 'draft' || found.workflow === 'returned') {
    await submitForReview(ctx, id, team.editor);
  }
  let live: ContentItemRow | undefined;
  for (let guard = 0; guard < 3; guard++) {
    const now = await ctx.db.kysely
      .selectFrom('content_item')
      .select(['workflow', 'review_level'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (now.workflow !== 'in_review') break;
    const reviewer = team.reviewers[Math.min(now.review_level, site.review_levels) - 1]!;
    live = await approve(
      ctx,
      id,
      reviewer,
      now.review_level === site.review_levels ? '同意发布' : '同意',
    );
  }
  if (live?.publication === 'published') {
    // Demo data tells a story over 2025–2026: the item went live on its
    // demo date, not at seed time. Only published_at is back-dated (on the
    // item and its live tags); the revision, the review history and the
    // audit log keep the real times at which the seed did its work (the
    // audit chain is never rewritten).
    await ctx.db.kysely
      .updateTable('content_item')
      .set({ published_at: demoPublishedAt(item) })
      .where('id', '=', id)
      .execute();
    await ctx.db.kysely
      .updateTable('content_live_tag')
      .set({ published_at: demoPublishedAt(item) })
      .where('item_id', '=', id)
      .execute();
  }
  if (item.interprets) {
    const policyId = run.ids.get(`${item.site}/${item.interprets}`);
    if (policyId) {
      await ctx.db.kysely
        .insertInto('content_link')
        .values({ policy_id: policyId, interpretation_id: id })
        .onConflict((oc) => oc.columns(['policy_id', 'interpretation_id']).doNothing())
        .execute();
    }
  }
  for (const target of item.push ?? []) {
    if (target !== item.site && run.sites.has(target)) await pushItem(ctx, id, target, team.admin);
  }
}

/** Run `fn` over the list with at most `lanes` calls in flight. */
async function inLanes<T>(list: readonly T[], lanes: number, fn: (x: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < list.length) await fn(list[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(lanes, list.length) }, lane));
}

export interface DemoSeedResult {
  added: number;
  present: number;
  skipped: string[];
}

/** Publish every demo item that is not there yet. */
export async function seedDemoContent(
  ctx: AppContext,
  progress: (line: string) => void,
): Promise<DemoSeedResult> {
  const siteRows = await listSites(ctx);
  const sites = new Map(siteRows.map((s) => [s.code, s]));
  const channels = new Set<string>();
  for (const s of siteRows) for (const c of await listChannels(ctx, s.code)) channels.add(c.id);
  const paths = {
    ...DEFAULT_SITE_PATHS,
    ...Object.fromEntries(siteRows.map((s) => [s.code, s.path])),
  };
  const now = ctx.now().toISOString();
  const skipped: string[] = [];
  const catalogue = demoCatalogue(paths).filter((i) => {
    const why = !channels.has(`${i.site}-${i.channel}`)
      ? `channel ${i.site}-${i.channel} does not exist`
      : demoPublishedAt(i) > now
        ? 'dated in the future'
        : undefined;
    if (why) skipped.push(`${i.site}/${i.slug}: ${why}`);
    return !why;
  });
  const found = await existingItems(ctx, catalogue);
  const ours = new Set(await demoEditorIds(ctx));
  const todo = catalogue.filter((i) => {
    const f = found.get(`${i.site}/${i.slug}`);
    // An unfinished item is taken up only if the seed's own editor started it.
    return !f || (f.live_revision === null && f.workflow !== 'approved' && ours.has(f.author_id));
  });
  const present = catalogue.length - todo.length;
  if (todo.length === 0) {
    progress(`demo content: all ${present} items already present`);
    return { added: 0, present, skipped };
  }
  const started = Date.now();
  const added = await withFastCommits(ctx, async () => {
    const { teams, created } = await demoTeams(ctx);
    const run: Run = {
      teams,
      sites,
      orgIds: new Map((await listOrganisations(ctx.db)).map((o) => [o.code, o.id])),
      ids: new Map([...found.values()].map((f) => [`${f.site_code}/${f.slug}`, f.id])),
    };
    const terms = await loadTerms(ctx);
    const perSite = new Map<string, Map<string, number>>();
    let count = 0;
    const one = async (item: DemoItem) => {
      const f = found.get(`${item.site}/${item.slug}`);
      const blocking = findTerms(terms, { title: item.title, body: item.body }).filter(
        (h) => h.severity === 'block',
      );
      if (blocking.length > 0) {
        skipped.push(`${item.site}/${item.slug}: blocked by the term “${blocking[0]!.term}”`);
        return;
      }
      await publish(ctx, run, item, f);
      count += 1;
      const site = perSite.get(item.site) ?? new Map<string, number>();
      site.set(item.channel, (site.get(item.channel) ?? 0) + 1);
      perSite.set(item.site, site);
    };
    // Interpretations go second: each links to its policy, which must exist by then.
    // PostgreSQL overlaps the round trips of several items (the audit chain
    // still orders their commits); SQLite has one connection and goes one by one.
    const lanes =
      ctx.db.dialect === 'postgres' ? Math.max(1, Math.min(6, ctx.config.pgPoolMax - 2)) : 1;
    await inLanes(
      todo.filter((i) => i.type !== 'interpretation'),
      lanes,
      one,
    );
    await inLanes(
      todo.filter((i) => i.type === 'interpretation'),
      lanes,
      one,
    );
    for (const site of siteRows.map((s) => s.code)) {
      const byChannel = perSite.get(site);
      if (!byChannel) continue;
      const total = [...byChannel.values()].reduce((a, b) => a + b, 0);
      const detail = [...byChannel].map(([c, n]) => `${c} ${n}`).join(', ');
      progress(`demo content: ${site} ${total} (${detail})`);
    }
    await disableDemoStaff(ctx, created);
    if (created.length > 0)
      progress(
        `demo content: ${created.length} demo staff accounts (demo-*) have no password and are disabled`,
      );
    return count;
  });
  for (const s of skipped) progress(`demo content: skipped ${s}`);
  progress(
    `demo content: ${added} items published, ${present} already present (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return { added, present, skipped };
}
