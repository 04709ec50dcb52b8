// Shared by the service tests: a complete guide to start from, the demo
// organisations, and staff with service roles in one department or another.

import type { AppContext } from '../../platform/module.ts';
import type { Reviewer } from '../content/review.ts';
import { bootstrapRole, createStaff, grantRole, grantsOf } from '../identity/accounts.ts';
import { demoOrganisations } from '../identity/demo-organisations.ts';
import { insertMissingOrganisations } from '../identity/organisations.ts';
import type { Role } from '../identity/permissions.ts';
import type { ServiceInput } from './catalog.ts';

/** Every required element present; tests remove what they test. */
export function completeInput(orgId: string, overrides: Partial<ServiceInput> = {}): ServiceInput {
  return {
    code: 'GA-901',
    name: '测试事项：户口登记项目变更',
    summary: '户口登记项目内容有误或发生变化时申请更正、变更。',
    type: '行政确认',
    orgId,
    legalBasis: '《中华人民共和国户口登记条例》第十七条',
    conditions: '户口登记项目内容需要变更或者更正的本市户籍居民。',
    materials: [
      {
        key: 'id-card',
        name: '申请人居民身份证',
        form: 'original',
        copies: 1,
        requirement: 'mandatory',
      },
      {
        key: 'household-register',
        name: '居民户口簿',
        form: 'original',
        copies: 1,
        requirement: 'mandatory',
      },
    ],
    processSteps: [
      { name: '申请', description: '到户籍所在地派出所户籍窗口提交材料。' },
      { name: '审核', description: '派出所审核后报分局审批。' },
      { name: '办结', description: '变更户口登记项目，发还户口簿。' },
    ],
    statutoryDays: 20,
    promisedDays: 10,
    feeStandard: '不收费',
    feeBasis: '',
    place: '户籍所在地公安派出所户籍窗口',
    hours: '工作日 9:00—12:00，14:00—17:00',
    consultPhone: '0851-28820110',
    complaintPhone: '12345',
    onlineDepth: 'info',
    audiences: ['citizen'],
    lifeEvents: ['birth'],
    enterpriseStages: [],
    themes: ['public-safety'],
    faq: [{ question: '可以委托他人办理吗？', answer: '可以，受托人须携带双方身份证件。' }],
    ...overrides,
  };
}

export async function seedOrganisations(ctx: AppContext): Promise<Record<string, string>> {
  await insertMissingOrganisations(ctx.db, demoOrganisations);
  const rows = await ctx.db.kysely.selectFrom('organisation').select(['id', 'code']).execute();
  return Object.fromEntries(rows.map((r) => [r.code, r.id]));
}

/** A staff member with these grants, as the review functions see them. */
export async function serviceStaff(
  ctx: AppContext,
  name: string,
  grants: { role: Role; scope: string; level?: number }[],
): Promise<Reviewer> {
  const sec = await securityAdmin(ctx);
  const { account } = await createStaff(
    ctx,
    { username: name, displayName: name },
    { id: null, name: 'test' },
  );
  for (const g of grants) await grantRole(ctx, { granteeId: account.id, ...g }, sec);
  return { id: account.id, name, grants: await grantsOf(ctx, account.id) };
}

const securityAdmins = new WeakMap<AppContext, { id: string; name: string }>();

async function securityAdmin(ctx: AppContext) {
  const known = securityAdmins.get(ctx);
  if (known) return known;
  const { account } = await createStaff(
    ctx,
    { username: 'services.sec', displayName: 'sec' },
    { id: null, name: 'test' },
  );
  await bootstrapRole(ctx, account.id, 'security_admin');
  const sec = { id: account.id, name: 'services.sec' };
  securityAdmins.set(ctx, sec);
  return sec;
}
