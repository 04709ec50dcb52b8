// Message templates, Chinese by default. Variables are {name}; a template
// names the variables it may use and those it must use, so an edit in the
// back office that drops the code from a code SMS, or uses a variable nobody
// fills in, is refused when saved rather than sent blank. An email's text and
// HTML bodies come from the same template text (see html.ts).
import type { Channel } from './tables.ts';

export interface Template {
  channel: Channel;
  /** What the message is, for the back office. */
  title: string;
  /** Email subject (email templates only). */
  subject?: string;
  text: string;
  /** Variables the template may use. */
  variables: readonly string[];
  /** Variables it must use (a code SMS without the code is useless). */
  required: readonly string[];
  /** Codes and security notices: sent at once, through quiet hours and recipient limits. */
  urgent?: boolean;
}

const PUBLICATION_VARS = [
  'title',
  'issuer',
  'url',
  'target',
  'summary',
  'unsubscribe_url',
] as const;
const DIGEST_VARS = ['date', 'count', 'items', 'first_title', 'url', 'unsubscribe_url'] as const;

export const TEMPLATES = {
  'auth.sms_code': {
    channel: 'sms',
    title: '短信验证码',
    text: '【一门】您的验证码是{code}，用于{purpose}，10分钟内有效。请勿泄露给他人。',
    variables: ['code', 'purpose'],
    required: ['code'],
    urgent: true,
  },
  'security.notice': {
    channel: 'sms',
    title: '账号安全提醒',
    text: '【一门】安全提醒：{what}（{time}）。如非本人操作，请立即修改密码并联系管理员。',
    variables: ['what', 'time'],
    required: ['what'],
    urgent: true,
  },
  'reminder.deadline': {
    channel: 'sms',
    title: '办理期限提醒',
    text: '【一门】提醒：{subject}将于{deadline}到期，请及时办理。',
    variables: ['subject', 'deadline'],
    required: ['subject', 'deadline'],
  },
  'letter.replied': {
    channel: 'sms',
    title: '来信答复通知',
    text: '【一门】您的来信（查询码{code}）已有答复，请登录“我的信件”查看并评价。',
    variables: ['code'],
    required: ['code'],
  },
  'letter.supervision': {
    channel: 'sms',
    title: '来信督办提醒',
    text: '【一门】督办提醒：来信“{subject}”（查询码{code}）{reason}，办理期限{deadline}，请立即办理。',
    variables: ['subject', 'code', 'reason', 'deadline'],
    required: ['code', 'reason'],
  },
  'application.status': {
    channel: 'sms',
    title: '网上办事：办件状态变化',
    text: '【一门】您的办件{tracking_no}（{service}）{status}。{note}可登录“我的办件”或在 {url} 查询进度。',
    variables: ['tracking_no', 'service', 'status', 'note', 'url'],
    required: ['tracking_no', 'status'],
  },
  'subscription.publication.sms': {
    channel: 'sms',
    title: '订阅：新发布（短信）',
    text: '【一门】{issuer}发布《{title}》，详见 {url} 回复TD退订',
    variables: PUBLICATION_VARS,
    required: ['title', 'url'],
  },
  'subscription.publication.email': {
    channel: 'email',
    title: '订阅：新发布（邮件）',
    subject: '新发布：{title}',
    text: '{title}\n\n发布机关：{issuer}\n\n{summary}\n\n阅读全文：{url}\n\n您收到这封邮件，是因为您订阅了“{target}”。退订请点击：{unsubscribe_url}',
    variables: PUBLICATION_VARS,
    required: ['title', 'url', 'unsubscribe_url'],
  },
  'subscription.digest.sms': {
    channel: 'sms',
    title: '订阅：每日摘要（短信）',
    text: '【一门】{date}新发布{count}篇，包括《{first_title}》等，详见 {url} 回复TD退订',
    variables: DIGEST_VARS,
    required: ['count', 'url'],
  },
  'subscription.digest.email': {
    channel: 'email',
    title: '订阅：每日摘要（邮件）',
    subject: '{date}订阅摘要：新发布{count}篇',
    text: '{date}您订阅的内容有{count}篇新发布：\n\n{items}\n\n退订请点击：{unsubscribe_url}',
    variables: DIGEST_VARS,
    required: ['items', 'unsubscribe_url'],
  },
  'feedback.answered.sms': {
    channel: 'sms',
    title: '网站找错：处理结果（短信）',
    text: '【一门】您反馈的网站问题（查询码{code}）已处理：{outcome}。详见 {url}',
    variables: ['code', 'outcome', 'url'],
    required: ['code', 'url'],
  },
  'feedback.answered.email': {
    channel: 'email',
    title: '网站找错：处理结果（邮件）',
    subject: '您反馈的网站问题已处理（查询码{code}）',
    text: '您好：\n\n您反馈的网站问题（查询码{code}）已处理：{outcome}。\n\n答复：{answer}\n\n查看处理结果：{url}',
    variables: ['code', 'outcome', 'answer', 'url'],
    required: ['code', 'url'],
  },
} as const satisfies Record<string, Template>;

