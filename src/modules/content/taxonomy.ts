// The tags an item carries, as stored slugs with the names people read:
// audiences (who it concerns; each audience portal selects by one), topics and
// life events (人生事件 such as 出生, 上学, 开办企业). Pages that show tags use
// these names; the back office offers exactly these choices.

export const AUDIENCES = {
  gov: '政务',
  citizen: '市民',
  business: '企业',
  investor: '投资者',
  tourist: '游客',
  rural: '三农',
} as const;
export type Audience = keyof typeof AUDIENCES;

/** The audiences as the English pages name them. */
export const AUDIENCES_EN: Record<Audience, string> = {
  gov: 'Government',
  citizen: 'Residents',
  business: 'Businesses',
  investor: 'Investors',
  tourist: 'Visitors',
  rural: 'Rural areas',
};

export const TOPICS = {
  economy: '经济发展',
  'business-environment': '营商环境',
  employment: '就业创业',
  education: '教育',
  health: '医疗卫生',
  'social-security': '社会保障',
  housing: '住房保障',
  transport: '交通出行',
  environment: '生态环境',
  'culture-tourism': '文化旅游',
  agriculture: '农业农村',
  'public-safety': '公共安全',
  'red-culture': '红色文化',
  'government-affairs': '政务公开',
} as const;
export type Topic = keyof typeof TOPICS;

export const LIFE_EVENTS = {
  birth: '出生',
  schooling: '上学',
  employment: '就业',
  marriage: '婚育',
  housing: '住房',
  'starting-business': '开办企业',
  'running-business': '企业经营',
  medical: '就医',
  travel: '出行',
  retirement: '退休养老',
  'after-death': '身后事',
} as const;
export type LifeEvent = keyof typeof LIFE_EVENTS;

export const audienceKeys = Object.keys(AUDIENCES) as Audience[];
export const topicKeys = Object.keys(TOPICS) as Topic[];
export const lifeEventKeys = Object.keys(LIFE_EVENTS) as LifeEvent[];

/** The name of a stored tag, or the slug itself for a tag from elsewhere (imports, older data). */
export function tagName(kind: 'audience' | 'topic' | 'lifeEvent', slug: string): string {
  const table: Record<string, string> =
    kind === 'audience' ? AUDIENCES : kind === 'topic' ? TOPICS : LIFE_EVENTS;
  return table[slug] ?? slug;
}
