// 一件事 bundles: one life event that needs several services, offered as one
// guide with one materials list. Two services ask for the same material when
// their materials carry the same `key` (ServiceMaterial.key); the merged list
// asks for it once, in the strictest form any of them needs (an original
// beats a copy, the most copies wins, mandatory beats conditional).
import { badRequest, forbidden, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { cleanLine, cleanText } from '../../platform/text.ts';
import type { Reviewer } from '../content/review.ts';
import { audit } from '../identity/audit-events.ts';
import { can } from '../identity/permissions.ts';
import { CODE_PATTERN, liveGuide, type ServiceGuide } from './catalog.ts';
import { serviceTags } from './changes.ts';
import type { ServiceBundleRow, ServiceMaterial } from './tables.ts';
import { isTag } from './taxonomy.ts';

export interface MergedMaterial extends Omit<ServiceMaterial, 'condition' | 'note'> {
  /** The conditions under which a conditional material is needed, one per service asking. */
  conditions: string[];
  notes: string[];
  /** The services that need it, in the bundle's order. */
  neededBy: { code: string; name: string }[];
}

const FORM_STRENGTH: Record<ServiceMaterial['form'], number> = {
  copy: 0,
  original: 1,
  original_and_copy: 2,
};

function strongerForm(a: ServiceMaterial['form'], b: ServiceMaterial['form']) {
  if (a === b) return a;
  // An original and a copy asked by different services: bring both.
  if (FORM_STRENGTH[a] + FORM_STRENGTH[b] === 1) return 'original_and_copy';
  return FORM_STRENGTH[a] >= FORM_STRENGTH[b] ? a : b;
}

/** One list for the whole bundle, each material once, in order of first appearance. */
export function mergeMaterials(
  services: readonly Pick<ServiceGuide, 'code' | 'name' | 'materials'>[],
): MergedMaterial[] {
  const merged = new Map<string, MergedMaterial>();
  for (const s of services) {
    for (const m of s.materials) {
      const by = { code: s.code, name: s.name };
      const seen = merged.get(m.key);
      if (!seen) {
        const { condition, note, ...rest } = m;
        merged.set(m.key, {
          ...rest,
          conditions: condition ? [condition] : [],
          notes: note ? [note] : [],
          neededBy: [by],
        });
        continue;
      }
      seen.form = strongerForm(seen.form, m.form);
      seen.copies = Math.max(seen.copies, m.copies);
      if (m.requirement === 'mandatory') {
        seen.requirement = 'mandatory';
        seen.conditions = [];
      } else if (seen.requirement === 'conditional' && m.condition) {
        if (!seen.conditions.includes(m.condition)) seen.conditions.push(m.condition);
      }
      if (m.note && !seen.notes.includes(m.note)) seen.notes.push(m.note);
      seen.sample ??= m.sample;
      seen.blank ??= m.blank;
      if (!seen.neededBy.some((b) => b.code === s.code)) seen.neededBy.push(by);
    }
  }
  return [...merged.values()];
}

export interface BundleView {
  bundle: ServiceBundleRow;
  services: ServiceGuide[];
  materials: MergedMaterial[];
}

/** A published bundle with its published services, or undefined. */
export async function publishedBundle(
  ctx: AppContext,
  code: string,
): Promise<BundleView | undefined> {
  const bundle = await ctx.db.kysely
    .selectFrom('service_bundles')
    .selectAll()
    .where('code', '=', code)
    .where('status', '=', 'published')
    .executeTakeFirst();
  if (!bundle) return undefined;
  const rows = await ctx.db.kysely
    .selectFrom('service_bundle_items')
    .innerJoin('service_items', 'service_items.id', 'service_bundle_items.service_id')
    .selectAll('service_items')
    .where('service_bundle_items.bundle_id', '=', bundle.id)
    .where('service_items.status', '=', 'published')
    .orderBy('service_bundle_items.position')
    .execute();
  const services = rows.map(liveGuide);
  return { bundle, services, materials: mergeMaterials(services) };
}

export async function listPublishedBundles(ctx: AppContext): Promise<ServiceBundleRow[]> {
  return ctx.db.kysely
    .selectFrom('service_bundles')
    .selectAll()
    .where('status', '=', 'published')
    .orderBy('code')
    .execute();
}

export interface BundleInput {
  code: string;
  name: string;
  summary: string;
  lifeEvent: string;
  orgId: string;
  /** Service codes in the order the bundle lists them. */
  serviceCodes: string[];
  publish: boolean;
}

/**
 * Create or replace a bundle (matched by code), by staff who manage services
 * of the coordinating organisation.
 */
export async function saveBundle(
  ctx: AppContext,
  raw: BundleInput,
  editor: Reviewer,
): Promise<ServiceBundleRow> {
  const code = cleanLine(raw.code).toUpperCase();
  const name = cleanLine(raw.name);
  const errors: Record<string, string> = {};
  if (!/^YJS-[0-9]{3,4}$/.test(code)) errors.code = '一件事编码格式应如 YJS-001';
  if (!name || name.length > 200) errors.name = '请填写不超过 200 个字符的名称';
  if (!isTag('lifeEvent', raw.lifeEvent) && !isTag('stage', raw.lifeEvent))
    errors.lifeEvent = '请选择人生事件或企业生命周期阶段';
  const codes = [...new Set(raw.serviceCodes.map((c) => cleanLine(c).toUpperCase()))];
  if (codes.length < 2 || codes.some((c) => !CODE_PATTERN.test(c)))
    errors.serviceCodes = '一件事至少包含两个事项，编码格式如 GA-001';
  if (Object.keys(errors).length > 0) throw badRequest('一件事填写有误', errors);
  if (!can(editor.grants, 'service.manage', `org:${raw.orgId}`))
    throw forbidden('您没有管理该机构一件事的权限');
  const services = await ctx.db.kysely
    .selectFrom('service_items')
    .select(['id', 'code'])
    .where('code', 'in', codes)
    .execute();
  const missing = codes.filter((c) => !services.some((s) => s.code === c));
  if (missing.length > 0)
    throw badRequest('一件事包含不存在的事项', { serviceCodes: `不存在：${missing.join('、')}` });
  const now = ctx.now().toISOString();
  const existing = await ctx.db.kysely
    .selectFrom('service_bundles')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst();
  if (existing && !can(editor.grants, 'service.manage', `org:${existing.org_id}`)) throw notFound();
  const id = existing?.id ?? newId();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const values = {
      name,
      summary: cleanText(raw.summary).slice(0, 1000),
      life_event: raw.lifeEvent,
      org_id: raw.orgId,
      status: raw.publish ? ('published' as const) : ('draft' as const),
      updated_at: now,
      published_at: raw.publish
        ? (existing?.published_at ?? now)
        : (existing?.published_at ?? null),
    };
    if (existing)
      await trx.updateTable('service_bundles').set(values).where('id', '=', id).execute();
    else
      await trx
        .insertInto('service_bundles')
        .values({ id, code, created_at: now, ...values })
        .execute();
    await trx.deleteFrom('service_bundle_items').where('bundle_id', '=', id).execute();
    await trx
      .insertInto('service_bundle_items')
      .values(
        codes.map((c, position) => ({
          bundle_id: id,
          service_id: services.find((s) => s.code === c)?.id as string,
          position,
        })),
      )
      .execute();
    await audit(ctx, trx, {
      actor: editor,
      action: existing ? 'service.bundle.update' : 'service.bundle.create',
      targetType: 'service_bundle',
      targetId: id,
      outcome: 'success',
      detail: { code, services: codes, published: raw.publish },
    });
  });
  ctx.cache.invalidateTag(serviceTags.catalog);
  return ctx.db.kysely
    .selectFrom('service_bundles')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}