export type TemplateName = keyof typeof TEMPLATES;

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(TEMPLATES, name);
}

export function isUrgent(name: TemplateName): boolean {
  return (TEMPLATES[name] as Template).urgent === true;
}

/** What an override may replace: the subject (email) and the text. */
export interface TemplateContent {
  subject?: string;
  text: string;
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Problems with one template text, in Chinese; empty when it is fine. */
function textProblems(
  template: Template,
  text: string,
  what: string,
  mustUse: readonly string[],
): string[] {
  const problems: string[] = [];
  if (text.trim() === '') return [`${what}不能为空`];
  const used = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = m[1]!.trim();
    if (!template.variables.includes(name)) {
      const known = template.variables.map((v) => `{${v}}`).join('、');
      problems.push(`${what}中的变量 {${m[1]}} 不存在，可用的变量有：${known}`);
    }
    used.add(name);
  }
  if (/[{}]/.test(text.replace(PLACEHOLDER, ''))) {
    problems.push(`${what}中有不成对的花括号“{”或“}”`);
  }
  for (const name of mustUse) {
    if (!used.has(name)) problems.push(`${what}缺少必需的变量 {${name}}`);
  }
  return problems;
}

/** Field → problem, for the template form; undefined when the content may be saved. */
export function checkTemplate(
  name: TemplateName,
  content: TemplateContent,
): Record<string, string> | undefined {
  const template: Template = TEMPLATES[name];
  const errors: Record<string, string> = {};
  const inSubject = new Set<string>();
  if (template.channel === 'email') {
    const subject = content.subject ?? '';
    const problems = textProblems(template, subject, '邮件标题', []);
    if (subject.length > 200) problems.push('邮件标题不能超过200个字');
    if (/[\r\n]/.test(subject)) problems.push('邮件标题不能换行');
    if (problems.length > 0) errors.subject = problems.join('；');
    for (const m of subject.matchAll(PLACEHOLDER)) inSubject.add(m[1]!.trim());
  }
  // A required variable may sit in the subject instead of the body.
  const required = template.required.filter((v) => !inSubject.has(v));
  const problems = textProblems(template, content.text, '模板正文', required);
  if (content.text.length > 5000) problems.push('模板正文不能超过5000个字');
  if (problems.length > 0) errors.text = problems.join('；');
  return Object.keys(errors).length > 0 ? errors : undefined;
}

/**
 * Fill the placeholders. A required variable the caller did not give is an
 * error rather than a blank; an optional one (say, no summary) becomes empty.
 */
export function fill(
  name: TemplateName,
  text: string,
  params: Readonly<Record<string, string | undefined>>,
): string {
  const template: Template = TEMPLATES[name];
  return text.replace(PLACEHOLDER, (_m, raw: string) => {
    const key = raw.trim();
    const value = params[key];
    if (value !== undefined) return value;
    if (template.required.includes(key) || !template.variables.includes(key)) {
      throw new Error(`template ${name} needs the variable "${key}"`);
    }
    return '';
  });
}

/** The code-defined content of a template. */
export function defaultContent(name: TemplateName): TemplateContent {
  const template: Template = TEMPLATES[name];
  return template.subject === undefined
    ? { text: template.text }
    : { subject: template.subject, text: template.text };
}
