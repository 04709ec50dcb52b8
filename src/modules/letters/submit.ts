// Writing a letter: checked (lengths, the mailbox, sensitive words, how many
// letters this account and this address sent lately), given a ten-digit
// 查询码 and a reply deadline in working days, and stored with its
// attachments, its first timeline entry and its audit record in one
// transaction.
import { randomInt } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { badRequest, DomainError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { cleanLine, cleanText } from '../../platform/text.ts';
import { findTerms, loadTerms } from '../content/sensitive.ts';
import type { StoredUpload } from '../content/uploads.ts';
import type { Actor } from '../identity/audit-events.ts';
import { piiCodec } from '../identity/pii.ts';
import { deadlineFrom, loadSettings } from './settings.ts';
import type { LetterType } from './tables.ts';
import { recordEvent } from './transition.ts';

export const LETTER_LIMITS = {
  subjectMin: 4,
  subjectMax: 50,
  bodyMin: 10,
  bodyMax: 3000,
  attachments: 3,
  perAccountDay: 5,
  perIpHour: 10,
} as const;

// PostgreSQL advisory lock ("ymlt") around count-then-insert, as sms-codes does:
// a burst of concurrent submissions must not all pass the limit.
const SUBMIT_LOCK = 0x796d6c74;

export interface NewLetter {
  /** The signed-in writer, or null for one verified by an SMS code. */
  accountId: string | null;
  /** The verified phone of a writer without an account. */
  phone?: string;
  actor: Actor;
  ip: string;
  /** null: 市长信箱. */
  mailboxOrgId: string | null;
  type: LetterType;
  subject: string;
  body: string;
  mayPublish: boolean;
  attachments: readonly StoredUpload[];
}

function checkText(input: NewLetter): { subject: string; body: string } {
  const subject = cleanLine(input.subject).trim();
  const body = cleanText(input.body).trim();
  const fields: Record<string, string> = {};
  const len = (s: string) => [...s].length;
  if (len(subject) < LETTER_LIMITS.subjectMin || len(subject) > LETTER_LIMITS.subjectMax)
    fields.subject = `标题请写 ${LETTER_LIMITS.subjectMin} 到 ${LETTER_LIMITS.subjectMax} 个字`;
  if (len(body) < LETTER_LIMITS.bodyMin || len(body) > LETTER_LIMITS.bodyMax)
    fields.body = `内容请写 ${LETTER_LIMITS.bodyMin} 到 ${LETTER_LIMITS.bodyMax} 个字`;
  if (input.attachments.length > LETTER_LIMITS.attachments)
    fields.attachments = `附件最多 ${LETTER_LIMITS.attachments} 个`;
  if (Object.keys(fields).length > 0) throw badRequest('信件内容不符合要求', fields);
  return { subject, body };
}

/** Severe terms refuse the letter; it may be shown in public later. */
export async function screenText(
  ctx: AppContext,
  fields: Record<string, string>,
  what: string,
): Promise<void> {
  const hits = findTerms(await loadTerms(ctx), fields).filter((h) => h.severity === 'block');
  if (hits.length === 0) return;
  const errors: Record<string, string> = {};
  for (const h of hits) errors[h.field] ??= `含有不允许的词语“${h.term}”，请修改后再提交`;
  throw badRequest(`${what}含有不允许的词语，请修改后再提交`, errors);
}

async function countSince(
  trx: Transaction<Database>,
  since: Date,
  where: { accountId?: string; phoneHash?: string; ipHash?: string },
): Promise<number> {
  let q = trx
    .selectFrom('letter')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('created_at', '>', since.toISOString());
  if (where.accountId) q = q.where('account_id', '=', where.accountId);
  if (where.phoneHash) q = q.where('phone_hash', '=', where.phoneHash);
  if (where.ipHash) q = q.where('ip_hash', '=', where.ipHash);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

async function checkRate(
  ctx: AppContext,
  trx: Transaction<Database>,
  who: { accountId?: string; phoneHash?: string },
  ipHash: string,
): Promise<void> {
  if (ctx.db.dialect === 'postgres')
    await sql`SELECT pg_advisory_xact_lock(${SUBMIT_LOCK})`.execute(trx);
  const now = ctx.now().getTime();
  const perWriter = await countSince(trx, new Date(now - 86_400_000), who);
  const perIp = await countSince(trx, new Date(now - 3_600_000), { ipHash });
  if (perWriter >= LETTER_LIMITS.perAccountDay || perIp >= LETTER_LIMITS.perIpHour)
    throw new DomainError('rate_limited', '您提交信件过于频繁，请稍后再试。');
}

async function freshCode(trx: Transaction<Database>): Promise<string> {
  for (;;) {
    const code = String(randomInt(1_000_000_000, 10_000_000_000));
    const taken = await trx
      .selectFrom('letter')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirst();
    if (!taken) return code;
  }
}

async function checkMailbox(ctx: AppContext, orgId: string | null): Promise<void> {
  if (orgId === null) return;
  const org = await ctx.db.kysely
    .selectFrom('organisation')
    .select('kind')
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (org?.kind !== 'department')
    throw badRequest('请选择收信部门', { mailbox: '请选择一个有效的收信信箱' });
}

export async function submitLetter(
  ctx: AppContext,
  input: NewLetter,
): Promise<{ id: string; code: string }> {
  const { subject, body } = checkText(input);
  if (!input.accountId && !input.phone) throw badRequest('请先登录或验证手机号码');
  await checkMailbox(ctx, input.mailboxOrgId);
  await screenText(ctx, { subject, body }, '信件');
  const pii = piiCodec(ctx.config.secret);
  const now = ctx.now();
  const settings = await loadSettings(ctx);
  const phoneHash = input.phone ? pii.hash(input.phone) : null;
  const ipHash = pii.hash(`ip:${input.ip}`);
  const id = newId();
  const code = await ctx.db.kysely.transaction().execute(async (trx) => {
    await checkRate(
      ctx,
      trx,
      input.accountId ? { accountId: input.accountId } : { phoneHash: phoneHash ?? '' },
      ipHash,
    );
    const code = await freshCode(trx);
    await trx
      .insertInto('letter')
      .values({
        id,
        code,
        account_id: input.accountId,
        phone_hash: phoneHash,
        phone_enc: input.phone ? pii.encrypt('letter.phone', input.phone) : null,
        ip_hash: ipHash,
        mailbox_org_id: input.mailboxOrgId,
        type: input.type,
        subject,
        body,
        may_publish: input.mayPublish && input.type !== 'report' ? 1 : 0,
        status: 'submitted',
        lead_org_id: null,
        merged_into: null,
        reject_reason: null,
        deadline: deadlineFrom(ctx, settings, input.type, now),
        extension_status: 'none',
        extension_days: null,
        extension_reason: null,
        supervised_at: null,
        supervision_reason: null,
        is_public: 0,
        replied_at: null,
        replied_on_time: null,
        closed_at: null,
        rating: null,
        rating_comment: null,
        rehandled: 0,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .execute();
    for (const [i, file] of input.attachments.entries()) {
      await trx
        .insertInto('letter_attachment')
        .values({ letter_id: id, sha256: file.sha256, name: file.name, sort_order: i })
        .onConflict((oc) => oc.columns(['letter_id', 'sha256']).doNothing())
        .execute();
    }
    await recordEvent(ctx, trx, {
      letter: { id },
      action: 'submit',
      actor: input.actor,
      detail: { type: input.type, mailbox: input.mailboxOrgId ?? 'mayor' },
    });
    return code;
  });
  return { id, code };
}
