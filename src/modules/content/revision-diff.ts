// A readable difference between two revisions: each field as plain text
// (the body with one line per paragraph), compared word by word with jsdiff
// and Chinese word segmentation (Intl.Segmenter), so a changed phrase shows as
// that phrase deleted and inserted, not as a whole paragraph.
import { diffWords } from 'diff';
import sanitizeHtml from 'sanitize-html';
import type { ContentFields, ContentRevisionRow } from './tables.ts';
import { tagName } from './taxonomy.ts';

export interface DiffPart {
  value: string;
  added: boolean;
  removed: boolean;
}

export interface FieldDiff {
  field: 'title' | 'summary' | 'body' | 'fields' | 'tags';
  parts: DiffPart[];
  changed: boolean;
}

const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'word' });

const BLOCK_END =
  /<\/(p|h[1-6]|li|tr|blockquote|pre|figcaption|caption|dt|dd|table|ul|ol)>|<br\s*\/?>/gi;

/** Stored (sanitised) HTML as text with a line per block. */
export function htmlToLines(html: string): string {
  const text = sanitizeHtml(
    html.replace(BLOCK_END, (m) => `${m}\n`),
    {
      allowedTags: [],
      allowedAttributes: {},
      nonTextTags: ['script', 'style'],
    },
  );
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

const FIELD_NAMES: Record<string, string> = {
  docNumber: '文号',
  issuer: '发布机构',
  writtenOn: '成文日期',
  validity: '有效性',
  repealedOn: '废止日期',
  linkUrl: '链接地址',
  coverAlt: '封面替代文字',
  coverSha256: '封面图片',
  source: '来源',
  lifeEvents: '人生事件',
};

function fieldLines(json: string): string {
  const f = JSON.parse(json) as ContentFields & Record<string, unknown>;
  return Object.keys(f)
    .sort()
    .map((k) => {
      const v = f[k];
      const shown = Array.isArray(v)
        ? v.map((x) => tagName('lifeEvent', String(x))).join('、')
        : String(v ?? '');
      return `${FIELD_NAMES[k] ?? k}：${k === 'coverSha256' ? shown.slice(0, 12) : shown}`;
    })
    .join('\n');
}

function tagLines(rev: Pick<ContentRevisionRow, 'audiences' | 'topics'>): string {
  const a = (JSON.parse(rev.audiences) as string[]).map((x) => tagName('audience', x));
  const t = (JSON.parse(rev.topics) as string[]).map((x) => tagName('topic', x));
  return `受众：${a.join('、') || '—'}\n专题：${t.join('、') || '—'}`;
}

function compare(field: FieldDiff['field'], before: string, after: string): FieldDiff {
  const parts = diffWords(before, after, { intlSegmenter: segmenter }).map((p) => ({
    value: p.value,
    added: Boolean(p.added),
    removed: Boolean(p.removed),
  }));
  return { field, parts, changed: parts.some((p) => p.added || p.removed) };
}

/** What changed from `before` (undefined for the first revision) to `after`, field by field. */
export function diffRevisions(
  before: ContentRevisionRow | undefined,
  after: ContentRevisionRow,
): FieldDiff[] {
  const empty = {
    title: '',
    summary: '',
    body_html: '',
    fields: '{}',
    audiences: '[]',
    topics: '[]',
  };
  const b = before ?? empty;
  return [
    compare('title', b.title, after.title),
    compare('summary', b.summary ?? '', after.summary ?? ''),
    compare('body', htmlToLines(b.body_html), htmlToLines(after.body_html)),
    compare('fields', fieldLines(b.fields), fieldLines(after.fields)),
    compare('tags', tagLines(b), tagLines(after)),
  ];
}
