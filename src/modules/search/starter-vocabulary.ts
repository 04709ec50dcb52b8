// The synonym sets and local words a new deployment starts with (`yimen
// seed`); editors change them in the back office. Only sets and words not
// yet present are added.

import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { lexiconChanged } from './lexicon.ts';
import { normalizeText } from './normalize.ts';

export const STARTER_SYNONYMS: readonly string[][] = [
  ['社保', '社会保险'],
  ['公积金', '住房公积金'],
  ['医保', '医疗保险', '基本医疗保险'],
  ['身份证', '居民身份证'],
  ['上学', '入学', '招生入学'],
  ['孩子', '子女', '适龄儿童'],
  ['户口', '户籍'],
  ['驾照', '驾驶证'],
  ['找工作', '就业', '求职'],
  ['退休', '养老'],
  ['停车费', '停车收费', '停放服务收费'],
  ['结婚', '婚姻登记'],
  ['低保', '最低生活保障'],
  ['开公司', '企业开办'],
  ['老人', '老年人'],
  ['买房', '购房', '住房需求'],
  ['鞭炮', '烟花爆竹'],
  ['过年', '春节'],
  ['个体户', '个体工商户'],
];

/** Local names and terms jieba's general dictionary does not hold whole. */
export const STARTER_WORDS: readonly string[] = [
  '遵义',
  '红花岗区',
  '汇川区',
  '播州区',
  '新蒲新区',
  '仁怀',
  '赤水',
  '桐梓',
  '绥阳',
  '湄潭',
  '凤冈',
  '习水',
  '娄山关',
  '海龙屯',
  '土城',
  '四渡赤水',
  '赤水河',
  '好差评',
  '一网通办',
  '跨省通办',
  '医共体',
  '居住证',
  '防溺水',
  '稳岗扩岗',
  '口袋公园',
  '时间银行',
];

export async function insertStarterVocabulary(
  ctx: AppContext,
): Promise<{ sets: number; words: number }> {
  const now = ctx.now().toISOString();
  const existing = new Set(
    (await ctx.db.kysely.selectFrom('search_synonym').select('terms').execute()).map(
      (r) => r.terms,
    ),
  );
  let sets = 0;
  for (const set of STARTER_SYNONYMS) {
    const terms = set.map((t) => normalizeText(t)).join(' ');
    if (existing.has(terms)) continue;
    await ctx.db.kysely
      .insertInto('search_synonym')
      .values({ id: newId(), terms, updated_at: now, updated_by: 'seed' })
      .execute();
    sets += 1;
  }
  const result = await ctx.db.kysely
    .insertInto('search_word')
    .values(
      STARTER_WORDS.map((word) => ({
        word: normalizeText(word),
        updated_at: now,
        updated_by: 'seed',
      })),
    )
    .onConflict((oc) => oc.column('word').doNothing())
    .executeTakeFirst();
  lexiconChanged(ctx);
  return { sets, words: Number(result.numInsertedOrUpdatedRows ?? 0) };
}
