// Content for portal tests, made through the real services: staff with
// editor, 初审/复审/终审 reviewer and site-admin grants, items written,
// submitted and approved at every level (so they are live exactly as in
// production), plus one item in every state that must never be public.
// Attachments and policy ↔ interpretation links have no service yet: the
// helper writes their rows and the file as the store lays them out.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createItem, type NewItem } from '../../src/modules/content/items.ts';
import { pushItem } from '../../src/modules/content/push.ts';
import {
  approve,
  type Reviewer,
  schedule,
  submitForReview,
  unpublish,
} from '../../src/modules/content/review.ts';
import type { ContentItemRow } from '../../src/modules/content/tables.ts';
import {
  bootstrapRole,
  createStaff,
  grantRole,
  grantsOf,
} from '../../src/modules/identity/accounts.ts';
import type { Role } from '../../src/modules/identity/permissions.ts';
import { modules as allModules } from '../../src/modules/index.ts';
import { storedFilePath } from '../../src/modules/portal/files.ts';
import type { Dialect } from '../../src/platform/config.ts';
import type { AppContext } from '../../src/platform/module.ts';
import { openAnotherNode, openTestContext } from './databases.ts';
import { serve } from './http.ts';

/** Sites the test staff may write for, review and push from. */
export const SITES_UNDER_TEST = [
  'government',
  'party',
  'cppcc',
  'npc',
  'citizens',
  'portal',
  'invest-en',
];

export interface People {
  editor: Reviewer;
  r1: Reviewer;
  r2: Reviewer;
  r3: Reviewer;
  admin: Reviewer;
}

export interface PortalApp {
  app: FastifyInstance;
  ctx: AppContext;
  /** Move the application clock forward. */
  advance(ms: number): void;
  people: People;
  close(): Promise<void>;
}

/** The moment the test clock starts: 2026-11-02 10:00 in Beijing. */
export const START = Date.parse('2026-11-02T02:00:00.000Z');

