// The editor form's values: from a stored revision, from a submission (to put
// back after an error), and into the service's draft. Type-specific fields are
// kept only for the type they belong to.
import type { ItemDraft } from '../items.ts';
import type { ContentFields, ContentRevisionRow, ContentType } from '../tables.ts';
import type { ItemForm } from './schemas.ts';

export interface EditorValues {
  type: ContentType;
  channel: string;
  slug: string;
  title: string;
  summary: string;
  body: string;
  source: string;
  docNumber: string;
  issuer: string;
  writtenOn: string;
  validity: string;
  repealedOn: string;
  linkUrl: string;
  coverAlt: string;
  coverSha256: string;
  policy: string;
  audiences: string[];
  topics: string[];
  lifeEvents: string[];
}

export function blankValues(type: ContentType, channel: string): EditorValues {
  return {
    type,
    channel,
    slug: '',
    title: '',
    summary: '',
    body: '',
    source: '',
    docNumber: '',
    issuer: '',
    writtenOn: '',
    validity: type === 'policy' ? 'valid' : '',
    repealedOn: '',
    linkUrl: '',
    coverAlt: '',
    coverSha256: '',
    policy: '',
    audiences: [],
    topics: [],
    lifeEvents: [],
  };
}

export function valuesOfRevision(
  type: ContentType,
  channel: string,
  slug: string,
  rev: ContentRevisionRow,
  policy: string | undefined,
): EditorValues {
  const f: ContentFields = JSON.parse(rev.fields);
  return {
    ...blankValues(type, channel),
    slug,
    title: rev.title,
    summary: rev.summary ?? '',
    body: rev.body_html,
    source: f.source ?? '',
    docNumber: f.docNumber ?? '',
    issuer: f.issuer ?? '',
    writtenOn: f.writtenOn ?? '',
    validity: f.validity ?? '',
    repealedOn: f.repealedOn ?? '',
    linkUrl: f.linkUrl ?? '',
    coverAlt: f.coverAlt ?? '',
    coverSha256: f.coverSha256 ?? '',
    policy: policy ?? '',
    audiences: JSON.parse(rev.audiences),
    topics: JSON.parse(rev.topics),
    lifeEvents: f.lifeEvents ?? [],
  };
}

/** What was submitted, strings and lists only, over the defaults (for re-showing the form). */
export function valuesOfSubmission(base: EditorValues, body: unknown): EditorValues {
  const out: EditorValues = { ...base };
  const raw = (body ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(out) as (keyof EditorValues)[]) {
    const v = raw[key];
    if (key === 'audiences' || key === 'topics' || key === 'lifeEvents') {
      const list = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
      out[key] = list.filter((x): x is string => typeof x === 'string').slice(0, 20);
    } else if (
      typeof v === 'string' &&
      key !== 'coverSha256' &&
      key !== 'type' &&
      key !== 'channel'
    ) {
      out[key] = v.slice(0, key === 'body' ? 200_000 : 1000);
    }
  }
  return out;
}

/** The draft to save: the type's own fields, the cover kept unless removed. */
export function draftOf(type: ContentType, form: ItemForm, current: ContentFields): ItemDraft {
  const fields: ContentFields = {};
  const s = (v: string | undefined) => v?.trim() || undefined;
  if (type === 'policy') {
    fields.docNumber = s(form.docNumber);
    fields.issuer = s(form.issuer);
    fields.writtenOn = s(form.writtenOn);
    fields.validity = (s(form.validity) as ContentFields['validity']) ?? 'valid';
    fields.repealedOn = s(form.repealedOn);
  }
  if (type === 'link') fields.linkUrl = s(form.linkUrl);
  fields.source = s(form.source);
  if (current.coverSha256 && form.removeCover !== '1') {
    fields.coverSha256 = current.coverSha256;
    fields.coverAlt = form.coverAlt?.trim() ?? '';
  }
  const life = form.lifeEvents ?? [];
  if (life.length > 0) fields.lifeEvents = [...new Set(life)];
  for (const k of Object.keys(fields) as (keyof ContentFields)[])
    if (fields[k] === undefined) delete fields[k];
  return {
    title: form.title,
    summary: form.summary,
    bodyHtml: form.body ?? '',
    fields,
    audiences: form.audiences ?? [],
    topics: form.topics ?? [],
  };
}
