// Seeds the demo catalog: every guide published (the demo stands for a
// catalog that went through review long ago), and the 一件事 bundles.
// Idempotent: a guide or bundle whose code exists is left as it is.

import { newId } from '../../../platform/ids.ts';
import type { AppContext } from '../../../platform/module.ts';
import { cleanServiceInput, inputColumns } from '../catalog.ts';
import { queueIndexUpdate, serviceTags } from '../changes.ts';
import { demoBundles } from './bundles.ts';
import { demoServices } from './catalog.ts';
import { expand, type OrgInfo } from './spec.ts';

const SEED_AUTHOR = 'demo-seed';
const BUNDLE_ORG = 'government-services';

async function organisationsByCode(ctx: AppContext): Promise<Map<string, OrgInfo>> {
  const rows = await ctx.db.kysely
    .selectFrom('organisation')
    .select(['id', 'code', 'name', 'phone'])
    .execute();
  return new Map(rows.map((r) => [r.code, r]));
}

export async function seedDemoServices(
  ctx: AppContext,
  progress: (line: string) => void,
): Promise<void> {
  const orgs = await organisationsByCode(ctx);
  const existing = new Set(
    (await ctx.db.kysely.selectFrom('service_items').select('code').execute()).map((r) => r.code),
  );
  const now = ctx.now().toISOString();
  let added = 0;
  let skipped = 0;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    for (const spec of demoServices) {
      const org = orgs.get(spec.org);
      if (existing.has(spec.code) || !org) {
        skipped++;
        continue;
      }
      const id = newId();
      await trx
        .insertInto('service_items')
        .values({
          id,
          ...inputColumns(cleanServiceInput(expand(spec, org))),
          status: 'published',
          review_level: 0,
          pending: null,
          author_id: SEED_AUTHOR,
          created_at: now,
          updated_at: now,
          published_at: now,
        })
        .execute();
      await queueIndexUpdate(ctx, { id }, trx);
      added++;
    }
  });
  progress(`service guides: ${added} added, ${skipped} already present or without organisation`);

  const bundleOrg = orgs.get(BUNDLE_ORG);
  if (!bundleOrg) return progress('service bundles: skipped (no government services bureau)');
  const services = new Map(
    (await ctx.db.kysely.selectFrom('service_items').select(['id', 'code']).execute()).map((r) => [
      r.code,
      r.id,
    ]),
  );
  let bundles = 0;
  for (const b of demoBundles) {
    const found = await ctx.db.kysely
      .selectFrom('service_bundles')
      .select('id')
      .where('code', '=', b.code)
      .executeTakeFirst();
    const ids = b.services.map((c) => services.get(c));
    if (found || ids.some((id) => id === undefined)) continue;
    await ctx.db.kysely.transaction().execute(async (trx) => {
      const id = newId();
      await trx
        .insertInto('service_bundles')
        .values({
          id,
          code: b.code,
          name: b.name,
          summary: b.summary,
          life_event: b.lifeEvent,
          org_id: bundleOrg.id,
          status: 'published',
          created_at: now,
          updated_at: now,
          published_at: now,
        })
        .execute();
      await trx
        .insertInto('service_bundle_items')
        .values(
          ids.map((serviceId, position) => ({
            bundle_id: id,
            service_id: serviceId as string,
            position,
          })),
        )
        .execute();
    });
    bundles++;
  }
  progress(`service bundles: ${bundles} added`);
  ctx.cache.invalidateTag(serviceTags.catalog);
}
