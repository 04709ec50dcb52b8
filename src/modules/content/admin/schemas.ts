// TypeBox schemas of the content back office's forms and queries. Forms are
// strict (additionalProperties: false, every string bounded), so a field a
// form does not have — site_code, publication, author_id… — is refused (400)
// and changes nothing. The CSRF hook removes `_csrf` before validation.
import { type Static, Type } from '@sinclair/typebox';
import { CONTENT_TYPES } from '../tables.ts';
import { audienceKeys, lifeEventKeys, topicKeys } from '../taxonomy.ts';

const strict = <T extends Parameters<typeof Type.Object>[0]>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });
const text = (maxLength: number, minLength = 0) => Type.String({ minLength, maxLength });
const oneOf = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));
const opt = Type.Optional;
const DATE = '^(\\d{4}-\\d{2}-\\d{2})?$';
const DATETIME = '^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?)?$';
const SLUG = '^([a-z0-9][a-z0-9-]{0,62})?$';
const HTTP_URL = '^(https?://[^\\s<>"]+)?$';
const ID = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const tags = <T extends string>(values: readonly T[]) =>
  opt(Type.Array(oneOf(values), { maxItems: values.length }));

export const WORKFLOWS = ['draft', 'in_review', 'returned', 'approved'] as const;
export const PUBLICATIONS = ['unpublished', 'scheduled', 'published', 'withdrawn'] as const;
export const VALIDITIES = ['valid', 'amended', 'repealed', 'expired'] as const;

export const ItemParams = Type.Object({ id: ID });
export const RevisionParams = Type.Object({
  id: ID,
  number: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
});
export const FileParams = Type.Object({
  id: ID,
  sha: Type.String({ pattern: '^[0-9a-f]{64}$' }),
});
export const SiteParams = Type.Object({ code: Type.String({ pattern: '^[a-z0-9-]{1,32}$' }) });
export const ChannelParams = Type.Object({
  code: Type.String({ pattern: '^[a-z0-9-]{1,32}$' }),
  channel: ID,
});
export const FlashQuery = Type.Object({ ok: opt(text(32)) });

export const WorkQuery = Type.Object({
  ok: opt(text(32)),
  site: opt(Type.String({ pattern: '^[a-z0-9-]{0,32}$' })),
  channel: opt(Type.String({ maxLength: 64, pattern: '^[A-Za-z0-9_-]*$' })),
  workflow: opt(oneOf(['', ...WORKFLOWS] as const)),
  publication: opt(oneOf(['', ...PUBLICATIONS] as const)),
  q: opt(text(100)),
  page: opt(Type.Integer({ minimum: 1, maximum: 100_000 })),
});

export const NewQuery = Type.Object({ channel: opt(text(64)) });

/** The editor form's fields shared by a new item and a saved one. */
const itemFields = {
  title: text(300, 1),
  summary: opt(text(1000)),
  body: opt(text(200_000)),
  source: opt(text(100)),
  docNumber: opt(text(100)),
  issuer: opt(text(200)),
  writtenOn: opt(Type.String({ pattern: DATE })),
  validity: opt(oneOf(['', ...VALIDITIES] as const)),
  repealedOn: opt(Type.String({ pattern: DATE })),
  linkUrl: opt(Type.String({ maxLength: 500, pattern: HTTP_URL })),
  coverAlt: opt(text(300)),
  removeCover: opt(Type.Literal('1')),
  policy: opt(Type.String({ maxLength: 64, pattern: '^[A-Za-z0-9_-]*$' })),
  audiences: tags(audienceKeys),
  topics: tags(topicKeys),
  lifeEvents: tags(lifeEventKeys),
};

/** Saving an existing item: type, channel and slug are not editable here. */
export const ItemBody = strict(itemFields);
/** A new item also chooses its type, channel and (optionally) slug. */
export const NewItemBody = strict({
  ...itemFields,
  type: oneOf(CONTENT_TYPES),
  channel: ID,
  slug: opt(Type.String({ maxLength: 63, pattern: SLUG })),
});
export type ItemForm = Static<typeof ItemBody>;
export type NewItemForm = Static<typeof NewItemBody>;

export const EmptyBody = strict({});
export const CommentBody = strict({ comment: opt(text(2000)) });
export const ReasonBody = strict({ reason: text(500, 1) });
export const PushBody = strict({ op: oneOf(['push', 'unpush'] as const), target: text(32, 1) });
export const ScheduleBody = strict({
  publishAt: opt(Type.String({ pattern: DATETIME })),
  unpublishAt: opt(Type.String({ pattern: DATETIME })),
});
export const SlugBody = strict({
  slug: Type.String({ minLength: 1, maxLength: 63, pattern: SLUG }),
});

export const TermBody = strict({
  term: text(100, 1),
  severity: oneOf(['block', 'warn'] as const),
  suggestion: opt(text(200)),
  note: opt(text(300)),
});
export const TermRemoveBody = strict({ term: text(100, 1) });

export const SiteBody = strict({
  name: text(100, 1),
  shortName: text(50, 1),
  colour: Type.String({ pattern: '^#[0-9a-fA-F]{6}$' }),
  reviewLevels: oneOf(['1', '2', '3'] as const),
});

export const ChannelBody = strict({
  name: text(100, 1),
  slug: Type.String({ minLength: 1, maxLength: 63, pattern: SLUG }),
  description: opt(text(500)),
  kind: oneOf(['list', 'topic', 'link'] as const),
  linkUrl: opt(Type.String({ maxLength: 500, pattern: HTTP_URL })),
  parent: opt(Type.String({ maxLength: 64, pattern: '^[a-z0-9-]*$' })),
  inNav: opt(Type.Literal('1')),
  sortOrder: Type.Integer({ minimum: 0, maximum: 9999 }),
});
