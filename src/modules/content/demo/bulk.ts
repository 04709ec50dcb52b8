// `yimen seed --bulk N`: N synthetic published items for benchmarks. They are
// inserted directly, a thousand rows per transaction, bypassing review (no
// review history, no audit entries), and are labelled as synthetic twice:
// fields.source is 批量测试数据 and every slug starts with "bulk-". Titles and
// bodies are composed from the demo content's own paragraphs, so pages have
// realistic Chinese text of realistic length (2–4 KB of body each).
import type { Insertable } from 'kysely';
import { newId } from '../../../platform/ids.ts';
import type { AppContext } from '../../../platform/module.ts';
import { findStaff } from '../../identity/accounts.ts';
import { listOrganisations } from '../../identity/organisations.ts';
import { listChannels, listSites } from '../../sites/sites.ts';
import { liveTagRows } from '../live-tags.ts';
import { sanitizeRichText } from '../sanitize.ts';
import type { ContentItemRow, ContentRevisionRow, ContentType } from '../tables.ts';
import { audienceKeys, topicKeys } from '../taxonomy.ts';
import { demoCatalogue } from './catalogue.ts';
import { withFastCommits } from './fast-commits.ts';

export const BULK_SOURCE = '批量测试数据';
export const BULK_MAX = 1_000_000;
const BATCH = 1000;
/** Rows per INSERT statement: keeps the bound parameters under SQLite's and PostgreSQL's limits. */
const ROWS_PER_STATEMENT = 500;

const TYPE_OF: Record<string, ContentType> = {
  news: 'article',
  headlines: 'article',
  notices: 'notice',
  policies: 'policy',
  interpretations: 'interpretation',
};

const PLACES = [
  '',
  '红花岗区',
  '汇川区',
  '播州区',
  '新蒲新区',
  '仁怀市',
  '赤水市',
  '桐梓县',
  '绥阳县',
  '正安县',
  '道真县',
  '务川县',
  '凤冈县',
  '湄潭县',
  '余庆县',
  '习水县',
];
const SUBJECTS = [
  '推进就业服务提质增效',
  '开展安全生产隐患排查',
  '召开优化营商环境座谈会',
  '部署防汛抗旱工作',
  '推进高标准农田建设',
  '开展医保政策宣传',
  '举办专场招聘会',
  '推进老旧小区改造',
  '开展食品安全抽检',
  '推进养老服务体系建设',
  '召开产业招商推介会',
  '开展文旅消费促进活动',
  '推进义务教育优质均衡发展',
  '加强农村人居环境整治',
  '开展道路交通安全整治',
  '推进政务服务“一网通办”',
  '开展森林防火宣传',
  '推进茶产业提质增效',
  '召开民生实事项目推进会',
  '开展法治宣传进社区',
];
const SUFFIXES = ['', '工作', '取得阶段性成效', '有序推进', '扎实开展', '情况通报', '相关安排'];

/** A small deterministic generator, so a run can be reproduced from its seed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Paragraphs of the demo content, sanitised once, to compose bodies from. */
function paragraphPool(): string[] {
  const seen = new Set<string>();
  for (const item of demoCatalogue()) {
    if (item.site === 'invest-en') continue;
    for (const m of item.body.matchAll(/<p>([^<]{40,})<\/p>/g)) seen.add(m[1]!);
  }
  return [...seen].map((t) => sanitizeRichText(`<p>${t}</p>`));
}

export interface BulkResult {
  inserted: number;
  seconds: number;
  run: string;
}

function parseCount(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > BULK_MAX)
    throw new RangeError(`--bulk takes a whole number from 1 to ${BULK_MAX}`);
  return n;
}