/** An app on a fresh database with a clock the test moves and staff who can publish. */
export async function openPortalApp(
  dialect: Dialect,
  env: Record<string, string> = {},
): Promise<PortalApp> {
  let at = START;
  const t = await openTestContext(dialect, {
    clock: () => new Date(at),
    // Many requests from one address: the per-IP limit is not under test.
    env: { YIMEN_RATE_LIMIT: '1000000', ...env },
    modules: allModules,
  });
  const { app, close } = await serve(t);
  try {
    return {
      app,
      ctx: t.ctx,
      people: await makePeople(t.ctx),
      advance: (ms) => {
        at += ms;
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** A second node serving the same database as `first`, on the same clock. */
export async function openPortalNode(
  first: Pick<PortalApp, 'ctx'>,
): Promise<Pick<PortalApp, 'app' | 'ctx' | 'close'>> {
  const t = await openAnotherNode(first.ctx.config, {
    clock: () => first.ctx.now(),
    modules: allModules,
  });
  const { app, close } = await serve(t);
  return { app, ctx: t.ctx, close };
}

/** Staff who can write, review (初审, 复审, 终审) and push on every site under test. */
export async function makePeople(ctx: AppContext): Promise<People> {
  const system = { id: null, name: 'test-setup' };
  const { account: sec } = await createStaff(
    ctx,
    { username: 'sec', displayName: '安全管理员' },
    system,
  );
  await bootstrapRole(ctx, sec.id, 'security_admin');
  const grantor = { id: sec.id, name: 'sec' };
  const person = async (username: string, role: Role, level?: number): Promise<Reviewer> => {
    const { account } = await createStaff(ctx, { username, displayName: username }, system);
    for (const site of SITES_UNDER_TEST) {
      await grantRole(ctx, { granteeId: account.id, role, scope: `site:${site}`, level }, grantor);
    }
    return { id: account.id, name: username, grants: await grantsOf(ctx, account.id) };
  };
  return {
    editor: await person('editor', 'editor'),
    r1: await person('reviewer1', 'reviewer', 1),
    r2: await person('reviewer2', 'reviewer', 2),
    r3: await person('reviewer3', 'reviewer', 3),
    admin: await person('siteadmin', 'site_admin'),
  };
}

/** Pass every review level the item's site has (初审, 复审, 终审 by three people). */
export async function reviewThrough(
  portal: Pick<PortalApp, 'ctx' | 'people'>,
  itemId: string,
): Promise<ContentItemRow> {
  const { ctx, people } = portal;
  await submitForReview(ctx, itemId, people.editor);
  let item: ContentItemRow | undefined;
  for (const reviewer of [people.r1, people.r2, people.r3]) {
    item = await approve(ctx, itemId, reviewer);
    if (item.workflow === 'approved') break;
  }
  return item!;
}

/** Write an item and pass it through review: it goes live (or is scheduled). */
export async function publish(
  portal: Pick<PortalApp, 'ctx' | 'people'>,
  input: NewItem,
): Promise<ContentItemRow> {
  const item = await createItem(portal.ctx, input, portal.people.editor);
  return reviewThrough(portal, item.id);
}

/** Attach a file to an item the way the file store lays it out. */
export async function attachFile(
  ctx: AppContext,
  itemId: string,
  file: { name: string; body: Buffer; mime: string },
): Promise<string> {
  const sha256 = createHash('sha256').update(file.body).digest('hex');
  const path = storedFilePath(ctx.config.dataDir, sha256);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, file.body);
  await ctx.db.kysely
    .insertInto('stored_file')
    .values({
      sha256,
      size: file.body.length,
      mime: file.mime,
      created_at: ctx.now().toISOString(),
    })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  await ctx.db.kysely
    .insertInto('content_attachment')
    .values({ item_id: itemId, sha256, name: file.name, sort_order: 0 })
    .execute();
  return sha256;
}

export interface Fixture {
  article: ContentItemRow;
  notice: ContentItemRow;
  policy: ContentItemRow;
  interpretation: ContentItemRow;
  /** A 市委 item pushed to the portal home and to the 市民 portal. */
  pushed: ContentItemRow;
  withAttachment: ContentItemRow;
  attachment: { sha256: string; name: string; body: Buffer; mime: string };
  /** Never public: a draft, one in review, one scheduled for later, one withdrawn. */
  hidden: ContentItemRow[];
}

const body = (text: string) => `<p>${text}</p><p>遵义市持续优化营商环境，便民服务更加高效。</p>`;

/** What the fixture needs: a context, its staff, and a clock to move (optional). */
export type Publisher = Pick<PortalApp, 'ctx' | 'people'> & { advance?: (ms: number) => void };

/** A small live site: one item of each kind, one minute apart, and the hidden ones. */
export async function createFixture(portal: Publisher): Promise<Fixture> {
  const { ctx, people } = portal;
  const step = () => portal.advance?.(60_000);
  await ctx.db.kysely
    .updateTable('site')
    .set({
      sponsor: '遵义市人民政府办公室',
      site_identifier: '5203000099',
      icp_record: '黔ICP备99999999号',
      police_record: '黔公网安备 52030299999999号',
    })
    .where('code', '=', 'portal')
    .execute();
  ctx.cache.clear();
  step();
  const article = await publish(portal, {
    channelId: 'government-news',
    type: 'article',
    slug: 'city-services',
    title: '市政府召开常务会议研究便民服务',
    summary: '会议研究部署便民服务工作。',
    bodyHtml: body('市政府召开常务会议。'),
    audiences: ['citizen'],
    topics: ['services'],
  });
  step();
  const notice = await publish(portal, {
    channelId: 'government-notices',
    type: 'notice',
    slug: 'holiday-notice',
    title: '关于元旦假期办事大厅开放时间的通知',
    bodyHtml: body('元旦假期期间，市民服务中心正常开放。'),
    audiences: ['citizen', 'business'],
  });
  step();
  const policy = await publish(portal, {
    channelId: 'government-policies',
    type: 'policy',
    slug: 'small-business-policy',
    title: '遵义市支持小微企业发展的若干措施',
    bodyHtml: body('第一条　为支持小微企业发展，制定本措施。'),
    fields: {
      docNumber: '遵府发〔2026〕3号',
      issuer: '遵义市人民政府',
      writtenOn: '2026-10-28',
      validity: 'valid',
    },
    audiences: ['business'],
  });
  step();
  const interpretation = await publish(portal, {
    channelId: 'government-interpretations',
    type: 'interpretation',
    slug: 'small-business-policy-qa',
    title: '《遵义市支持小微企业发展的若干措施》政策解读',
    bodyHtml: body('一问一答解读小微企业扶持措施。'),
    audiences: ['business'],
  });
  await ctx.db.kysely
    .insertInto('content_link')
    .values({ policy_id: policy.id, interpretation_id: interpretation.id })
    .execute();
  step();
  const pushed = await publish(portal, {
    channelId: 'party-news',
    type: 'article',
    slug: 'plenary-session',
    title: '中共遵义市委召开全体会议',
    bodyHtml: body('市委全体会议在遵义召开。'),
  });
  await pushItem(ctx, pushed.id, 'portal', people.admin);
  await pushItem(ctx, pushed.id, 'citizens', people.admin);
  step();
  const withAttachment = await publish(portal, {
    channelId: 'cppcc-notices',
    type: 'notice',
    slug: 'proposal-form',
    title: '关于征集政协提案线索的公告',
    bodyHtml: body('请下载附件填写提案线索表。'),
  });
  const attachment = {
    name: '提案线索表.pdf',
    body: Buffer.from('%PDF-1.4\n% test attachment\n%%EOF\n'),
    mime: 'application/pdf',
  };
  const sha256 = await attachFile(ctx, withAttachment.id, attachment);
  step();
  const hidden = await hiddenItems(portal);
  step();
  return {
    article,
    notice,
    policy,
    interpretation,
    pushed,
    withAttachment,
    attachment: { ...attachment, sha256 },
    hidden,
  };
}

/** One item in each state that must never be public, all tagged for 市民. */
async function hiddenItems(portal: Publisher): Promise<ContentItemRow[]> {
  const { ctx, people } = portal;
  const draft = (slug: string, title: string) =>
    createItem(
      ctx,
      {
        channelId: 'government-news',
        type: 'article',
        slug,
        title,
        bodyHtml: body(title),
        audiences: ['citizen'],
      },
      people.editor,
    );
  const onlyDraft = await draft('draft-only', '草稿稿件不应公开');
  const reviewing = await draft('in-review', '审核中稿件不应公开');
  await submitForReview(ctx, reviewing.id, people.editor);
  await approve(ctx, reviewing.id, people.r1);
  const later = await draft('scheduled-later', '定时发布稿件尚未公开');
  await schedule(ctx, later.id, { publishAt: new Date(ctx.now().getTime() + 86_400_000) });
  await reviewThrough(portal, later.id);
  const withdrawn = await draft('withdrawn-item', '已撤下稿件不应公开');
  await reviewThrough(portal, withdrawn.id);
  await pushItem(ctx, withdrawn.id, 'portal', people.admin);
  await unpublish(ctx, withdrawn.id, people.admin, '内容过期');
  return [onlyDraft, reviewing, later, withdrawn];
}
