// What each kind of site home shows, and the cache tags that say so.
// - The portal (一门): its own channels, with the items institutions pushed
//   to it merged in (notices into its notices channel, the rest into the
//   first), the audience-portal entrances and the institutions' sites.
// - An audience portal: items pushed to it, live items tagged with its
//   audience from every site of its language, and its own channels.
// - An institution: each of its channels with the newest items.
import type { AppContext } from '../../platform/module.ts';
import { tags } from '../content/changes.ts';
import type { ChannelRow, SiteRow } from '../sites/tables.ts';
import { mergeNewest } from './item-list.tsx';
import { channelLatest, type ListItem, pushedTo, taggedFor } from './queries.ts';
import type { Structure } from './structure.ts';

export interface Section {
  title: string;
  /** The channel the section's "more" link leads to. */
  channel?: ChannelRow;
  items: ListItem[];
}

export interface HomeData {
  sections: Section[];
  /** Audience portals: items pushed here. */
  featured: ListItem[];
  /** Audience portals: items tagged with the audience. */
  latest: ListItem[];
  tags: string[];
}

const PER_SECTION = 8;

function listChannels(structure: Structure, site: SiteRow): ChannelRow[] {
  return (structure.channelsOf.get(site.code) ?? []).filter(
    (c) => c.kind !== 'link' && c.parent_id === null,
  );
}

async function ownSections(ctx: AppContext, structure: Structure, site: SiteRow) {
  const channels = listChannels(structure, site);
  // One indexed query per channel (a handful), not per item.
  const lists = await Promise.all(channels.map((c) => channelLatest(ctx, c.id, PER_SECTION)));
  return channels.map((channel, i) => ({ title: channel.name, channel, items: lists[i]! }));
}

export async function portalHome(
  ctx: AppContext,
  structure: Structure,
  site: SiteRow,
): Promise<HomeData> {
  const [sections, pushed] = await Promise.all([
    ownSections(ctx, structure, site),
    pushedTo(ctx, site.code, PER_SECTION * 2),
  ]);
  const notices = sections.find((s) => s.channel?.slug === 'notices');
  const first = sections.find((s) => s !== notices) ?? notices;
  for (const section of sections) {
    const extra = pushed.filter((p) =>
      section === notices ? p.type === 'notice' : section === first && p.type !== 'notice',
    );
    if (extra.length > 0) section.items = mergeNewest([extra, section.items], PER_SECTION);
  }
  return { sections, featured: [], latest: [], tags: [tags.site(site.code)] };
}

export async function audienceHome(
  ctx: AppContext,
  structure: Structure,
  site: SiteRow,
): Promise<HomeData> {
  const sameLanguage = structure.sites.filter((s) => s.lang === site.lang).map((s) => s.code);
  const [sections, featured, tagged] = await Promise.all([
    ownSections(ctx, structure, site),
    pushedTo(ctx, site.code, PER_SECTION),
    site.audience
      ? taggedFor(ctx, site.audience, sameLanguage, PER_SECTION * 2)
      : Promise.resolve([]),
  ]);
  const shown = new Set(featured.map((i) => i.id));
  const latest = tagged.filter((i) => !shown.has(i.id)).slice(0, PER_SECTION * 2);
  return {
    sections,
    featured,
    latest,
    tags: [tags.site(site.code), ...(site.audience ? [tags.audience(site.audience)] : [])],
  };
}

export async function institutionHome(
  ctx: AppContext,
  structure: Structure,
  site: SiteRow,
): Promise<HomeData> {
  return {
    sections: await ownSections(ctx, structure, site),
    featured: [],
    latest: [],
    tags: [tags.site(site.code)],
  };
}
