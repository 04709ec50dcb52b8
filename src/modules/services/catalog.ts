// Service guides (办事指南): creation and editing by the implementing
// department. The row's columns hold the guide as the public sees it; an edit
// to a published guide waits in `pending` until review approves it
// (review.ts), so citizens never read unreviewed text.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { cleanLine, cleanText } from '../../platform/text.ts';
import type { Reviewer } from '../content/review.ts';
import { audit } from '../identity/audit-events.ts';
import { can } from '../identity/permissions.ts';
import { dropCachedPages, queueIndexUpdate } from './changes.ts';
import type {
  FaqEntry,
  OnlineDepth,
  ProcessStep,
  ServiceItemRow,
  ServiceMaterial,
  ServiceStatus,
  ServiceType,
} from './tables.ts';
import { SERVICE_TYPES } from './tables.ts';
import { isTag, type TagKind } from './taxonomy.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** What a department edits. */
export interface ServiceInput {
  code: string;
  name: string;
  summary: string;
  type: ServiceType;
  orgId: string;
  legalBasis: string;
  conditions: string;
  materials: ServiceMaterial[];
  processSteps: ProcessStep[];
  statutoryDays: number | null;
  promisedDays: number | null;
  feeStandard: string;
  feeBasis: string;
  place: string;
  hours: string;
  consultPhone: string;
  complaintPhone: string;
  onlineDepth: OnlineDepth;
  audiences: string[];
  lifeEvents: string[];
  enterpriseStages: string[];
  themes: string[];
  faq: FaqEntry[];
}

/** A guide as pages and the API use it. */
export interface ServiceGuide extends ServiceInput {
  id: string;
  status: ServiceStatus;
  reviewLevel: number;
  /** An edit of the published guide is waiting for review. */
  hasPending: boolean;
  authorId: string;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

export const CODE_PATTERN = /^[A-Z]{1,5}-[0-9]{3,4}$/;
const MATERIAL_KEY = /^[a-z0-9-]{1,40}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const PHONE = /^[0-9０-９+\-—()（）、,，;；/ 转]{3,60}$/u;
const MATERIAL_FORMS = ['original', 'copy', 'original_and_copy'] as const;
const DEPTHS = ['info', 'apply', 'full'] as const;

const LIMITS = {
  name: 200,
  summary: 1000,
  legalBasis: 5000,
  conditions: 5000,
  feeStandard: 1000,
  feeBasis: 1000,
  place: 500,
  hours: 300,
} as const;

/** Parse a row's columns into a guide (the public, reviewed version). */
export function liveGuide(row: ServiceItemRow): ServiceGuide {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    summary: row.summary,
    type: row.type,
    orgId: row.org_id,
    legalBasis: row.legal_basis,
    conditions: row.conditions,
    materials: JSON.parse(row.materials),
    processSteps: JSON.parse(row.process_steps),
    statutoryDays: row.statutory_days,
    promisedDays: row.promised_days,
    feeStandard: row.fee_standard,
    feeBasis: row.fee_basis,
    place: row.place,
    hours: row.hours,
    consultPhone: row.consult_phone,
    complaintPhone: row.complaint_phone,
    onlineDepth: row.online_depth,
    audiences: JSON.parse(row.audiences),
    lifeEvents: JSON.parse(row.life_events),
    enterpriseStages: JSON.parse(row.enterprise_stages),
    themes: JSON.parse(row.themes),
    faq: JSON.parse(row.faq),
    status: row.status,
    reviewLevel: row.review_level,
    hasPending: row.pending !== null,
    authorId: row.author_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
  };
}

/** The version the department works on: the pending edit when there is one. */
export function workingGuide(row: ServiceItemRow): ServiceGuide {
  const live = liveGuide(row);
  return row.pending ? { ...live, ...(JSON.parse(row.pending) as ServiceInput) } : live;
}

