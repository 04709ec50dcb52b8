// Pieces of an item page: the policy metadata table (文号, 发布机构, 成文日期,
// 发布日期, 有效性, 废止日期), the mark on a policy no longer in force, the
// attachment list, and lists of linked and related items.
import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../../web/i18n/index.ts';
import type { ViewContext } from '../../web/view.ts';
import type { ContentFields } from '../content/tables.ts';
import { fileKind, fileSize, lapsedValidity, localDate } from './format.ts';
import { ItemList } from './item-list.tsx';
import type { AttachmentView, ListItem } from './queries.ts';
import type { Structure } from './structure.ts';

export interface PolicyMetaProps {
  view: ViewContext;
  fields: ContentFields;
  issuer: string;
  publishedAt: string | null;
}

export function PolicyMeta({ view, fields, issuer, publishedAt }: PolicyMetaProps) {
  const { t } = view;
  const rows: [MessageKey, ComponentChildren][] = [
    ['portal.item.docNumber', fields.docNumber],
    ['portal.item.issuer', issuer],
    ['portal.item.writtenOn', fields.writtenOn],
    ['portal.item.publishedOn', localDate(publishedAt)],
    ['portal.item.validity', fields.validity && t(`portal.validity.${fields.validity}`)],
    ['portal.item.repealedOn', fields.repealedOn],
  ];
  return (
    <table class="table meta-table">
      <caption>{t('portal.item.meta')}</caption>
      <tbody>
        {rows
          .filter(([, value]) => value)
          .map(([key, value]) => (
            <tr key={key}>
              <th scope="row">{t(key)}</th>
              <td>{value}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}

/** 47号: a document amended, repealed or expired keeps its page, visibly marked. */
export function ValidityNotice({ view, fields }: { view: ViewContext; fields: ContentFields }) {
  const lapsed = lapsedValidity(fields.validity);
  if (!lapsed) return null;
  const status = view.t(`portal.validity.${lapsed}`);
  return (
    <p class="notice validity-notice">
      {view.t('portal.item.notValid', { status })}
      {fields.repealedOn &&
        ` ${view.t('portal.item.repealedOn')}${view.t('site.colon')}${fields.repealedOn}`}
    </p>
  );
}

/** `/files/{sha256}/{name}`: the name is only for the person saving the file. */
export function fileHref(a: Pick<AttachmentView, 'sha256' | 'name'>): string {
  return `/files/${a.sha256}/${encodeURIComponent(a.name)}`;
}

export function Attachments({ view, files }: { view: ViewContext; files: AttachmentView[] }) {
  if (files.length === 0) return null;
  const { t } = view;
  return (
    <section class="section attachments" aria-labelledby="attachments">
      <h2 id="attachments">{t('portal.item.attachments')}</h2>
      <ul>
        {files.map((f) => (
          <li key={f.sha256}>
            <a href={fileHref(f)}>
              {t('portal.item.attachment', {
                name: f.name,
                kind: fileKind(f.mime, f.name),
                size: fileSize(f.size),
              })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export interface ItemsSectionProps {
  view: ViewContext;
  structure: Structure;
  siteCode: string;
  id: string;
  title: string;
  items: ListItem[];
}

export function ItemsSection({ view, structure, siteCode, id, title, items }: ItemsSectionProps) {
  if (items.length === 0) return null;
  return (
    <section class="section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ItemList view={view} structure={structure} siteCode={siteCode} items={items} />
    </section>
  );
}
