// Content items: creation and editing. Every save is a new revision (the
// working copy); the item's own columns hold what is live on the site, and
// change only when a revision is published (see review.ts).
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { cleanLine, cleanText } from '../../platform/text.ts';
import { getChannel, RESERVED_SLUGS, SLUG_PATTERN } from '../sites/sites.ts';
import { itemChanged } from './changes.ts';
import { sanitizeRichText } from './sanitize.ts';
import type { ContentFields, ContentItemRow, ContentRevisionRow, ContentType } from './tables.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface ItemDraft {
  title: string;
  summary?: string;
  bodyHtml: string;
  fields?: ContentFields;
  audiences?: string[];
  topics?: string[];
}

export interface NewItem extends ItemDraft {
  channelId: string;
  type: ContentType;
  slug?: string;
  sourceOrgId?: string;
}

export interface Editor {
  id: string;
  name: string;
}

const TAG = /^[a-z0-9-]{1,32}$/;

/** Normalise and check an editor's input; the HTML is sanitised here, before storage. */
export function cleanDraft(
  draft: ItemDraft,
): Required<Omit<ItemDraft, 'summary'>> & { summary: string | null } {
  const title = cleanLine(draft.title);
  if (title.length === 0) throw badRequest('标题不能为空', { title: '请填写标题' });
  if (title.length > 300) throw badRequest('标题过长', { title: '不能超过 300 个字符' });
  const fields = { ...(draft.fields ?? {}) };
  if (fields.coverSha256 && !fields.coverAlt?.trim()) {
    throw badRequest('封面图片必须填写替代文字', {
      coverAlt: '请为封面图片填写替代文字（供读屏软件朗读）',
    });
  }
  for (const tag of [...(draft.audiences ?? []), ...(draft.topics ?? [])]) {
    if (!TAG.test(tag))
      throw badRequest('标签格式不正确', { tags: `无效的标签：${tag.slice(0, 40)}` });
  }
  return {
    title,
    summary: draft.summary ? cleanText(draft.summary).slice(0, 1000) || null : null,
    bodyHtml: sanitizeRichText(draft.bodyHtml),
    fields,
    audiences: [...new Set(draft.audiences ?? [])],
    topics: [...new Set(draft.topics ?? [])],
  };
}

function defaultSlug(ctx: AppContext, id: string): string {
  return `${ctx.now().toISOString().slice(0, 10).replace(/-/g, '')}-${id.slice(-8)}`;
}

export async function getItem(
  ctx: AppContext,
  id: string,
  executor: Executor = ctx.db.kysely,
): Promise<ContentItemRow> {
  const item = await executor
    .selectFrom('content_item')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!item) throw notFound('稿件不存在');
  return item;
}

export async function getRevision(
  ctx: AppContext,
  itemId: string,
  number: number,
  executor: Executor = ctx.db.kysely,
): Promise<ContentRevisionRow> {
  const rev = await executor
    .selectFrom('content_revision')
    .selectAll()
    .where('item_id', '=', itemId)
    .where('number', '=', number)
    .executeTakeFirst();
  if (!rev) throw notFound('版本不存在');
  return rev;
}

export async function listRevisions(
  ctx: AppContext,
  itemId: string,
): Promise<ContentRevisionRow[]> {
  return ctx.db.kysely
    .selectFrom('content_revision')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('number', 'desc')
    .execute();
}

async function insertRevision(
  trx: Executor,
  itemId: string,
  number: number,
  d: ReturnType<typeof cleanDraft>,
  authorId: string,
  at: string,
) {
  await trx
    .insertInto('content_revision')
    .values({
      item_id: itemId,
      number,
      title: d.title,
      summary: d.summary,
      body_html: d.bodyHtml,
      fields: JSON.stringify(d.fields),
      audiences: JSON.stringify(d.audiences),
      topics: JSON.stringify(d.topics),
      author_id: authorId,
      created_at: at,
    })
    .execute();
}

