// Every demo item in one list: the hand-written entries, the policies with
// their interpretations, the recurring series, and the special-topic pages
// whose "related content" lists link to items published before them.
import { itemUrl } from '../../sites/sites.ts';
import { inChannel } from './compose.ts';
import { composePolicy, type PolicySpec } from './policy-compose.ts';
import {
  businessGuides,
  businessTourismSeries,
  investNews,
  tourismNews,
} from './texts/business-tourism.ts';
import { citizenGuides, citizensRuralSeries, ruralNews } from './texts/citizens-rural.ts';
import { cppccNews, cppccNotices, cppccSeries, cppccTopics } from './texts/cppcc.ts';
import { govPoliciesA } from './texts/gov-policies-a.ts';
import { govPoliciesB } from './texts/gov-policies-b.ts';
import { govPoliciesC } from './texts/gov-policies-c.ts';
import { govSeries } from './texts/gov-series.ts';
import {
  govDepartmentNews,
  govNews,
  govNotices,
  govTopics,
  type TopicEntry,
} from './texts/government.ts';
import { cppccPolicies, npcPolicies, partyPolicies } from './texts/institution-policies.ts';
import { investEnItems } from './texts/invest-en.ts';
import { npcNews, npcNotices, npcSeries, npcTopics } from './texts/npc.ts';
import { partyNews, partyNotices, partySeries, partyTopics } from './texts/party.ts';
import { govPortalNews, portalHeadlines, portalNotices } from './texts/portal.ts';
import { type DemoItem, h2, p } from './types.ts';

// The data files use a few short working tags; these are the taxonomy's
// names for them (taxonomy.ts is what the back office and the portals offer).
const TOPIC_TAGS: Record<string, string> = {
  elderly: 'social-security',
  tourism: 'culture-tourism',
  investment: 'economy',
  ecology: 'environment',
  safety: 'public-safety',
  governance: 'government-affairs',
  talent: 'employment',
};

// Life events (人生事件) of items that concern citizens, by topic.
const LIFE_EVENTS: Record<string, string> = {
  education: 'schooling',
  employment: 'employment',
  health: 'medical',
  housing: 'housing',
  transport: 'travel',
  elderly: 'retirement',
};

function tagged(item: DemoItem): DemoItem {
  const topics = [...new Set(item.topics.map((t) => TOPIC_TAGS[t] ?? t))];
  const events = new Set<string>();
  if (item.audiences.includes('citizen'))
    for (const t of item.topics) if (LIFE_EVENTS[t]) events.add(LIFE_EVENTS[t]);
  if (item.audiences.includes('business') && item.topics.includes('business-environment'))
    events.add('running-business');
  const fields = events.size > 0 ? { ...item.fields, lifeEvents: [...events] } : item.fields;
  return { ...item, topics, fields };
}

/** The URL prefix of each site as created by the sites migration. */
export const DEFAULT_SITE_PATHS: Record<string, string> = {
  portal: '/',
  gov: '/gov/',
  citizens: '/citizens/',
  business: '/business/',
  invest: '/invest/',
  'invest-en': '/en/invest/',
  tourism: '/tourism/',
  rural: '/rural/',
  party: '/sites/party/',
  npc: '/sites/npc/',
  government: '/sites/government/',
  cppcc: '/sites/cppcc/',
};

export const INSTITUTIONS = ['party', 'npc', 'government', 'cppcc'] as const;

export const POLICIES: PolicySpec[] = [
  ...govPoliciesA,
  ...govPoliciesB,
  ...govPoliciesC,
  ...partyPolicies,
  ...npcPolicies,
  ...cppccPolicies,
];

function topicItem(
  site: string,
  t: TopicEntry,
  pool: readonly DemoItem[],
  paths: Record<string, string>,
): DemoItem {
  const related = pool
    .filter((i) => i.type !== 'topic' && i.topics.includes(t.related) && i.date <= t.date)
    .filter((i) => i.site !== 'invest-en')
    .sort((a, b) => b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug))
    .slice(0, 8);
  const links = related
    .map(
      (i) =>
        `<li><a href="${itemUrl({ path: paths[i.site]! }, { slug: i.channel }, i.slug)}">${i.title}</a>（${i.date}）</li>`,
    )
    .join('');
  return {
    site,
    channel: 'topics',
    type: 'topic',
    slug: t.slug,
    title: t.title,
    summary: t.intro[0]!.split('。')[0]!.concat('。'),
    body: t.intro.map((x) => p(x)).join('') + (links ? `${h2('专题内容')}<ul>${links}</ul>` : ''),
    date: t.date,
    audiences: t.audiences,
    topics: t.topics,
    push: t.push,
    cover: t.cover,
  };
}

/** All demo items, oldest first. Throws if two items share a slug on a site or a title. */
export function demoCatalogue(paths: Record<string, string> = DEFAULT_SITE_PATHS): DemoItem[] {
  const items: DemoItem[] = [
    ...POLICIES.flatMap(composePolicy),
    ...inChannel('government', 'news', 'article', govNews),
    ...inChannel('government', 'news', 'article', govDepartmentNews),
    ...inChannel('government', 'notices', 'notice', govNotices),
    ...govSeries(POLICIES),
    ...inChannel('party', 'news', 'article', partyNews),
    ...inChannel('party', 'notices', 'notice', partyNotices),
    ...partySeries(),
    ...inChannel('npc', 'news', 'article', npcNews),
    ...inChannel('npc', 'notices', 'notice', npcNotices),
    ...npcSeries(),
    ...inChannel('cppcc', 'news', 'article', cppccNews),
    ...inChannel('cppcc', 'notices', 'notice', cppccNotices),
    ...cppccSeries(),
    ...inChannel('portal', 'headlines', 'article', portalHeadlines),
    ...inChannel('portal', 'notices', 'notice', portalNotices),
    ...inChannel('gov', 'news', 'article', govPortalNews),
    ...inChannel('citizens', 'news', 'article', citizenGuides),
    ...inChannel('rural', 'news', 'article', ruralNews),
    ...citizensRuralSeries(),
    ...inChannel('business', 'news', 'article', businessGuides),
    ...inChannel('invest', 'news', 'article', investNews),
    ...inChannel('tourism', 'news', 'article', tourismNews),
    ...businessTourismSeries(),
    ...investEnItems(),
  ];
  const topics = [
    ...govTopics.map((t) => topicItem('government', t, items, paths)),
    ...partyTopics.map((t) => topicItem('party', t, items, paths)),
    ...npcTopics.map((t) => topicItem('npc', t, items, paths)),
    ...cppccTopics.map((t) => topicItem('cppcc', t, items, paths)),
  ];
  const all = [...items, ...topics]
    .map(tagged)
    .sort(
      (a, b) =>
        a.date.localeCompare(b.date) ||
        a.site.localeCompare(b.site) ||
        a.slug.localeCompare(b.slug),
    );
  const slugs = new Set<string>();
  const titles = new Set<string>();
  for (const item of all) {
    const key = `${item.site}/${item.slug}`;
    if (slugs.has(key)) throw new Error(`demo content: duplicate slug ${key}`);
    if (titles.has(item.title)) throw new Error(`demo content: duplicate title ${item.title}`);
    slugs.add(key);
    titles.add(item.title);
  }
  return all;
}
