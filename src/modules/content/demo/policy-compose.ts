// A policy document (规范性文件) is written once as structured data — its
// number, issuer, dates, sections, background and questions — and becomes up
// to three published items: the document itself, its interpretation (政策解读,
// released with it: 三同步) and, for government rules, the earlier call for
// public comment (征求意见公告).
import { demoOrganisations } from '../../identity/demo-organisations.ts';
import type { ContentFields } from '../tables.ts';
import {
  addDays,
  CN_ORDINALS,
  cnDate,
  type DemoAttachment,
  type DemoItem,
  h2,
  p,
  sealDate,
  table,
  ul,
} from './types.ts';

export interface PolicySection {
  heading: string;
  articles: string[];
}

export interface PolicySpec {
  site: 'party' | 'npc' | 'government' | 'cppcc';
  /** Slug of the document; the interpretation is `<key>-jd`, the consultation `<key>-zqyj`. */
  key: string;
  /** Organisation code whose document prefix numbers it (遵府发, 遵府办发, 遵人社发, …). */
  org: string;
  /** Issuer as printed, when not the organisation's own name (joint documents). */
  issuer?: string;
  year: number;
  number: number;
  /** Full title of the item. */
  title: string;
  /** Name of the rules themselves when the title is 关于印发《…》的通知. */
  issues?: string;
  /** Who approved issuing it (已经…同意); defaults per site. */
  approvedBy?: string;
  /** No interpretation was published (work plans, old documents). */
  noInterpretation?: boolean;
  /** Short name used in the interpretation (以下简称). */
  short: string;
  written: string;
  published: string;
  validity?: 'valid' | 'repealed' | 'expired';
  repealedOn?: string;
  /** Why it was repealed, shown at the top of the document. */
  repealNote?: string;
  audiences: string[];
  topics: string[];
  addressee: string;
  preamble: string;
  /** 'measures' numbers 一、（一）; 'articles' numbers 第一条 through chapters. */
  style?: 'measures' | 'articles';
  sections: PolicySection[];
  table?: { caption: string; head: string[]; rows: string[][] };
  closing: string;
  /** The interpretation. */
  interpTitle?: string;
  background: string;
  highlights: string[];
  who?: string;
  qa: [string, string][];
  /** Also publish the call for public comment (government rules). */
  consult?: boolean;
  /** Name of the draft in the call for comment, when not derived from the title. */
  consultName?: string;
  push?: string[];
  interpPush?: string[];
  attachments?: DemoAttachment[];
  /** Organisation that answers questions, when not the issuer. */
  contactOrg?: string;
}

const APPROVER = {
  government: '市人民政府',
  party: '市委',
  npc: '市人大常委会主任会议',
  cppcc: '市政协主席会议',
} as const;

const ORGS = new Map(demoOrganisations.map((o) => [o.code, o]));

export function org(code: string) {
  const o = ORGS.get(code);
  if (!o) throw new Error(`demo content names unknown organisation ${code}`);
  return o;
}

export function docNumber(spec: Pick<PolicySpec, 'org' | 'year' | 'number'>): string {
  return `${org(spec.org).docPrefix}〔${spec.year}〕${spec.number}号`;
}

