// Editors' tools over the index: synonym sets, custom dictionary words and
// best bets. Every change is audited in the same transaction.

import { badRequest, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { type Actor, audit } from '../identity/audit-events.ts';
import { lexiconChanged } from './lexicon.ts';
import { normalizeText } from './normalize.ts';
import { queryKey } from './query-plan.ts';

const TERM = /^[\p{L}\p{N}]{1,30}$/u;

/** Split an editor's list (spaces, commas, slashes, 、 or ；) into normalised terms. */
export function parseTerms(text: string): string[] {
  const terms = normalizeText(text)
    .split(/[\s,，、/／;；|]+/)
    .map((t) => t.trim())
    .filter(Boolean);
  return [...new Set(terms)];
}

export async function addSynonymSet(ctx: AppContext, text: string, who: Actor): Promise<string> {
  const terms = parseTerms(text);
  if (terms.length < 2 || terms.length > 10)
    throw badRequest('同义词组须包含 2 至 10 个词', {
      terms: '请填写 2 至 10 个词，用空格或顿号分隔',
    });
  const bad = terms.find((t) => !TERM.test(t));
  if (bad)
    throw badRequest(`“${bad}”不是有效的词语`, { terms: '每个词只能包含文字和数字，最多 30 个字' });
  const id = newId();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('search_synonym')
      .values({
        id,
        terms: terms.join(' '),
        updated_at: ctx.now().toISOString(),
        updated_by: who.name,
      })
      .execute();
    await audit(ctx, trx, {
      actor: who,
      action: 'search.synonym.add',
      targetType: 'search_synonym',
      targetId: id,
      outcome: 'success',
      detail: { terms },
    });
  });
  lexiconChanged(ctx);
  return id;
}

export async function removeSynonymSet(ctx: AppContext, id: string, who: Actor): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('search_synonym')
      .where('id', '=', id)
      .returning('terms')
      .executeTakeFirst();
    if (!row) throw notFound('该同义词组不存在');
    await audit(ctx, trx, {
      actor: who,
      action: 'search.synonym.remove',
      targetType: 'search_synonym',
      targetId: id,
      outcome: 'success',
      detail: { terms: row.terms.split(' ') },
    });
  });
  lexiconChanged(ctx);
}

export async function addWord(ctx: AppContext, text: string, who: Actor): Promise<string> {
  const word = normalizeText(text).trim();
  if (!TERM.test(word) || [...word].length < 2)
    throw badRequest('词语须为 2 至 30 个文字或数字', { word: '只能包含文字和数字，2 至 30 个字' });
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('search_word')
      .values({ word, updated_at: ctx.now().toISOString(), updated_by: who.name })
      .onConflict((oc) => oc.column('word').doNothing())
      .execute();
    await audit(ctx, trx, {
      actor: who,
      action: 'search.word.add',
      targetType: 'search_word',
      targetId: word,
      outcome: 'success',
    });
  });
  lexiconChanged(ctx);
  return word;
}

export async function removeWord(ctx: AppContext, word: string, who: Actor): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const res = await trx.deleteFrom('search_word').where('word', '=', word).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw notFound('该词语不在词典中');
    await audit(ctx, trx, {
      actor: who,
      action: 'search.word.remove',
      targetType: 'search_word',
      targetId: word,
      outcome: 'success',
    });
  });
  lexiconChanged(ctx);
}

/** Pin an indexed document (found by its public URL) to a query. */
export async function addBestBet(
  ctx: AppContext,
  input: { query: string; url: string; position?: number },
  who: Actor,
): Promise<string> {
  const query = queryKey(input.query);
  if (!query) throw badRequest('请填写搜索词', { query: '请填写搜索词' });
  const doc = await ctx.db.kysely
    .selectFrom('search_document')
    .select(['source', 'source_id', 'title'])
    .where('url', '=', input.url.trim())
    .executeTakeFirst();
  if (!doc)
    throw badRequest('该网址不是已收录的公开页面', {
      url: '请填写已发布页面的站内地址，如 /citizens/news/xxx.html',
    });
  const id = newId();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('search_best_bet')
      .values({
        id,
        query,
        source: doc.source,
        source_id: doc.source_id,
        position: input.position ?? 1,
        created_at: ctx.now().toISOString(),
        created_by: who.name,
      })
      .onConflict((oc) =>
        oc.columns(['query', 'source', 'source_id']).doUpdateSet({ position: input.position ?? 1 }),
      )
      .execute();
    await audit(ctx, trx, {
      actor: who,
      action: 'search.bestbet.add',
      targetType: 'search_best_bet',
      targetId: id,
      outcome: 'success',
      detail: { query, url: input.url, title: doc.title },
    });
  });
  return id;
}

export async function removeBestBet(ctx: AppContext, id: string, who: Actor): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('search_best_bet')
      .where('id', '=', id)
      .returning(['query', 'source', 'source_id'])
      .executeTakeFirst();
    if (!row) throw notFound('该推荐结果不存在');
    await audit(ctx, trx, {
      actor: who,
      action: 'search.bestbet.remove',
      targetType: 'search_best_bet',
      targetId: id,
      outcome: 'success',
      detail: row,
    });
  });
}

export async function listVocabulary(ctx: AppContext) {
  const db = ctx.db.kysely;
  const [synonyms, words, bets] = await Promise.all([
    db.selectFrom('search_synonym').selectAll().orderBy('terms').execute(),
    db.selectFrom('search_word').selectAll().orderBy('word').execute(),
    db
      .selectFrom('search_best_bet as b')
      .leftJoin('search_document as d', (j) =>
        j.onRef('d.source', '=', 'b.source').onRef('d.source_id', '=', 'b.source_id'),
      )
      .select(['b.id', 'b.query', 'b.position', 'b.created_by', 'd.title', 'd.url'])
      .orderBy('b.query')
      .orderBy('b.position')
      .execute(),
  ]);
  return { synonyms, words, bets };
}