/** A new draft in a channel; nothing is public until it passes review. */
export async function createItem(
  ctx: AppContext,
  input: NewItem,
  editor: Editor,
): Promise<ContentItemRow> {
  const d = cleanDraft(input);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const channel = await getChannel(ctx, input.channelId, trx);
    const id = newId();
    const slug = input.slug ?? defaultSlug(ctx, id);
    checkSlug(slug);
    const clash = await trx
      .selectFrom('content_item')
      .select('id')
      .where('site_code', '=', channel.site_code)
      .where('slug', '=', slug)
      .executeTakeFirst();
    if (clash) throw conflict('该网址标识已被使用');
    const now = ctx.now().toISOString();
    const row: ContentItemRow = {
      id,
      site_code: channel.site_code,
      channel_id: channel.id,
      type: input.type,
      slug,
      title: d.title,
      summary: d.summary,
      body_html: d.bodyHtml,
      fields: JSON.stringify(d.fields),
      audiences: JSON.stringify(d.audiences),
      topics: JSON.stringify(d.topics),
      source_org_id: input.sourceOrgId ?? null,
      author_id: editor.id,
      workflow: 'draft',
      review_level: 0,
      working_revision: 1,
      live_revision: null,
      publication: 'unpublished',
      publish_at: null,
      unpublish_at: null,
      published_at: null,
      pinned: 0,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('content_item').values(row).execute();
    await insertRevision(trx, id, 1, d, editor.id, now);
    return row;
  });
}

/**
 * Save a new working revision. Allowed while the item is a draft, returned or
 * live; an item in review must be returned first so reviewers approve exactly
 * what they read.
 */
export async function saveDraft(
  ctx: AppContext,
  itemId: string,
  draft: ItemDraft,
  editor: Editor,
): Promise<number> {
  const d = cleanDraft(draft);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const item = await getItem(ctx, itemId, trx);
    if (item.workflow === 'in_review')
      throw forbidden('稿件正在审核中，不能修改；请等待审核或由审核人退回');
    const number = item.working_revision + 1;
    const now = ctx.now().toISOString();
    await insertRevision(trx, itemId, number, d, editor.id, now);
    await trx
      .updateTable('content_item')
      .set({ working_revision: number, workflow: 'draft', review_level: 0, updated_at: now })
      .where('id', '=', itemId)
      .execute();
    return number;
  });
}

/** Make an old revision the working copy again (it still has to pass review). */
export async function restoreRevision(
  ctx: AppContext,
  itemId: string,
  number: number,
  editor: Editor,
): Promise<number> {
  const rev = await getRevision(ctx, itemId, number);
  return saveDraft(
    ctx,
    itemId,
    {
      title: rev.title,
      summary: rev.summary ?? undefined,
      bodyHtml: rev.body_html,
      fields: JSON.parse(rev.fields),
      audiences: JSON.parse(rev.audiences),
      topics: JSON.parse(rev.topics),
    },
    editor,
  );
}

function checkSlug(slug: string): void {
  if (!SLUG_PATTERN.test(slug))
    throw badRequest('网址标识格式不正确', { slug: '只能使用小写字母、数字和连字符' });
  if (RESERVED_SLUGS.has(slug))
    throw badRequest('网址标识不可用', { slug: 'index 和 default 留作栏目首页的地址，请换一个' });
}

/** Change the URL slug; the old one keeps redirecting to the item. */
export async function changeSlug(ctx: AppContext, itemId: string, slug: string): Promise<void> {
  checkSlug(slug);
  const changed = await ctx.db.kysely.transaction().execute(async (trx) => {
    const item = await getItem(ctx, itemId, trx);
    if (item.slug === slug) return undefined;
    const clash = await trx
      .selectFrom('content_item')
      .select('id')
      .where('site_code', '=', item.site_code)
      .where('slug', '=', slug)
      .executeTakeFirst();
    if (clash) throw conflict('该网址标识已被使用');
    const now = ctx.now().toISOString();
    // A redirect that pointed at the new slug would loop: the slug is live again.
    await trx
      .deleteFrom('content_redirect')
      .where('site_code', '=', item.site_code)
      .where('old_slug', '=', slug)
      .execute();
    await trx
      .insertInto('content_redirect')
      .values({ site_code: item.site_code, old_slug: item.slug, item_id: itemId, created_at: now })
      .onConflict((oc) => oc.columns(['site_code', 'old_slug']).doUpdateSet({ item_id: itemId }))
      .execute();
    await trx
      .updateTable('content_item')
      .set({ slug, updated_at: now })
      .where('id', '=', itemId)
      .execute();
    return item;
  });
  // Pages linking to the old address (lists, the item's own page) must go.
  if (changed) await itemChanged(ctx, changed);
}
