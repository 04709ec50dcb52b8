import type { Kysely } from 'kysely';

// The fixed structure every deployment has: the portal (一门), six audience
// portals (六户) and four institutions' sites (四位一体), each with its basic
// channels. Inserted only where missing; administrators rename and extend them.
const SITES = [
  ['portal', 'portal', '遵义市人民政府门户网站', '一门', '/', 'zh-CN', null, null, '#b31b1b', 0],
  ['gov', 'audience', '政务', '政务', '/gov/', 'zh-CN', 'gov', null, '#9a1c1c', 1],
  ['citizens', 'audience', '市民', '市民', '/citizens/', 'zh-CN', 'citizen', null, '#1f6f43', 2],
  ['business', 'audience', '企业', '企业', '/business/', 'zh-CN', 'business', null, '#1d4f91', 3],
  ['invest', 'audience', '投资', '投资', '/invest/', 'zh-CN', 'investor', null, '#7a4b00', 4],
  [
    'invest-en',
    'audience',
    'Invest in Zunyi',
    'Invest',
    '/en/invest/',
    'en',
    'investor',
    null,
    '#7a4b00',
    5,
  ],
  ['tourism', 'audience', '旅游', '旅游', '/tourism/', 'zh-CN', 'tourist', null, '#0f6a74', 6],
  ['rural', 'audience', '三农', '三农', '/rural/', 'zh-CN', 'rural', null, '#4d6b12', 7],
  [
    'party',
    'institution',
    '中共遵义市委',
    '市委',
    '/sites/party/',
    'zh-CN',
    null,
    'party',
    '#a50e0e',
    10,
  ],
  [
    'npc',
    'institution',
    '遵义市人大常委会',
    '市人大',
    '/sites/npc/',
    'zh-CN',
    null,
    'npc',
    '#8a1538',
    11,
  ],
  [
    'government',
    'institution',
    '遵义市人民政府',
    '市政府',
    '/sites/government/',
    'zh-CN',
    null,
    'government',
    '#b31b1b',
    12,
  ],
  [
    'cppcc',
    'institution',
    '政协遵义市委员会',
    '市政协',
    '/sites/cppcc/',
    'zh-CN',
    null,
    'cppcc',
    '#6b2c91',
    13,
  ],
] as const;

const INSTITUTION_CHANNELS = [
  ['news', '要闻动态', 'list'],
  ['notices', '通知公告', 'list'],
  ['policies', '政策文件', 'list'],
  ['interpretations', '政策解读', 'list'],
  ['topics', '专题专栏', 'topic'],
] as const;

const PORTAL_CHANNELS: Record<string, readonly (readonly [string, string, string])[]> = {
  portal: [
    ['headlines', '今日要闻', 'list'],
    ['notices', '通知公告', 'list'],
  ],
  'invest-en': [
    ['news', 'News', 'list'],
    ['policies', 'Policies', 'list'],
  ],
};

const STAMP = '2026-11-26T11:01:00.000Z';

export async function up(db: Kysely<any>): Promise<void> {
  const orgs: { id: string; code: string }[] = await db
    .selectFrom('organisation')
    .select(['id', 'code'])
    .execute();
  const orgId = new Map(orgs.map((o) => [o.code, o.id]));
  for (const [
    code,
    kind,
    name,
    short_name,
    path,
    lang,
    audience,
    org,
    colour,
    sort_order,
  ] of SITES) {
    await db
      .insertInto('site')
      .values({
        code,
        kind,
        name,
        short_name,
        path,
        lang,
        audience,
        organisation_id: org ? (orgId.get(org) ?? null) : null,
        colour,
        logo_text: short_name,
        review_levels: kind === 'institution' ? 3 : 1,
        sort_order,
        created_at: STAMP,
        updated_at: STAMP,
      })
      .onConflict((oc: any) => oc.column('code').doNothing())
      .execute();
    const channels =
      kind === 'institution'
        ? INSTITUTION_CHANNELS
        : (PORTAL_CHANNELS[code] ?? [['news', '资讯', 'list']]);
    let i = 0;
    for (const [slug, cname, ckind] of channels) {
      await db
        .insertInto('channel')
        .values({
          id: `${code}-${slug}`,
          site_code: code,
          parent_id: null,
          slug,
          name: cname,
          description: null,
          kind: ckind,
          link_url: null,
          in_nav: 1,
          sort_order: i++,
          created_at: STAMP,
          updated_at: STAMP,
        })
        .onConflict((oc: any) => oc.columns(['site_code', 'slug']).doNothing())
        .execute();
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('channel').where('created_at', '=', STAMP).execute();
  await db.deleteFrom('site').where('created_at', '=', STAMP).execute();
}
