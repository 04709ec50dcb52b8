// Policy ↔ interpretation (政策 ↔ 解读): an interpretation names the policy
// it explains; the policy's page lists its interpretations, both ways.
import { badRequest } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/module.ts';
import { getItem } from './items.ts';

/** The policy an interpretation explains, or undefined. */
export async function policyOf(ctx: AppContext, interpretationId: string) {
  const row = await ctx.db.kysely
    .selectFrom('content_link')
    .select('policy_id')
    .where('interpretation_id', '=', interpretationId)
    .executeTakeFirst();
  return row?.policy_id;
}

/** The interpretations linked to a policy. */
export async function interpretationsOf(ctx: AppContext, policyId: string): Promise<string[]> {
  const rows = await ctx.db.kysely
    .selectFrom('content_link')
    .select('interpretation_id')
    .where('policy_id', '=', policyId)
    .execute();
  return rows.map((r) => r.interpretation_id);
}

/** Link an interpretation to one policy (replacing any earlier link), or unlink it with null. */
export async function linkInterpretation(
  ctx: AppContext,
  interpretationId: string,
  policyId: string | null,
): Promise<void> {
  const interpretation = await getItem(ctx, interpretationId);
  if (interpretation.type !== 'interpretation')
    throw badRequest('只有政策解读可以关联政策文件', { policy: '该稿件不是政策解读' });
  if (policyId) {
    const policy = await getItem(ctx, policyId).catch(() => undefined);
    if (policy?.type !== 'policy')
      throw badRequest('所选政策文件不存在', { policy: '请选择一份政策文件' });
  }
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('content_link')
      .where('interpretation_id', '=', interpretationId)
      .execute();
    if (policyId)
      await trx
        .insertInto('content_link')
        .values({ policy_id: policyId, interpretation_id: interpretationId })
        .execute();
  });
}

/** Policies an editor may link to: every policy, newest first, with their working titles. */
export async function policyChoices(ctx: AppContext, limit = 200) {
  return ctx.db.kysely
    .selectFrom('content_item as i')
    .innerJoin('content_revision as r', (j) =>
      j.onRef('r.item_id', '=', 'i.id').onRef('r.number', '=', 'i.working_revision'),
    )
    .select(['i.id', 'i.site_code', 'r.title'])
    .where('i.type', '=', 'policy')
    .orderBy('i.created_at', 'desc')
    .limit(limit)
    .execute();
}
