// Helpers that turn compact hand-written entries into demo items.
import type { ContentType } from '../tables.ts';
import { type DemoItem, p } from './types.ts';

export interface Entry {
  date: string;
  slug: string;
  title: string;
  audiences: string[];
  topics: string[];
  /** Paragraphs; an entry that starts with '<' is HTML used as is. */
  body: string[];
  summary?: string;
  push?: string[];
  org?: string;
}

/** Paragraph text, or HTML kept as it is. */
export function paras(body: readonly string[]): string {
  return body.map((b) => (b.startsWith('<') ? b : p(b))).join('');
}

export function entry(
  date: string,
  slug: string,
  title: string,
  audiences: string[],
  topics: string[],
  body: string[],
  extra: Partial<Pick<Entry, 'push' | 'org' | 'summary'>> = {},
): Entry {
  return { date, slug, title, audiences, topics, body, ...extra };
}

/** Entries of one channel of one site as items of one type. */
export function inChannel(
  site: string,
  channel: string,
  type: ContentType,
  entries: readonly Entry[],
): DemoItem[] {
  return entries.map((e) => ({
    site,
    channel,
    type,
    slug: e.slug,
    title: e.title,
    summary: e.summary,
    body: paras(e.body),
    date: e.date,
    audiences: e.audiences,
    topics: e.topics,
    org: e.org,
    push: e.push,
  }));
}

/** A deterministic pick: the i-th of a list, wrapping around. */
export function nth<T>(list: readonly T[], i: number): T {
  return list[((i % list.length) + list.length) % list.length]!;
}

/** YYYY-MM of a date as 2026年3月. */
export function cnMonth(iso: string): string {
  const [y, m] = iso.split('-').map(Number);
  return `${y}年${m}月`;
}
