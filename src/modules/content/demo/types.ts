// The shape of one demo item, and small builders for the HTML of its body.
// All demo text in this folder was written for Yimen; the people, figures,
// numbers and documents in it are invented for demonstration.
import type { ContentFields, ContentType } from '../tables.ts';

export interface DemoAttachment {
  /** File name shown to the reader, e.g. 附件1：申报表.pdf */
  name: string;
  kind: 'pdf' | 'png';
  /** PDF: title and ASCII paragraphs. PNG: the bar values. */
  title?: string;
  lines?: string[];
  values?: number[];
}

export interface DemoItem {
  /** Site code (portal, citizens, government, invest-en, …). */
  site: string;
  /** Channel slug within the site (news, notices, policies, …). */
  channel: string;
  type: ContentType;
  /** Unique within the site; the key that makes the seed idempotent. */
  slug: string;
  title: string;
  summary?: string;
  body: string;
  /** Publication date, YYYY-MM-DD (Beijing time). */
  date: string;
  audiences: string[];
  topics: string[];
  fields?: ContentFields;
  /** Organisation code of the originating body (defaults to the site's institution). */
  org?: string;
  /** For interpretations: slug of the policy (same site) it explains. */
  interprets?: string;
  /** Sites (portal or audience portals) the item is pushed to after publication. */
  push?: string[];
  attachments?: DemoAttachment[];
  /** A PNG cover (with its alt text) for topic pages. */
  cover?: { values: number[]; alt: string };
}

export const AUDIENCES = ['gov', 'citizen', 'business', 'investor', 'tourist', 'rural'] as const;

/** The audience portal that shows each audience tag. */
export const AUDIENCE_SITE: Record<string, string> = {
  gov: 'gov',
  citizen: 'citizens',
  business: 'business',
  investor: 'invest',
  tourist: 'tourism',
  rural: 'rural',
};

export const p = (...texts: string[]): string => texts.map((t) => `<p>${t}</p>`).join('');
export const h2 = (text: string): string => `<h2>${text}</h2>`;
export const h3 = (text: string): string => `<h3>${text}</h3>`;
export const ul = (items: readonly string[]): string =>
  `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
export const ol = (items: readonly string[]): string =>
  `<ol>${items.map((i) => `<li>${i}</li>`).join('')}</ol>`;

export function table(caption: string, head: readonly string[], rows: readonly string[][]): string {
  const th = head.map((c) => `<th scope="col">${c}</th>`).join('');
  const tr = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  return `<table><caption>${caption}</caption><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table>`;
}

const CN_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 2026-03-05 → 2026年3月5日 */
export function cnDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 2026-03-05 → 二〇二六年三月五日 (the form under a document's seal). */
export function sealDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  const year = [...y!].map((c) => CN_DIGITS[Number(c)]).join('');
  const num = (n: number) =>
    n <= 10
      ? (['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][n] ?? '')
      : n < 20
        ? `十${CN_DIGITS[n - 10]}`
        : `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  return `${year}年${num(Number(m))}月${num(Number(d))}日`;
}

/** Order numbers of sections: 一、二、… */
export const CN_ORDINALS = [
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '十',
  '十一',
  '十二',
];

/** Add days to a YYYY-MM-DD date. */
export function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
