// Message templates, Chinese by default. Variables are {name}; a template
// names the variables it needs so a missing one is an error, not a blank.
export interface Template {
  channel: 'sms' | 'email';
  text: string;
  variables: readonly string[];
}

export const TEMPLATES = {
  'auth.sms_code': {
    channel: 'sms',
    text: '【一门】您的验证码是{code}，用于{purpose}，10分钟内有效。请勿泄露给他人。',
    variables: ['code', 'purpose'],
  },
} as const satisfies Record<string, Template>;

export type TemplateName = keyof typeof TEMPLATES;

export function renderTemplate(name: TemplateName, params: Record<string, string>): string {
  const template: Template = TEMPLATES[name];
  for (const v of template.variables) {
    if (params[v] === undefined) throw new Error(`template ${name} needs the variable "${v}"`);
  }
  return template.text.replace(/\{(\w+)\}/g, (_m, v: string) => params[v] ?? '');
}
