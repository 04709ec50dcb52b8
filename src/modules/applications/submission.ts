// Filling in and submitting an application. A draft can be saved any number
// of times; submission happens once per form: the form's token is the
// idempotency key, so a double click, a retried POST or two concurrent posts
// of the same form all return the one application. Everything — the values,
// the material records, the 受理编号, the bundle's parts, the history, the
// audit entry and the SMS — is written in one transaction, so a refused
// submission leaves nothing behind.
import type { Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { badRequest, conflict } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { piiCodec } from '../identity/pii.ts';
import type { BundleRef, ServiceRef } from './catalog.ts';
import { recordChange } from './events.ts';
import { checkValues, type FormValues, missingMaterials } from './form-compile.ts';
import type { FormDefinition } from './form-definition.ts';
import { notifyApplicant } from './notices.ts';
import type { ApplicationRow } from './tables.ts';
import { nextTrackingNumber, partTrackingNumber } from './tracking-numbers.ts';

export interface Applicant {
  id: string;
  name: string;
  /** The account's phone, for status SMS and the public lookup. */
  phone: string | null;
  ip?: string;
}

export interface UploadedMaterial {
  material: string;
  sha256: string;
  name: string;
  size: number;
  mime: string;
}

export type Target =
  | { kind: 'service'; service: ServiceRef; definition: FormDefinition }
  | {
      kind: 'bundle';
      bundle: BundleRef;
      /** The merged form the applicant fills in. */
      definition: FormDefinition;
      /** Each member's own form: its part gets only its own fields and materials. */
      memberDefinitions: ReadonlyMap<string, FormDefinition>;
    };

export interface SaveInput {
  target: Target;
  applicant: Applicant;
  /** The token of the form (hidden field); one token, one application. */
  token: string;
  values: Readonly<Record<string, unknown>>;
  files: readonly UploadedMaterial[];
  /** Submit (all required fields and materials) rather than save a draft. */
  submit: boolean;
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

const codeOf = (t: Target) => (t.kind === 'service' ? t.service.code : t.bundle.code);
const nameOf = (t: Target) => (t.kind === 'service' ? t.service.name : t.bundle.name);

function encryptValues(ctx: AppContext, values: FormValues): string {
  return piiCodec(ctx.config.secret).encrypt('application.data', JSON.stringify(values));
}

export function decryptValues(ctx: AppContext, row: Pick<ApplicationRow, 'data_enc'>): FormValues {
  return JSON.parse(piiCodec(ctx.config.secret).decrypt('application.data', row.data_enc));
}

/** Check everything that does not need the database; throws 400 listing each problem. */
function checkInput(input: SaveInput): FormValues {
  if (!TOKEN_PATTERN.test(input.token)) throw badRequest('表单已失效，请重新打开申请页面');
  const def = input.target.definition;
  const keys = new Set(def.materials.map((m) => m.key));
  const forged = input.files.find((f) => !keys.has(f.material));
  if (forged)
    throw badRequest('上传了表单中没有的材料', {
      _form: `不存在的材料：${forged.material.slice(0, 40)}`,
    });
  const { values, errors } = checkValues(def, input.values, input.submit);
  if (Object.keys(errors).length > 0) throw badRequest('申请表填写有误，请按提示修改', errors);
  return values;
}

async function lockByKey(trx: Transaction<Database>, key: string, pg: boolean) {
  let q = trx.selectFrom('application').selectAll().where('submit_key', '=', key);
  if (pg) q = q.forUpdate();
  return q.executeTakeFirstOrThrow();
}

async function insertFiles(
  trx: Transaction<Database>,
  applicationId: string,
  files: readonly UploadedMaterial[],
  round: number,
  at: string,
): Promise<void> {
  for (const f of files) {
    await trx
      .insertInto('application_file')
      .values({ id: newId(), application_id: applicationId, round, uploaded_at: at, ...f })
      .execute();
  }
}

/** Save a draft or submit; returns the application (the existing one for a repeated submit). */
export async function saveApplication(ctx: AppContext, input: SaveInput): Promise<ApplicationRow> {
  const values = checkInput(input);
  const key = `${input.applicant.id}:${input.token}`;
  const pii = piiCodec(ctx.config.secret);
  const now = ctx.now().toISOString();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    // Claim the token: a concurrent post of the same form waits here, then finds the row.
    await trx
      .insertInto('application')
      .values({
        id: newId(),
        kind: input.target.kind === 'service' ? 'single' : 'bundle',
        tracking_no: null,
        parent_id: null,
        service_code: codeOf(input.target),
        service_name: nameOf(input.target),
        org_id: input.target.kind === 'service' ? input.target.service.orgId : null,
        applicant_id: input.applicant.id,
        applicant_name: input.applicant.name,
        phone_enc: input.applicant.phone
          ? pii.encrypt('application.phone', input.applicant.phone)
          : null,
        phone_tail_hash: input.applicant.phone
          ? pii.hash(`tail:${input.applicant.phone.slice(-4)}`)
          : null,
        status: 'draft',
        data_enc: encryptValues(ctx, {}),
        submit_key: key,
        promised_days: null,
        submitted_at: null,
        accepted_at: null,
        due_date: null,
        paused_days: 0,
        paused_at: null,
        decided_at: null,
        closed_at: null,
        note: null,
        decision_text: null,
        decision_file: null,
        decision_file_name: null,
        handler_id: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('submit_key').doNothing())
      .execute();
    const row = await lockByKey(trx, key, ctx.db.dialect === 'postgres');
    if (row.service_code !== codeOf(input.target)) throw conflict('表单已失效，请重新打开申请页面');
    // Submitted already: the same form again is the same application.
    if (row.status !== 'draft') return row;
    await insertFiles(trx, row.id, input.files, 0, now);
    if (input.submit) await requireMaterials(trx, row.id, input.target.definition, values);
    await trx
      .updateTable('application')
      .set({ data_enc: encryptValues(ctx, values), updated_at: now })
      .where('id', '=', row.id)
      .execute();
    if (!input.submit) return { ...row, data_enc: encryptValues(ctx, values) };
    return submitRow(ctx, trx, { ...row }, input, values);
  });
}

async function requireMaterials(
  trx: Transaction<Database>,
  applicationId: string,
  def: FormDefinition,
  values: FormValues,
): Promise<void> {
  const rows = await trx
    .selectFrom('application_file')
    .select('material')
    .where('application_id', '=', applicationId)
    .execute();
  const missing = missingMaterials(def, values, new Set(rows.map((r) => r.material)));
  if (Object.keys(missing).length > 0) throw badRequest('还有必须上传的材料没有上传', missing);
}

/** Draft → submitted: number, history, audit, SMS; a bundle fans out into one part per service. */
async function submitRow(
  ctx: AppContext,
  trx: Transaction<Database>,
  row: ApplicationRow,
  input: SaveInput,
  values: FormValues,
): Promise<ApplicationRow> {
  const now = ctx.now();
  const trackingNo = await nextTrackingNumber(trx, now);
  const target = input.target;
  const submitted: ApplicationRow = {
    ...row,
    tracking_no: trackingNo,
    status: 'submitted',
    submitted_at: now.toISOString(),
    updated_at: now.toISOString(),
    data_enc: encryptValues(ctx, values),
    promised_days: target.kind === 'service' ? target.service.promisedDays : null,
  };
  await trx
    .updateTable('application')
    .set({
      tracking_no: trackingNo,
      status: 'submitted',
      submitted_at: submitted.submitted_at,
      updated_at: submitted.updated_at,
      promised_days: submitted.promised_days,
    })
    .where('id', '=', row.id)
    .where('status', '=', 'draft')
    .execute();
  if (target.kind === 'bundle') await fanOut(ctx, trx, submitted, target, values);
  const actor = { id: input.applicant.id, name: input.applicant.name, ip: input.applicant.ip };
  const eventId = await recordChange(ctx, trx, {
    app: submitted,
    action: 'submit',
    from: 'draft',
    to: 'submitted',
    actor,
  });
  await notifyApplicant(ctx, trx, submitted, 'submitted', eventId);
  return submitted;
}

/** One part per member service, each in its department's queue with only its own fields and files. */
async function fanOut(
  ctx: AppContext,
  trx: Transaction<Database>,
  parent: ApplicationRow,
  target: Extract<Target, { kind: 'bundle' }>,
  values: FormValues,
): Promise<void> {
  const files = await trx
    .selectFrom('application_file')
    .selectAll()
    .where('application_id', '=', parent.id)
    .execute();
  let position = 0;
  for (const member of target.bundle.members) {
    position += 1;
    const def = target.memberDefinitions.get(member.code);
    if (!def) continue;
    const own = Object.fromEntries(
      def.fields.filter((f) => f.name in values).map((f) => [f.name, values[f.name]!]),
    );
    const id = newId();
    const part: ApplicationRow = {
      ...parent,
      id,
      kind: 'part',
      parent_id: parent.id,
      tracking_no: partTrackingNumber(parent.tracking_no!, position),
      service_code: member.code,
      service_name: member.name,
      org_id: member.orgId,
      data_enc: encryptValues(ctx, own),
      submit_key: `${parent.submit_key}#${position}`,
      promised_days: member.promisedDays,
    };
    await trx.insertInto('application').values(part).execute();
    const keys = new Set(def.materials.map((m) => m.key));
    const mine = files.filter((f) => keys.has(f.material));
    for (const f of mine)
      await trx
        .insertInto('application_file')
        .values({ ...f, id: newId(), application_id: id })
        .execute();
    await trx
      .insertInto('application_event')
      .values({
        id: newId(),
        application_id: id,
        action: 'submit',
        from_status: 'draft',
        to_status: 'submitted',
        actor_id: parent.applicant_id,
        actor_name: parent.applicant_name,
        note: `一件事“${target.bundle.name}”的组成事项`,
        at: parent.submitted_at!,
      })
      .execute();
  }
}