/** The columns that hold a guide's input. */
export function inputColumns(input: ServiceInput) {
  return {
    code: input.code,
    name: input.name,
    summary: input.summary,
    type: input.type,
    org_id: input.orgId,
    legal_basis: input.legalBasis,
    conditions: input.conditions,
    materials: JSON.stringify(input.materials),
    process_steps: JSON.stringify(input.processSteps),
    statutory_days: input.statutoryDays,
    promised_days: input.promisedDays,
    fee_standard: input.feeStandard,
    fee_basis: input.feeBasis,
    place: input.place,
    hours: input.hours,
    consult_phone: input.consultPhone,
    complaint_phone: input.complaintPhone,
    online_depth: input.onlineDepth,
    audiences: JSON.stringify(input.audiences),
    life_events: JSON.stringify(input.lifeEvents),
    enterprise_stages: JSON.stringify(input.enterpriseStages),
    themes: JSON.stringify(input.themes),
    faq: JSON.stringify(input.faq),
  };
}

function cleanTags(kind: TagKind, field: string, tags: string[], errors: Record<string, string>) {
  const unknown = tags.find((t) => !isTag(kind, t));
  if (unknown !== undefined) errors[field] = `无效的分类：${unknown.slice(0, 40)}`;
  return [...new Set(tags)];
}

function cleanDays(value: number | null, field: string, errors: Record<string, string>) {
  if (value === null) return null;
  if (!Number.isInteger(value) || value < 0 || value > 3650)
    errors[field] = '请填写 0–3650 之间的整数（工作日）';
  return value;
}

function cleanMaterials(list: ServiceMaterial[], errors: Record<string, string>) {
  const seen = new Set<string>();
  return list.map((m, i) => {
    const where = `第 ${i + 1} 项材料`;
    const name = cleanLine(m.name);
    const problem = !MATERIAL_KEY.test(m.key)
      ? '材料标识只能用小写字母、数字和连字符'
      : seen.has(m.key)
        ? `材料标识“${m.key}”重复`
        : !name || name.length > 200
          ? '材料名称不能为空，且不超过 200 个字符'
          : !MATERIAL_FORMS.includes(m.form)
            ? '材料形式无效'
            : !Number.isInteger(m.copies) || m.copies < 1 || m.copies > 20
              ? '份数应为 1–20'
              : m.requirement === 'conditional' && !m.condition?.trim()
                ? '“视情提供”的材料须写明适用情形'
                : [m.sample, m.blank].some((f) => f && !SHA256.test(f.sha256))
                  ? '样表或空白表格文件无效'
                  : undefined;
    if (problem) errors.materials ??= `${where}：${problem}`;
    seen.add(m.key);
    const condition = m.condition ? cleanLine(m.condition).slice(0, 300) : '';
    const note = m.note ? cleanLine(m.note).slice(0, 300) : '';
    return {
      key: m.key,
      name,
      form: m.form,
      copies: m.copies,
      requirement: m.requirement === 'conditional' ? 'conditional' : 'mandatory',
      ...(condition && m.requirement === 'conditional' ? { condition } : {}),
      ...(note ? { note } : {}),
      ...(m.sample ? { sample: { sha256: m.sample.sha256, name: cleanLine(m.sample.name) } } : {}),
      ...(m.blank ? { blank: { sha256: m.blank.sha256, name: cleanLine(m.blank.name) } } : {}),
    } satisfies ServiceMaterial;
  });
}

function cleanPairs<T extends object>(
  list: T[],
  keys: [keyof T, keyof T],
  field: string,
  errors: Record<string, string>,
): T[] {
  const out = list
    .map((e) => ({
      [keys[0]]: cleanLine(String(e[keys[0]] ?? '')),
      [keys[1]]: cleanText(String(e[keys[1]] ?? '')),
    }))
    .filter((e) => e[keys[0] as string] || e[keys[1] as string]) as T[];
  if (out.some((e) => !e[keys[0]] || String(e[keys[0]]).length > 300))
    errors[field] = '每一项都须有不超过 300 个字符的标题';
  if (out.some((e) => String(e[keys[1]]).length > 3000)) errors[field] = '说明不能超过 3000 个字符';
  return out;
}

