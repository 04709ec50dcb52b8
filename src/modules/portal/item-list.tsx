// A list of items as public pages show them: title linking to the item's one
// canonical page (an external-link item links out), its date in Beijing time,
// on any site other than the item's own, where it comes from, and for a policy
// no longer in force, its status (已废止, 已失效, 已修订).
import type { ViewContext } from '../../web/view.ts';
import { externalLink, lapsedValidity, localDate, parseFields } from './format.ts';
import type { ListItem } from './queries.ts';
import { itemPath, type Structure } from './structure.ts';

export interface ItemListProps {
  view: ViewContext;
  structure: Structure;
  /** The site showing the list: items of other sites carry their origin. */
  siteCode: string;
  items: ListItem[];
  /** Mark pinned items (channel lists). */
  showPinned?: boolean;
}

export function ItemList({ view, structure, siteCode, items, showPinned }: ItemListProps) {
  const { t } = view;
  if (items.length === 0) return <p class="empty">{t('portal.empty')}</p>;
  return (
    <ul class="item-list">
      {items.map((item) => {
        const fields = parseFields(item.fields);
        const external = item.type === 'link' ? externalLink(fields) : undefined;
        const href = external ?? itemPath(structure, item);
        if (!href) return null;
        const origin =
          item.site_code !== siteCode ? structure.byCode.get(item.site_code)?.name : undefined;
        const date = localDate(item.published_at);
        // A policy no longer in force stays listed (47号), marked so that
        // nobody follows it by mistake from the list alone.
        const lapsed = lapsedValidity(fields.validity);
        return (
          <li key={item.id}>
            {showPinned && item.pinned === 1 && <span class="pin">{t('portal.pinned')}</span>}
            <a href={href} class="item-title">
              {item.title}
              {external && <span class="external">{t('portal.external')}</span>}
            </a>
            <span class="item-meta">
              {lapsed && <span class="validity">{t(`portal.validity.${lapsed}`)}</span>}
              {fields.docNumber && <span class="doc-number">{fields.docNumber}</span>}
              {origin && <span class="origin">{t('portal.origin', { name: origin })}</span>}
              {date && <time datetime={date}>{date}</time>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** Items of several sources, newest first, each once. */
export function mergeNewest(lists: ListItem[][], limit: number): ListItem[] {
  const seen = new Set<string>();
  const all: ListItem[] = [];
  for (const list of lists) {
    for (const item of list) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      all.push(item);
    }
  }
  return all
    .sort(
      (a, b) =>
        (b.published_at ?? '').localeCompare(a.published_at ?? '') || b.id.localeCompare(a.id),
    )
    .slice(0, limit);
}