/** Insert `count` synthetic published items; prints progress every 5 %. */
export async function seedBulk(
  ctx: AppContext,
  count: number,
  progress: (line: string) => void,
): Promise<BulkResult> {
  const total = parseCount(count);
  const started = Date.now();
  const run = started.toString(36);
  const sites = await listSites(ctx);
  const targets: { site: string; channel: string; type: ContentType; audience: string | null }[] =
    [];
  for (const s of sites) {
    if (s.lang !== 'zh-CN') continue;
    for (const c of await listChannels(ctx, s.code)) {
      const type = TYPE_OF[c.slug];
      if (!type) continue;
      // Institutions publish most of the content; news weighs more than the rest.
      const weight = (s.kind === 'institution' ? 3 : 1) * (type === 'article' ? 3 : 1);
      for (let w = 0; w < weight; w++)
        targets.push({ site: s.code, channel: c.id, type, audience: s.audience });
    }
  }
  if (targets.length === 0) throw new Error('no channels to fill: run "yimen migrate up" first');
  const orgs = new Map((await listOrganisations(ctx.db)).map((o) => [o.code, o]));
  const authors = new Map<string, string>();
  for (const s of sites) {
    const team = s.kind === 'institution' ? s.code : 'portal';
    authors.set(s.code, (await findStaff(ctx, `demo-${team}-editor`))?.id ?? 'system');
  }
  const pool = paragraphPool();
  const rand = prng(started);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const now = ctx.now().getTime();
  const createdAt = ctx.now().toISOString();
  const span = 730 * 86_400_000;
  progress(`bulk: inserting ${total} synthetic items (slugs bulk-${run}-…, source ${BULK_SOURCE})`);

  function row(n: number): { item: Insertable<ContentItemRow>; revision: ContentRevisionRow } {
    const t = pick(targets);
    const org = orgs.get(t.site);
    const published = new Date(now - 3_600_000 - Math.floor(rand() * span));
    const paragraphs: string[] = [];
    let bytes = 0;
    const want = 2048 + Math.floor(rand() * 2048);
    while (bytes < want) {
      const para = pick(pool);
      paragraphs.push(para);
      bytes += Buffer.byteLength(para);
    }
    const body = paragraphs.join('');
    const audiences = [...new Set([t.audience ?? pick(audienceKeys), pick(audienceKeys)])];
    const topics = [...new Set([pick(topicKeys), pick(topicKeys)])];
    const year = published.getUTCFullYear();
    const fields = {
      source: BULK_SOURCE,
      ...(t.type === 'policy'
        ? {
            docNumber: `${org?.doc_prefix ?? '遵府办发'}〔${year}〕${1000 + (n % 9000)}号`,
            issuer: org?.name ?? '遵义市人民政府',
            writtenOn: new Date(published.getTime() - 5 * 86_400_000).toISOString().slice(0, 10),
            validity: 'valid' as const,
          }
        : {}),
    };
    const title = `${pick(PLACES)}${pick(SUBJECTS)}${pick(SUFFIXES)}（${year}年第${n + 1}号）`;
    const summary = paragraphs[0]!.replace(/<[^>]+>/g, '').slice(0, 120);
    const id = newId();
    const common = {
      title,
      summary,
      body_html: body,
      fields: JSON.stringify(fields),
      audiences: JSON.stringify(audiences),
      topics: JSON.stringify(topics),
    };
    const author = authors.get(t.site) ?? 'system';
    return {
      item: {
        id,
        site_code: t.site,
        channel_id: t.channel,
        type: t.type,
        slug: `bulk-${run}-${n + 1}`,
        ...common,
        source_org_id: org?.id ?? null,
        author_id: author,
        workflow: 'approved',
        review_level: 0,
        working_revision: 1,
        live_revision: 1,
        publication: 'published',
        publish_at: null,
        unpublish_at: null,
        published_at: published.toISOString(),
        pinned: 0,
        created_at: createdAt,
        updated_at: createdAt,
      },
      revision: { item_id: id, number: 1, ...common, author_id: author, created_at: createdAt },
    };
  }

  let inserted = 0;
  let reported = 0;
  await withFastCommits(ctx, async () => {
    while (inserted < total) {
      const size = Math.min(BATCH, total - inserted);
      const rows = Array.from({ length: size }, (_, i) => row(inserted + i));
      await ctx.db.kysely.transaction().execute(async (trx) => {
        for (let at = 0; at < rows.length; at += ROWS_PER_STATEMENT) {
          const slice = rows.slice(at, at + ROWS_PER_STATEMENT);
          await trx
            .insertInto('content_item')
            .values(slice.map((r) => r.item))
            .execute();
          await trx
            .insertInto('content_revision')
            .values(slice.map((r) => r.revision))
            .execute();
          const tags = slice.flatMap((r) => liveTagRows(r.item));
          for (let t = 0; t < tags.length; t += ROWS_PER_STATEMENT) {
            await trx
              .insertInto('content_live_tag')
              .values(tags.slice(t, t + ROWS_PER_STATEMENT))
              .execute();
          }
        }
      });
      inserted += size;
      const pct = Math.floor((inserted * 100) / total);
      if (pct >= reported + 5 || inserted === total) {
        reported = pct - (pct % 5);
        const secs = (Date.now() - started) / 1000;
        progress(`bulk: ${inserted}/${total} (${pct}%), ${secs.toFixed(1)} s`);
      }
    }
  });
  ctx.cache.clear();
  const seconds = (Date.now() - started) / 1000;
  progress(
    `bulk: ${inserted} items in ${seconds.toFixed(1)} s (${Math.round(inserted / seconds)} items/s)`,
  );
  return { inserted, seconds, run };
}
