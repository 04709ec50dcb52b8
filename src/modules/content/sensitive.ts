// The wrong and sensitive expressions check (错敏词检查) run before an item is
// submitted for review: an editable dictionary of terms, each either blocking
// submission (severe errors) or warning the editor, with the exact spans.
import type { AppContext } from '../../platform/module.ts';
import { htmlToText } from './sanitize.ts';
import type { SensitiveTermRow } from './tables.ts';

export interface TermHit {
  term: string;
  severity: 'block' | 'warn';
  suggestion: string | null;
  /** Where in the checked field's plain text (code-unit offsets). */
  field: string;
  start: number;
  end: number;
  /** A few characters either side, for the editor. */
  context: string;
}

/** Find every occurrence of every term in the given fields (HTML fields are checked as text). */
export function findTerms(
  terms: readonly SensitiveTermRow[],
  fields: Record<string, string>,
): TermHit[] {
  const hits: TermHit[] = [];
  for (const [field, raw] of Object.entries(fields)) {
    const text = /<[a-z][\s\S]*>/i.test(raw) ? htmlToText(raw) : raw;
    for (const t of terms) {
      if (!t.term) continue;
      for (
        let at = text.indexOf(t.term);
        at !== -1;
        at = text.indexOf(t.term, at + t.term.length)
      ) {
        hits.push({
          term: t.term,
          severity: t.severity,
          suggestion: t.suggestion,
          field,
          start: at,
          end: at + t.term.length,
          context: text.slice(Math.max(0, at - 10), at + t.term.length + 10),
        });
      }
    }
  }
  return hits.sort((a, b) => a.field.localeCompare(b.field) || a.start - b.start);
}

export async function loadTerms(ctx: AppContext): Promise<SensitiveTermRow[]> {
  const cached = ctx.cache.get<SensitiveTermRow[]>('content:sensitive-terms');
  if (cached) return cached;
  const rows = await ctx.db.kysely.selectFrom('sensitive_term').selectAll().execute();
  ctx.cache.set('content:sensitive-terms', rows, ['sensitive-terms']);
  return rows;
}

export async function setTerm(
  ctx: AppContext,
  term: Omit<SensitiveTermRow, 'updated_at'>,
): Promise<void> {
  const row = { ...term, updated_at: ctx.now().toISOString() };
  await ctx.db.kysely
    .insertInto('sensitive_term')
    .values(row)
    .onConflict((oc) =>
      oc.column('term').doUpdateSet({
        severity: row.severity,
        suggestion: row.suggestion,
        note: row.note,
        updated_at: row.updated_at,
      }),
    )
    .execute();
  ctx.cache.invalidateTag('sensitive-terms');
}

export async function removeTerm(ctx: AppContext, term: string): Promise<void> {
  await ctx.db.kysely.deleteFrom('sensitive_term').where('term', '=', term).execute();
  ctx.cache.invalidateTag('sensitive-terms');
}
