// One template text gives every body of a message: the SMS text, or an
// email's subject, plain-text part and HTML part. The HTML is the same text,
// escaped, with paragraphs, line breaks and http(s) links made clickable, so
// the two parts of an email can never say different things.
import { escapeHtml } from '../../platform/text.ts';
import {
  defaultContent,
  fill,
  TEMPLATES,
  type TemplateContent,
  type TemplateName,
} from './templates.ts';

export interface Rendered {
  text: string;
  /** Email only. */
  subject?: string;
  html?: string;
}

const LINK = /https?:\/\/[^\s<>"'，。；、）)]+/g;

function paragraphHtml(paragraph: string): string {
  let out = '';
  let last = 0;
  for (const m of paragraph.matchAll(LINK)) {
    out += escapeHtml(paragraph.slice(last, m.index));
    const url = escapeHtml(m[0]);
    out += `<a href="${url}">${url}</a>`;
    last = m.index + m[0].length;
  }
  out += escapeHtml(paragraph.slice(last));
  return `<p>${out.replace(/\n/g, '<br>\n')}</p>`;
}

/** The HTML part of an email whose plain-text part is `text`. */
export function textToHtml(text: string, title: string): string {
  const body = text
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map(paragraphHtml)
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family: sans-serif; line-height: 1.6; max-width: 40em">
${body}
</body></html>`;
}

export function render(
  name: TemplateName,
  params: Readonly<Record<string, string | undefined>>,
  content: TemplateContent = defaultContent(name),
): Rendered {
  const text = fill(name, content.text, params);
  if (TEMPLATES[name].channel !== 'email') return { text };
  // A header cannot carry a line break: fold any that a value brought in.
  const subject = fill(name, content.subject ?? '', params).replace(/\s*[\r\n]+\s*/g, ' ');
  return { text, subject, html: textToHtml(text, subject) };
}
