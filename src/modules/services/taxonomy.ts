// How citizens and enterprises look for a service: life events (人生事件),
// enterprise life-cycle stages (企业全生命周期), audience portals and themes.
// Slugs are stored; names are shown. Audiences and themes are the portal's
// own (content/taxonomy.ts), so a service and an article share one vocabulary.
import { AUDIENCES, TOPICS } from '../content/taxonomy.ts';

export const SERVICE_LIFE_EVENTS = {
  birth: '出生',
  schooling: '入学',
  employment: '就业',
  marriage: '婚育',
  housing: '住房',
  'social-security': '社保',
  medical: '医疗',
  retirement: '养老',
  'after-death': '身后事',
  travel: '出行',
  'legal-aid': '法律服务',
} as const;

export const ENTERPRISE_STAGES = {
  opening: '开办',
  operating: '经营',
  investment: '投资建设',
  changing: '变更',
  closing: '注销',
} as const;

export const SERVICE_AUDIENCES = AUDIENCES;
export const SERVICE_THEMES = TOPICS;

export const ONLINE_DEPTH_NAMES = {
  info: '仅提供办事指南',
  apply: '网上申请',
  full: '全程网办',
} as const;

export type TagKind = 'lifeEvent' | 'stage' | 'audience' | 'theme';

const TABLES: Record<TagKind, Record<string, string>> = {
  lifeEvent: SERVICE_LIFE_EVENTS,
  stage: ENTERPRISE_STAGES,
  audience: SERVICE_AUDIENCES,
  theme: SERVICE_THEMES,
};

export function tagTable(kind: TagKind): Record<string, string> {
  return TABLES[kind];
}

export function isTag(kind: TagKind, slug: string): boolean {
  return Object.hasOwn(TABLES[kind], slug);
}

/** The name of a tag, or the slug itself for one that is no longer offered. */
export function serviceTagName(kind: TagKind, slug: string): string {
  return Object.hasOwn(TABLES[kind], slug) ? (TABLES[kind][slug] as string) : slug;
}
