// 我为政府网站找错: anyone reports an error on a page of a site; the report
// goes to that site's editors with a deadline in working days; they record
// what was done, and the reporter learns it through the lookup code and, if
// they left a phone or e-mail, through the outbox.
import { randomInt } from 'node:crypto';
import { nowIso } from '../../platform/database/index.ts';
import { badRequest, conflict, DomainError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { cleanText } from '../../platform/text.ts';
import { type Actor, audit } from '../identity/audit-events.ts';
import { piiCodec } from '../identity/pii.ts';
import { isValidMobile, maskPhone, normalisePhone } from '../identity/validators.ts';
import { enqueueMessage } from '../notify/outbox.ts';
import { loadStructure } from '../portal/structure.ts';
import { auditChange, canManage, managedSites, type Staff, screen } from './common.ts';
import type { FeedbackReportRow, ReportStatus } from './tables.ts';

/** Working days the site's editors have to answer a report. */
export const REPORT_DEADLINE_DAYS = 5;
/** Reports one address may file per hour: enough for a person, not for a flood. */
export const REPORTS_PER_HOUR = 5;

export const ERROR_KINDS = {
  broken_link: '链接无法打开',
  typo: '错别字或表述错误',
  wrong_info: '信息有误',
  outdated: '信息未及时更新',
  access: '页面无法访问或无障碍问题',
  other: '其他',
} as const;
export type ErrorKind = keyof typeof ERROR_KINDS;

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  open: '处理中',
  fixed: '已修正',
  rejected: '经核实无需修改',
};

export interface ReportInput {
  pageUrl: string;
  kind: string;
  description: string;
  contact: string;
}

const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]+\.[^\s@<>"]{2,}$/;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** The lookup code: 12 characters from 32 (60 bits), so it cannot be guessed. */
function newCode(): string {
  let code = '';
  for (let i = 0; i < 12; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/**
 * The path (with query) of a page on this site, from a path or an absolute URL
 * on the site's own origin; undefined for anything else (another site, a
 * javascript: URL, a protocol-relative //host).
 */
export function onSitePath(input: string, publicUrl: string): string | undefined {
  const value = input.trim();
  if (value.length === 0 || value.length > 1000 || /[\s\\]/.test(value)) return undefined;
  if (/^\/(?!\/)/.test(value)) return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.origin !== new URL(publicUrl).origin) return undefined;
  return `${url.pathname}${url.search}`;
}

function contactOf(
  raw: string,
): { channel: 'sms' | 'email'; value: string; masked: string } | null {
  const value = raw.trim();
  if (!value) return null;
  const phone = normalisePhone(value);
  if (isValidMobile(phone)) return { channel: 'sms', value: phone, masked: maskPhone(phone) };
  if (EMAIL.test(value) && value.length <= 254) {
    const [user, host] = value.split('@') as [string, string];
    return { channel: 'email', value, masked: `${user.slice(0, 1)}***@${host}` };
  }
  throw badRequest('联系方式不正确', { contact: '请填写11位手机号或电子邮箱，也可以不填' });
}

async function siteOfPath(ctx: AppContext, path: string): Promise<string> {
  const structure = await loadStructure(ctx);
  const site =
    structure.byPathLength.find((s) => path.startsWith(s.path)) ??
    structure.sites.find((s) => s.kind === 'portal');
  if (!site) throw badRequest('网站尚未设置');
  return site.code;
}

async function checkRate(ctx: AppContext, ipHash: string): Promise<void> {
  const since = new Date(ctx.now().getTime() - 3_600_000).toISOString();
  const row = await ctx.db.kysely
    .selectFrom('feedback_report')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ip_hash', '=', ipHash)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(row.n) >= REPORTS_PER_HOUR)
    throw new DomainError('rate_limited', '您提交得太频繁了，请一小时后再试');
}

/** File a report; returns its lookup code. */
export async function submitReport(
  ctx: AppContext,
  input: ReportInput,
  client: { ip: string },
): Promise<{ id: string; code: string }> {
  const errors: Record<string, string> = {};
  const path = onSitePath(input.pageUrl, ctx.config.publicUrl);
  if (!path) errors.page_url = '请填写本网站的页面地址，例如 /gov/news/…';
  if (!Object.hasOwn(ERROR_KINDS, input.kind)) errors.kind = '请选择错误类型';
  const description = cleanText(input.description);
  if ([...description].length < 5) errors.description = '请至少用5个字描述问题';
  else if ([...description].length > 1000) errors.description = '问题描述不能超过1000个字';
  if (Object.keys(errors).length > 0) throw badRequest('请修改以下问题', errors);
  const contact = contactOf(input.contact);
  await screen(ctx, { description });
  const pii = piiCodec(ctx.config.secret);
  const ipHash = pii.hash(`feedback-ip:${client.ip}`);
  await checkRate(ctx, ipHash);
  const now = ctx.now();
  const row: FeedbackReportRow = {
    id: newId(),
    code: newCode(),
    site_code: await siteOfPath(ctx, path!),
    page_url: path!,
    kind: input.kind,
    description,
    contact_channel: contact?.channel ?? null,
    contact_enc: contact ? pii.encrypt('feedback_report.contact', contact.value) : null,
    contact_masked: contact?.masked ?? null,
    ip_hash: ipHash,
    status: 'open',
    due_on: ctx.calendar.addWorkingDays(now, REPORT_DEADLINE_DAYS),
    answer: null,
    handled_by: null,
    handled_at: null,
    created_at: nowIso(now),
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('feedback_report').values(row).execute();
    await audit(ctx, trx, {
      actor: { id: null, name: 'anonymous', ip: client.ip },
      action: 'feedback.report.submit',
      targetType: 'feedback_report',
      targetId: row.id,
      outcome: 'success',
      detail: { site: row.site_code, kind: row.kind },
    });
  });
  return { id: row.id, code: row.code };
}

/** What the reporter may see of their report (no contact, no address hash). */
export interface ReportStatusView {
  code: string;
  pageUrl: string;
  kind: string;
  status: ReportStatus;
  createdAt: string;
  dueOn: string;
  answer: string | null;
  handledAt: string | null;
}

export async function lookupReport(
  ctx: AppContext,
  code: string,
): Promise<ReportStatusView | undefined> {
  const r = await ctx.db.kysely
    .selectFrom('feedback_report')
    .selectAll()
    .where('code', '=', code.trim().toUpperCase())
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    code: r.code,
    pageUrl: r.page_url,
    kind: ERROR_KINDS[r.kind as ErrorKind] ?? r.kind,
    status: r.status,
    createdAt: r.created_at,
    dueOn: r.due_on,
    answer: r.answer,
    handledAt: r.handled_at,
  };
}

