// Demo data: the online application forms of the demo catalog, and a few
// dozen applications in every state — decided on time and late, rated well
// and badly — so the handling queue and the public statistics are not empty.
// Idempotent: a form that exists is kept; demo applications are added once.

import type { AppContext } from '../../../platform/module.ts';
import { storeBytes } from '../../content/files.ts';
import { insertAccount } from '../../identity/accounts.ts';
import { idNumberCheckChar } from '../../identity/validators.ts';
import { onlineService } from '../catalog.ts';
import { evaluate } from '../evaluation.ts';
import { applies } from '../form-compile.ts';
import { findForm, formOf, saveForm } from '../forms.ts';
import { type CaseActor, transition } from '../handling.ts';
import type { Action } from '../lifecycle.ts';
import { saveApplication } from '../submission.ts';
import { DEMO_FORMS } from './forms.ts';

const SEED = { id: null, name: 'demo-seed' };
const TOKEN_PREFIX = 'demo-seed-application-';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const id = (first17: string) => `${first17}${idNumberCheckChar(first17)}`;

/** Valid answers for the services the demo applications go to. */
const VALUES: Record<string, Record<string, string>> = {
  'GA-001': {
    child_name: '陈思远',
    child_gender: 'male',
    birth_date: '2026-11-02',
    birth_place: '遵义医科大学附属医院',
    guardian_name: '陈国栋',
    guardian_id: id('52030219880512003'),
    relation: 'father',
    parents_married: 'yes',
    settle_with: 'father',
  },
  'GA-006': {
    applicant_name: '刘晓雯',
    applicant_id: id('52032119950203004'),
    purpose: 'employment',
    receiving_unit: '遵义市某科技有限公司',
  },
  'RS-002': {
    applicant_name: '杨帆',
    applicant_id: id('52030319900915005'),
    last_employer: '遵义某制造有限公司',
    separation_date: '2026-09-30',
    bank_account: '6217002870012345678',
  },
  'GJJ-001': {
    applicant_name: '赵敏',
    applicant_id: id('52030219930718006'),
    account_no: '1020304050',
    rent_monthly: '1500',
    bank_account: '6222021234567890123',
  },
  'YB-002': {
    applicant_name: '王秀英',
    applicant_id: id('52030219560101007'),
    destination: '广东省深圳市南山区',
    reason: 'resettled',
    start_date: '2026-12-01',
  },
};

/** [service, final state, rating or 0] — a spread that makes the statistics tell something. */
const SCENARIOS: [
  string,
  'submitted' | 'accepted' | 'supplement' | 'approved' | 'rejected' | 'refused',
  number,
][] = [
  ['GA-001', 'approved', 5],
  ['GA-001', 'approved', 4],
  ['GA-001', 'approved', 2],
  ['GA-001', 'accepted', 0],
  ['GA-001', 'supplement', 0],
  ['GA-006', 'approved', 5],
  ['GA-006', 'approved', 5],
  ['GA-006', 'rejected', 3],
  ['GA-006', 'submitted', 0],
  ['RS-002', 'approved', 4],
  ['RS-002', 'approved', 1],
  ['RS-002', 'refused', 0],
  ['GJJ-001', 'approved', 5],
  ['GJJ-001', 'approved', 4],
  ['GJJ-001', 'accepted', 0],
  ['YB-002', 'approved', 5],
  ['YB-002', 'submitted', 0],
];

const PATH: Record<string, Action[]> = {
  submitted: [],
  accepted: ['accept'],
  supplement: ['accept', 'request_supplement'],
  approved: ['accept', 'approve'],
  rejected: ['accept', 'reject'],
  refused: ['refuse'],
};

const NOTES: Partial<Record<Action, string>> = {
  refuse: '申请人不属于本事项的受理范围，请向户籍所在地申请。',
  request_supplement: '上传的材料不清晰，请重新上传。',
  approve: '经审核，符合条件，准予办理。',
  reject: '经审核，不符合办理条件。',
};

export async function seedDemoForms(ctx: AppContext): Promise<number> {
  let added = 0;
  for (const [code, definition] of Object.entries(DEMO_FORMS)) {
    const service = await ctx.db.kysely
      .selectFrom('service_items')
      .select('code')
      .where('code', '=', code)
      .executeTakeFirst();
    if (!service || (await findForm(ctx, code))) continue;
    await saveForm(ctx, code, definition, SEED);
    added++;
  }
  return added;
}

export async function seedDemoApplications(ctx: AppContext): Promise<number> {
  const done = await ctx.db.kysely
    .selectFrom('application')
    .select('id')
    .where('submit_key', 'like', `%:${TOKEN_PREFIX}%`)
    .executeTakeFirst();
  if (done) return 0;
  const sha256 = await storeBytes(ctx, PDF, 'application/pdf');
  // A handler in every department: the demo stands for work done by their staff.
  const handler: CaseActor = {
    id: '00000000-0000-7000-8000-000000000000',
    name: '演示数据',
    grants: [{ role: 'handler', scope: 'global', level: null }],
  };
  let made = 0;
  for (const [i, [code, state, grade]] of SCENARIOS.entries()) {
    const service = await onlineService(ctx, code).catch(() => undefined);
    if (!service) continue;
    const definition = await formOf(ctx, code);
    const applicant = await insertAccount(ctx, ctx.db.kysely, {
      kind: 'citizen',
      displayName: `演示市民${i + 1}`,
    });
    const person = { id: applicant.id, name: applicant.display_name, phone: null };
    const app = await saveApplication(ctx, {
      target: { kind: 'service', service, definition },
      applicant: person,
      token: `${TOKEN_PREFIX}${String(i).padStart(3, '0')}`,
      values: VALUES[code] ?? {},
      files: definition.materials
        .filter((m) => m.required && applies(m, VALUES[code] ?? {}))
        .map((m) => ({
          material: m.key,
          sha256,
          name: `${m.label}.pdf`,
          size: PDF.length,
          mime: 'application/pdf',
        })),
      submit: true,
    });
    for (const action of PATH[state]!)
      await transition(ctx, { applicationId: app.id, action, actor: handler, note: NOTES[action] });
    if (grade > 0)
      await evaluate(ctx, {
        applicationId: app.id,
        actor: { ...person, grants: [] },
        grade,
        reasons: grade <= 2 ? ['efficiency'] : [],
        comment: grade <= 2 ? '办理时间比承诺的长，进度也不清楚。' : undefined,
      });
    made++;
  }
  return made;
}
