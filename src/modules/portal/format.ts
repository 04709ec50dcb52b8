// Small formatting rules of public pages: dates in Beijing time, file sizes
// and kinds, XML text, item fields.
import { formatShanghai, shanghaiWallClock } from '../../platform/clock.ts';
import type { ContentFields } from '../content/tables.ts';

const LAPSED = ['amended', 'repealed', 'expired'] as const;
type Lapsed = (typeof LAPSED)[number];

/**
 * A policy's validity when it is no longer simply in force (已修订, 已废止,
 * 已失效: portal.validity.* in the catalog), else undefined. Lists, the item
 * page and search results mark such a policy (47号).
 */
export function lapsedValidity(validity: string | null | undefined): Lapsed | undefined {
  return LAPSED.find((v) => v === validity);
}

/** YYYY-MM-DD in Asia/Shanghai (UTC+8 all year, no daylight saving). */
export function localDate(iso: string | null | undefined): string {
  return formatShanghai(iso, 'date');
}

/** An ISO 8601 timestamp with the +08:00 offset (schema.org, Open Graph). */
export function localDateTime(iso: string | null | undefined): string | undefined {
  const wall = shanghaiWallClock(iso);
  return wall ? `${wall}+08:00` : undefined;
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const KINDS: [RegExp, string][] = [
  [/pdf/, 'PDF'],
  [/wordprocessingml|msword|\.document/, 'Word'],
  [/spreadsheetml|ms-excel/, 'Excel'],
  [/presentationml|ms-powerpoint/, 'PowerPoint'],
  [/ofd/, 'OFD'],
  [/zip/, 'ZIP'],
  [/^image\/png/, 'PNG'],
  [/^image\/jpeg/, 'JPEG'],
  [/^image\//, '图片'],
  [/^text\/plain/, 'TXT'],
];

/** A short name of a file's type for the attachment list (PDF, Word, …). */
export function fileKind(mime: string, name: string): string {
  for (const [re, label] of KINDS) if (re.test(mime)) return label;
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1];
  return ext ? ext.toUpperCase() : '文件';
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

// Characters XML 1.0 does not allow at all (C0 controls other than tab, LF, CR; FFFE/FFFF).
const NOT_XML_PATTERN = '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]';
const NOT_XML = new RegExp(NOT_XML_PATTERN, 'g');

/** Text or attribute content for XML (feeds, sitemaps). */
export function xml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

export function parseFields(json: string): ContentFields {
  try {
    const parsed = JSON.parse(json) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as ContentFields) : {};
  } catch {
    return {};
  }
}

/** An external-link item's target, only when it is an http(s) URL. */
export function externalLink(fields: ContentFields): string | undefined {
  const url = fields.linkUrl;
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}
