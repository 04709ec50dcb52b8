// Shared by the application tests: the demo organisations, a few published
// services with online forms (and the 新生儿出生 bundle), citizens, and
// handlers of one department or another.
import { createHash } from 'node:crypto';
import { newId, randomToken } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import {
  bootstrapRole,
  createStaff,
  grantRole,
  grantsOf,
  insertAccount,
} from '../identity/accounts.ts';
import { demoOrganisations } from '../identity/demo-organisations.ts';
import { insertMissingOrganisations } from '../identity/organisations.ts';
import type { Role } from '../identity/permissions.ts';
import { idNumberCheckChar } from '../identity/validators.ts';
import { onlineBundle, onlineService } from './catalog.ts';
import { DEMO_FORMS } from './demo/forms.ts';
import { bundleForm, formOf, saveForm } from './forms.ts';
import type { CaseActor } from './handling.ts';
import type { Applicant, Target, UploadedMaterial } from './submission.ts';

const SETUP = { id: null, name: 'test-setup' };

/** [code, name, department code, promised working days] */
export const FIXTURE_SERVICES: [string, string, string, number][] = [
  ['GA-001', '新生儿出生登记（落户）', 'public-security', 5],
  ['GA-006', '无犯罪记录证明开具', 'public-security', 3],
  ['YB-001', '城乡居民基本医疗保险参保登记', 'medical-insurance', 10],
  ['RS-001', '社会保障卡申领', 'hrss', 10],
];

export interface Fixture {
  orgs: Record<string, string>;
  security: CaseActor;
}

async function insertService(
  ctx: AppContext,
  orgId: string,
  row: [string, string, string, number],
) {
  const now = ctx.now().toISOString();
  await ctx.db.kysely
    .insertInto('service_items')
    .values({
      id: newId(),
      code: row[0],
      name: row[1],
      type: '行政确认',
      org_id: orgId,
      status: 'published',
      online_depth: 'apply',
      promised_days: row[3],
      statutory_days: 20,
      author_id: 'test',
      created_at: now,
      updated_at: now,
      published_at: now,
    } as never)
    .execute();
  return ctx.db.kysely
    .selectFrom('service_items')
    .select('id')
    .where('code', '=', row[0])
    .executeTakeFirstOrThrow();
}

/** Organisations, services GA-001/GA-006/YB-001/RS-001 with forms, bundle YJS-001. */
export async function setupCatalog(ctx: AppContext): Promise<Fixture> {
  await insertMissingOrganisations(ctx.db, demoOrganisations);
  const rows = await ctx.db.kysely.selectFrom('organisation').select(['id', 'code']).execute();
  const orgs = Object.fromEntries(rows.map((r) => [r.code, r.id]));
  const ids: string[] = [];
  for (const s of FIXTURE_SERVICES) {
    ids.push((await insertService(ctx, orgs[s[2]]!, s)).id);
    await saveForm(ctx, s[0], DEMO_FORMS[s[0]], SETUP);
  }
  const bundleId = newId();
  const now = ctx.now().toISOString();
  await ctx.db.kysely
    .insertInto('service_bundles')
    .values({
      id: bundleId,
      code: 'YJS-001',
      name: '新生儿出生一件事',
      summary: '',
      life_event: 'birth',
      org_id: orgs['government-services']!,
      status: 'published',
      created_at: now,
      updated_at: now,
      published_at: now,
    })
    .execute();
  for (const [i, code] of ['GA-001', 'YB-001', 'RS-001'].entries()) {
    const id = ids[FIXTURE_SERVICES.findIndex((s) => s[0] === code)]!;
    await ctx.db.kysely
      .insertInto('service_bundle_items')
      .values({ bundle_id: bundleId, service_id: id, position: i + 1 })
      .execute();
  }
  const { account } = await createStaff(
    ctx,
    { username: 'root.sec', displayName: '安全管理员' },
    SETUP,
  );
  await bootstrapRole(ctx, account.id, 'security_admin');
  return {
    orgs,
    security: { id: account.id, name: 'root.sec', grants: await grantsOf(ctx, account.id) },
  };
}

let seq = 0;

export async function staffWith(
  ctx: AppContext,
  fx: Fixture,
  grants: { role: Role; org: string }[],
): Promise<CaseActor> {
  seq += 1;
  const username = `case${seq}.${randomToken(3)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
  const { account } = await createStaff(ctx, { username, displayName: username }, SETUP);
  for (const g of grants)
    await grantRole(
      ctx,
      { granteeId: account.id, role: g.role, scope: `org:${fx.orgs[g.org]}` },
      fx.security,
    );
  return { id: account.id, name: username, grants: await grantsOf(ctx, account.id) };
}

export async function citizen(ctx: AppContext): Promise<Applicant & CaseActor> {
  seq += 1;
  const phone = `1370000${String(seq).padStart(4, '0')}`;
  const account = await insertAccount(ctx, ctx.db.kysely, {
    kind: 'citizen',
    displayName: `市民${seq}`,
    phone,
    password: `Qingshan-${randomToken(6)}-2026`,
  });
  return { id: account.id, name: account.display_name, phone, grants: [] };
}

export async function serviceTarget(ctx: AppContext, code: string): Promise<Target> {
  return {
    kind: 'service',
    service: await onlineService(ctx, code),
    definition: await formOf(ctx, code),
  };
}

export async function bundleTarget(ctx: AppContext, code: string): Promise<Target> {
  const bundle = await onlineBundle(ctx, code);
  const codes = bundle.members.map((m) => m.code);
  const memberDefinitions = new Map();
  for (const c of codes) memberDefinitions.set(c, await formOf(ctx, c));
  return { kind: 'bundle', bundle, definition: await bundleForm(ctx, codes), memberDefinitions };
}

export function fakeFile(material: string, name = `${material}.pdf`): UploadedMaterial {
  const sha256 = createHash('sha256').update(`${material}:${name}:${seq}`).digest('hex');
  return { material, sha256, name, size: 1234, mime: 'application/pdf' };
}

/** A valid GA-001 form: married parents, the father applies. */
export const NEWBORN_VALUES = {
  child_name: '王小明',
  child_gender: 'male',
  birth_date: '2026-11-20',
  birth_place: '遵义市妇幼保健院',
  guardian_name: '王大明',
  guardian_id: `52030219900101123${idNumberCheckChar('52030219900101123')}`,
  relation: 'father',
  parents_married: 'yes',
  settle_with: 'father',
};

export const NEWBORN_FILES = [
  'birth-medical-certificate',
  'parents-household-register',
  'parents-id-cards',
  'marriage-certificate',
];

export function token(): string {
  return randomToken(18);
}
