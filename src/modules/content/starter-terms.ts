// A starter dictionary for the wrong and sensitive expressions check, loaded
// by `yimen seed` where missing (an administrator's changes are never
// overwritten). Severe entries block submission; the others warn with the
// suggested wording. Administrators extend it at /admin/content/terms.
import type { AppContext } from '../../platform/module.ts';
import type { SensitiveTermRow } from './tables.ts';

type Entry = Omit<SensitiveTermRow, 'updated_at'>;

const w = (term: string, suggestion: string, note: string): Entry => ({
  term,
  severity: 'warn',
  suggestion,
  note,
});
const b = (term: string, suggestion: string, note: string): Entry => ({
  term,
  severity: 'block',
  suggestion,
  note,
});

export const STARTER_TERMS: readonly Entry[] = [
  // Common misspellings and non-standard forms (《通用规范汉字表》, 出版物用字规范).
  w('截止', '截至', '表示“到某时为止（尚未结束）”时应写“截至”；“截止日期”等用法不必修改'),
  w('其它', '其他', '规范用字统一为“其他”'),
  w('按装', '安装', '错别字'),
  w('既使', '即使', '错别字'),
  w('部份', '部分', '错别字'),
  w('再接再励', '再接再厉', '错别字'),
  w('按步就班', '按部就班', '错别字'),
  w('帐户', '账户', '与财务有关时用“账”'),
  w('做为', '作为', '错别字'),
  // Outdated official names (机构改革后已更名).
  w('国家工商行政管理总局', '国家市场监督管理总局', '2018 年机构改革后已撤销'),
  w('卫生和计划生育委员会', '卫生健康委员会', '2018 年机构改革后已更名'),
  w('国土资源局', '自然资源局', '机构改革后已更名'),
  w('环境保护局', '生态环境局', '机构改革后已更名'),
  // Severe errors: wrong official names and political expressions.
  b('遵义市人民政府办公厅', '遵义市人民政府办公室', '机构名称错误：地级市政府设办公室'),
  b('遵义市政协委员会', '政协遵义市委员会', '机构名称错误：政协地方委员会的规范名称'),
  b('一带一路战略', '“一带一路”倡议', '规范表述为“倡议”，不使用“战略”'),
  b('台湾政府', '台湾当局', '严重政治性差错'),
  b('中港两地', '内地与香港', '严重政治性差错：不使用“中港”并称'),
];

/** Insert the starter entries that are missing; returns how many were added. */
export async function insertMissingTerms(ctx: AppContext): Promise<number> {
  const existing = new Set(
    (await ctx.db.kysely.selectFrom('sensitive_term').select('term').execute()).map((r) => r.term),
  );
  const now = ctx.now().toISOString();
  let added = 0;
  for (const entry of STARTER_TERMS) {
    if (existing.has(entry.term)) continue;
    await ctx.db.kysely
      .insertInto('sensitive_term')
      .values({ ...entry, updated_at: now })
      .onConflict((oc) => oc.column('term').doNothing())
      .execute();
    added++;
  }
  if (added > 0) ctx.cache.invalidateTag('sensitive-terms');
  return added;
}