/** Normalise and check a department's input; every problem is reported at once, per field. */
export function cleanServiceInput(input: ServiceInput): ServiceInput {
  const errors: Record<string, string> = {};
  const text = (field: keyof typeof LIMITS, line = false) => {
    const raw = String(input[field] ?? '');
    const value = line ? cleanLine(raw) : cleanText(raw);
    if (value.length > LIMITS[field]) errors[field] = `不能超过 ${LIMITS[field]} 个字符`;
    return value;
  };
  const phone = (field: 'consultPhone' | 'complaintPhone') => {
    const value = cleanLine(input[field] ?? '');
    if (value && !PHONE.test(value)) errors[field] = '电话号码格式不正确';
    return value;
  };
  const code = cleanLine(input.code ?? '').toUpperCase();
  if (!CODE_PATTERN.test(code))
    errors.code = '事项编码格式应如 GA-001（大写字母、连字符、3–4 位数字）';
  const name = text('name', true);
  if (!name) errors.name = '请填写事项名称';
  if (!SERVICE_TYPES.includes(input.type)) errors.type = '请选择事项类型';
  if (!DEPTHS.includes(input.onlineDepth)) errors.onlineDepth = '请选择网办深度';
  if (!input.orgId) errors.orgId = '请选择办理机构';
  const statutoryDays = cleanDays(input.statutoryDays, 'statutoryDays', errors);
  const promisedDays = cleanDays(input.promisedDays, 'promisedDays', errors);
  if (statutoryDays !== null && promisedDays !== null && promisedDays > statutoryDays)
    errors.promisedDays = '承诺时限不能长于法定时限';
  const cleaned: ServiceInput = {
    code,
    name,
    summary: text('summary'),
    type: input.type,
    orgId: input.orgId,
    legalBasis: text('legalBasis'),
    conditions: text('conditions'),
    materials: cleanMaterials(input.materials ?? [], errors),
    processSteps: cleanPairs(
      input.processSteps ?? [],
      ['name', 'description'],
      'processSteps',
      errors,
    ),
    statutoryDays,
    promisedDays,
    feeStandard: text('feeStandard'),
    feeBasis: text('feeBasis'),
    place: text('place'),
    hours: text('hours', true),
    consultPhone: phone('consultPhone'),
    complaintPhone: phone('complaintPhone'),
    onlineDepth: input.onlineDepth,
    audiences: cleanTags('audience', 'audiences', input.audiences ?? [], errors),
    lifeEvents: cleanTags('lifeEvent', 'lifeEvents', input.lifeEvents ?? [], errors),
    enterpriseStages: cleanTags('stage', 'enterpriseStages', input.enterpriseStages ?? [], errors),
    themes: cleanTags('theme', 'themes', input.themes ?? [], errors),
    faq: cleanPairs(input.faq ?? [], ['question', 'answer'], 'faq', errors),
  };
  if (Object.keys(errors).length > 0)
    throw badRequest('办事指南填写有误，请检查标出的项目', errors);
  return cleaned;
}

export function canManage(editor: Pick<Reviewer, 'grants'>, orgId: string): boolean {
  return can(editor.grants, 'service.manage', `org:${orgId}`);
}

function requireManage(editor: Reviewer, orgId: string): void {
  if (!canManage(editor, orgId)) throw forbidden('您没有管理该部门办事指南的权限');
}

async function requireOrganisation(executor: Executor, orgId: string): Promise<void> {
  const org = await executor
    .selectFrom('organisation')
    .select('id')
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (!org) throw badRequest('办理机构不存在', { orgId: '请选择办理机构' });
}

async function requireFreeCode(executor: Executor, code: string, exceptId?: string) {
  let q = executor.selectFrom('service_items').select('id').where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst())
    throw badRequest('事项编码已被使用', { code: `编码 ${code} 已被其他事项使用` });
}