const CN_NUM = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–99 in Chinese numerals: 1 → 一, 12 → 十二, 35 → 三十五. */
export function cnNumber(n: number): string {
  if (n < 10) return CN_NUM[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : CN_NUM[tens]}十${CN_NUM[n % 10]}`;
}

function sectionsHtml(spec: PolicySpec): string {
  if (spec.style === 'articles') {
    let n = 0;
    return spec.sections
      .map(
        (s, i) =>
          h2(`第${cnNumber(i + 1)}章　${s.heading}`) +
          s.articles.map((a) => p(`<strong>第${cnNumber(++n)}条</strong>　${a}`)).join(''),
      )
      .join('');
  }
  return spec.sections
    .map(
      (s, i) =>
        h2(`${CN_ORDINALS[i]}、${s.heading}`) +
        (s.articles.length === 1
          ? p(s.articles[0]!)
          : s.articles.map((a, j) => p(`（${CN_ORDINALS[j]}）${a}`)).join('')),
    )
    .join('');
}

function issuerOf(spec: PolicySpec): string {
  return spec.issuer ?? org(spec.org).name;
}

function policyItem(spec: PolicySpec): DemoItem {
  const issuer = issuerOf(spec);
  const number = docNumber(spec);
  const repealed =
    spec.validity === 'repealed' && spec.repealNote ? p(`<strong>${spec.repealNote}</strong>`) : '';
  // 条例 and other adopted texts carry their adoption note instead of an addressee and a signature.
  const adopted = spec.addressee.startsWith('（');
  const head = adopted ? p(spec.addressee) : p(`${spec.addressee}：`);
  const rules = [
    spec.preamble ? p(spec.preamble) : '',
    sectionsHtml(spec),
    spec.table ? table(spec.table.caption, spec.table.head, spec.table.rows) : '',
    spec.closing ? p(spec.closing) : '',
  ].join('');
  const body = spec.issues
    ? repealed +
      head +
      p(
        `《${spec.issues}》已经${spec.approvedBy ?? APPROVER[spec.site]}同意，现印发给你们，请结合实际认真贯彻落实。`,
      ) +
      p(issuer) +
      p(sealDate(spec.written)) +
      p('（此件公开发布）') +
      h2(spec.issues) +
      rules
    : repealed + head + rules + (adopted ? '' : p(issuer) + p(sealDate(spec.written)));
  const fields: ContentFields = {
    docNumber: number,
    issuer,
    writtenOn: spec.written,
    validity: spec.validity ?? 'valid',
    ...(spec.repealedOn ? { repealedOn: spec.repealedOn } : {}),
  };
  return {
    site: spec.site,
    channel: 'policies',
    type: 'policy',
    slug: spec.key,
    title: spec.title,
    summary: spec.highlights[0]?.replace(/<[^>]+>/g, ''),
    body,
    date: spec.published,
    audiences: spec.audiences,
    topics: spec.topics,
    fields,
    org: spec.org,
    push: spec.push,
    attachments: spec.attachments,
  };
}

function interpretationItem(spec: PolicySpec): DemoItem {
  const name = spec.issues ?? spec.title.replace(/^.*?关于/, '关于');
  const contact = org(spec.contactOrg ?? spec.org);
  const count = spec.sections.reduce((n, s) => n + s.articles.length, 0);
  const verb = spec.addressee.startsWith('（') ? '公布' : '印发';
  const body = [
    p(
      `${cnDate(spec.published)}，${issuerOf(spec)}${verb}《${name}》（${docNumber(spec)}，以下简称《${spec.short}》）。为便于社会各界准确理解和用好政策，现将有关内容解读如下。`,
    ),
    h2('一、出台背景'),
    p(spec.background),
    h2('二、主要内容'),
    p(
      spec.style === 'articles'
        ? `《${spec.short}》共${cnNumber(spec.sections.length)}章${cnNumber(count)}条，重点有以下几个方面：`
        : `《${spec.short}》共${cnNumber(spec.sections.length)}个部分，重点有以下几个方面：`,
    ),
    ul(spec.highlights),
    spec.who ? h2('三、适用对象和办理渠道') + p(spec.who) : '',
    h2(`${spec.who ? '四' : '三'}、常见问题`),
    spec.qa.map(([q, a]) => p(`<strong>问：${q}</strong>`) + p(`答：${a}`)).join(''),
    p(`解读机关：${contact.name}　咨询电话：${contact.phone}`),
  ].join('');
  return {
    site: spec.site,
    channel: 'interpretations',
    type: 'interpretation',
    slug: `${spec.key}-jd`,
    title: spec.interpTitle ?? `《${spec.issues ?? spec.title}》政策解读`,
    summary: `${spec.short}出台背景、主要内容和常见问题解答。`,
    body,
    date: addDays(spec.published, spec.site === 'government' ? 1 : 0),
    audiences: spec.audiences,
    topics: spec.topics,
    org: spec.contactOrg ?? spec.org,
    interprets: spec.key,
    push: spec.interpPush,
  };
}

function consultationItem(spec: PolicySpec): DemoItem {
  // The department that drafted it asks for comments (the government issues it).
  const o = org(spec.contactOrg ?? spec.org);
  const name =
    spec.consultName ??
    (spec.issues ?? spec.title.replace(/^.*?关于/, '关于')).replace(/的通知$/, '');
  const purpose = /^(为.*?)，(?:结合|制定|现|根据|经)/.exec(spec.preamble)?.[1] ?? '为做好相关工作';
  const start = addDays(spec.written, -58);
  const end = addDays(start, 30);
  const body = [
    p(
      `${purpose}，${o.name}起草了《${name}（征求意见稿）》。为增强政策制定的透明度和科学性，现向社会公开征求意见。`,
    ),
    p(`征求意见时间为${cnDate(start)}至${cnDate(end)}。公众可以通过以下方式提出意见建议：`),
    ul([
      '登录遵义市人民政府门户网站“互动交流—意见征集”栏目，在线填写意见；',
      `信函寄送至遵义市新蒲新区市级行政中心${o.name}，邮政编码563000，请在信封上注明“意见征集”字样；`,
      `电话反馈：${o.phone}（工作日9:00—12:00，14:00—17:30）。`,
    ]),
    p(
      '请在意见中写明具体条款、修改建议和理由。起草单位将认真研究各方面意见，并在文件正式印发时一并公布意见采纳情况。',
    ),
    p(`附件：${name}（征求意见稿）`),
    p(o.name),
    p(cnDate(start)),
  ].join('');
  return {
    site: spec.site,
    channel: 'notices',
    type: 'notice',
    slug: `${spec.key}-zqyj`,
    title: `关于公开征求《${name}（征求意见稿）》意见的公告`,
    body,
    date: start,
    audiences: [...new Set(['gov', ...spec.audiences])],
    topics: spec.topics,
    org: spec.contactOrg ?? spec.org,
  };
}

export function composePolicy(spec: PolicySpec): DemoItem[] {
  const items = [policyItem(spec)];
  if (!spec.noInterpretation) items.push(interpretationItem(spec));
  if (spec.consult) items.push(consultationItem(spec));
  return items;
}
