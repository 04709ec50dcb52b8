import { en } from './en.ts';
import { type MessageKey, zhCN } from './zh-CN.ts';

export type { MessageKey };
export type Locale = 'zh-CN' | 'en';
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const catalog: Partial<Record<MessageKey, string>> = locale === 'en' ? en : zhCN;
  return (key, params) => {
    const text = catalog[key] ?? zhCN[key];
    return params
      ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m))
      : text;
  };
}

/** English only where the path says so (/en/…); everything else is Chinese. */
export function localeForPath(path: string): Locale {
  return path === '/en' || path.startsWith('/en/') ? 'en' : 'zh-CN';
}