export async function getServiceRow(
  ctx: AppContext,
  id: string,
  executor: Executor = ctx.db.kysely,
): Promise<ServiceItemRow> {
  const row = await executor
    .selectFrom('service_items')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('办事事项不存在');
  return row;
}

export async function findServiceByCode(
  ctx: AppContext,
  code: string,
): Promise<ServiceItemRow | undefined> {
  return ctx.db.kysely
    .selectFrom('service_items')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst();
}

/** A new guide, as a draft of the editor's department. */
export async function createService(
  ctx: AppContext,
  raw: ServiceInput,
  editor: Reviewer,
): Promise<ServiceItemRow> {
  const input = cleanServiceInput(raw);
  requireManage(editor, input.orgId);
  const id = newId();
  const now = ctx.now().toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await requireOrganisation(trx, input.orgId);
    await requireFreeCode(trx, input.code);
    await trx
      .insertInto('service_items')
      .values({
        id,
        ...inputColumns(input),
        status: 'draft',
        review_level: 0,
        pending: null,
        author_id: editor.id,
        created_at: now,
        updated_at: now,
        published_at: null,
      })
      .execute();
    await audit(ctx, trx, {
      actor: editor,
      action: 'service.create',
      targetType: 'service_item',
      targetId: id,
      outcome: 'success',
      detail: { code: input.code, org: input.orgId },
    });
  });
  return getServiceRow(ctx, id);
}

/**
 * Save an edit. A draft or withdrawn guide changes in place; a published
 * one keeps its public text and holds the edit as pending until review. A
 * guide in review cannot be edited (its reviewers would approve a moving text).
 */
export async function updateService(
  ctx: AppContext,
  id: string,
  raw: ServiceInput,
  editor: Reviewer,
): Promise<ServiceItemRow> {
  const before = await getServiceRow(ctx, id);
  requireManage(editor, before.org_id);
  const input = cleanServiceInput(raw);
  requireManage(editor, input.orgId);
  if (before.review_level > 0) throw conflict('该指南正在审核中，审核结束前不能修改');
  if (before.published_at && input.code !== before.code)
    throw badRequest('已发布过的事项不能修改编码', {
      code: '事项编码是公开网址的一部分，发布后不能修改',
    });
  const live = before.status === 'published';
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await requireOrganisation(trx, input.orgId);
    await requireFreeCode(trx, input.code, id);
    const res = await trx
      .updateTable('service_items')
      .set({
        ...(live ? { pending: JSON.stringify(input) } : inputColumns(input)),
        updated_at: ctx.now().toISOString(),
      })
      .where('id', '=', id)
      .where('review_level', '=', 0)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('指南状态已变化，请刷新后重试');
    await audit(ctx, trx, {
      actor: editor,
      action: 'service.update',
      targetType: 'service_item',
      targetId: id,
      outcome: 'success',
      detail: { code: input.code, pending: live },
    });
    // A withdrawn or draft guide is not indexed; the refresh keeps it that way
    // even after an edit, and costs one job.
    await queueIndexUpdate(ctx, before, trx);
  });
  dropCachedPages(ctx, before);
  return getServiceRow(ctx, id);
}

/** Attach (or clear) a material's sample or blank form, on the working version. */
export async function setMaterialFile(
  ctx: AppContext,
  id: string,
  materialKey: string,
  slot: 'sample' | 'blank',
  file: { sha256: string; name: string } | null,
  editor: Reviewer,
): Promise<void> {
  const row = await getServiceRow(ctx, id);
  requireManage(editor, row.org_id);
  const guide = workingGuide(row);
  const material = guide.materials.find((m) => m.key === materialKey);
  if (!material) throw notFound('该材料不存在');
  if (file) material[slot] = file;
  else delete material[slot];
  await updateService(ctx, id, guide, editor);
}