/** Reports of the sites these grants manage, open ones first, oldest first. */
export async function listReports(
  ctx: AppContext,
  grants: Staff['grants'],
  status?: ReportStatus,
): Promise<FeedbackReportRow[]> {
  const sites = managedSites(grants);
  if (sites !== 'all' && sites.length === 0) return [];
  let q = ctx.db.kysely.selectFrom('feedback_report').selectAll();
  if (sites !== 'all') q = q.where('site_code', 'in', sites);
  if (status) q = q.where('status', '=', status);
  return q.orderBy('status').orderBy('created_at').limit(500).execute();
}

/** One report, if these grants manage its site (else not found: no probing of other sites). */
export async function reportFor(
  ctx: AppContext,
  grants: Staff['grants'],
  id: string,
): Promise<FeedbackReportRow> {
  const r = await ctx.db.kysely
    .selectFrom('feedback_report')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r || !canManage(grants, r.site_code)) throw notFound('没有这条报告');
  return r;
}

export interface Resolution {
  outcome: string;
  answer: string;
}

/** The reporter's answer page, where the lookup code shows the result. */
export function statusUrl(ctx: AppContext, code: string): string {
  return `${ctx.config.publicUrl.replace(/\/$/, '')}/feedback/status?code=${code}`;
}

/**
 * Record what was done and tell the reporter: the answer, the status and the
 * message to their contact commit together with the audit record. The
 * contact was kept for this one answer and is erased with it (the outbox
 * holds the message, encrypted, for delivery).
 */
export async function resolveReport(
  ctx: AppContext,
  staff: Staff,
  id: string,
  input: Resolution,
): Promise<void> {
  const report = await reportFor(ctx, staff.grants, id);
  const errors: Record<string, string> = {};
  if (input.outcome !== 'fixed' && input.outcome !== 'rejected') errors.outcome = '请选择处理结果';
  const answer = cleanText(input.answer);
  if ([...answer].length < 2) errors.answer = '请填写给报告人的答复';
  else if ([...answer].length > 1000) errors.answer = '答复不能超过1000个字';
  if (Object.keys(errors).length > 0) throw badRequest('请修改以下问题', errors);
  const status = input.outcome as Exclude<ReportStatus, 'open'>;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('feedback_report')
      .set({
        status,
        answer,
        handled_by: staff.id,
        handled_at: nowIso(ctx.now()),
        contact_enc: null,
      })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw conflict('这条报告已经处理过了');
    await auditChange(
      ctx,
      trx,
      staff as Actor,
      'feedback.report.resolve',
      {
        type: 'feedback_report',
        id,
      },
      { status },
    );
    if (report.contact_channel && report.contact_enc) {
      const to = piiCodec(ctx.config.secret).decrypt('feedback_report.contact', report.contact_enc);
      const params = {
        code: report.code,
        outcome: REPORT_STATUS_LABELS[status],
        answer,
        url: statusUrl(ctx, report.code),
      };
      await enqueueMessage(ctx, trx, {
        to,
        template:
          report.contact_channel === 'sms' ? 'feedback.answered.sms' : 'feedback.answered.email',
        params,
        idempotencyKey: `feedback.answered:${id}`,
      });
    }
  });
}
