// Pieces every content back-office route shares: who may do what on which
// site (the route's declared access is the coarse check, these narrow it to
// the item's site and record a refusal in the audit log), the signed-in
// person as editor or reviewer, flash messages, and Beijing-time inputs.

import type { FastifyRequest } from 'fastify';
import { shanghaiWallClock } from '../../../platform/clock.ts';
import { badRequest } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import type { MessageKey } from '../../../web/i18n/index.ts';
import { authOf } from '../../identity/admin/http.ts';
import { audit } from '../../identity/audit-events.ts';
import { refuse } from '../../identity/guard.ts';
import {
  can,
  type Grant,
  type Permission,
  ROLE_PERMISSIONS,
  scopesWith,
} from '../../identity/permissions.ts';
import type { Editor } from '../items.ts';
import type { Reviewer } from '../review.ts';
import type { ReviewReach } from '../worklist.ts';

/** Refuse (403, audited like the guard's refusals) unless `allowed`. */
export async function requireThat(
  ctx: AppContext,
  request: FastifyRequest,
  allowed: boolean,
  need: string,
): Promise<void> {
  if (!allowed) await refuse(ctx, request, need);
}

/** Does the signed-in user hold `permission` on this site? */
export function canOn(request: FastifyRequest, permission: Permission, site: string): boolean {
  return can(authOf(request).grants, permission, `site:${site}`);
}

export async function requireOn(
  ctx: AppContext,
  request: FastifyRequest,
  permission: Permission,
  site: string,
): Promise<void> {
  await requireThat(ctx, request, canOn(request, permission, site), `${permission}@site:${site}`);
}

/** Anyone who edits, reviews or publishes on the site may read its items in the back office. */
export function canRead(request: FastifyRequest, site: string): boolean {
  return (['content.edit', 'content.review', 'content.publish'] as const).some((p) =>
    canOn(request, p, site),
  );
}

export async function requireRead(ctx: AppContext, request: FastifyRequest, site: string) {
  await requireThat(ctx, request, canRead(request, site), `content.read@site:${site}`);
}

/** The sites where these grants hold `permission`: 'all' for a global grant. */
export function sitesWith(grants: readonly Grant[], permission: Permission): string[] | 'all' {
  return scopesWith(grants, permission, 'site');
}

/** The highest review level per site these grants reach. */
export function reviewReach(grants: readonly Grant[]): ReviewReach {
  const best = new Map<string, number>();
  for (const g of grants) {
    if (!ROLE_PERMISSIONS[g.role].includes('content.review')) continue;
    const site = g.scope === 'global' ? '*' : g.scope.startsWith('site:') ? g.scope.slice(5) : '';
    if (!site) continue;
    best.set(site, Math.max(best.get(site) ?? 0, g.level ?? 0));
  }
  return [...best].filter(([, level]) => level > 0).map(([site, level]) => ({ site, level }));
}

export function editorOf(request: FastifyRequest): Editor {
  const { account } = authOf(request);
  return { id: account.id, name: account.display_name };
}

export function reviewerOf(request: FastifyRequest): Reviewer {
  const { account, grants } = authOf(request);
  return { id: account.id, name: account.username ?? account.display_name, grants, ip: request.ip };
}

export function whoOf(request: FastifyRequest) {
  const { account } = authOf(request);
  return { id: account.id, name: account.username ?? account.display_name, ip: request.ip };
}

/** Record a back-office change to a site or a channel in the audit log. */
export async function auditChange(
  ctx: AppContext,
  request: FastifyRequest,
  targetType: 'site' | 'channel',
  action: string,
  targetId: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await audit(ctx, ctx.db.kysely, {
    actor: whoOf(request),
    action,
    targetType,
    targetId,
    outcome: 'success',
    detail,
  });
}

/** Messages after a redirect: fixed keys only, never text from the URL. */
export const CONTENT_FLASH = {
  saved: 'content.flash.saved',
  created: 'content.flash.created',
  submitted: 'content.flash.submitted',
  approved: 'content.flash.approved',
  returned: 'content.flash.returned',
  unpublished: 'content.flash.unpublished',
  pushed: 'content.flash.pushed',
  unpushed: 'content.flash.unpushed',
  scheduled: 'content.flash.scheduled',
  slug: 'content.flash.slug',
  restored: 'content.flash.restored',
  uploaded: 'content.flash.uploaded',
  removed: 'content.flash.removed',
  cover: 'content.flash.cover',
  term: 'content.flash.term',
  termRemoved: 'content.flash.termRemoved',
  site: 'content.flash.site',
  channel: 'content.flash.channel',
} as const satisfies Record<string, MessageKey>;

export function contentFlash(request: FastifyRequest): MessageKey | undefined {
  const ok = (request.query as { ok?: unknown } | undefined)?.ok;
  return typeof ok === 'string' && Object.hasOwn(CONTENT_FLASH, ok)
    ? CONTENT_FLASH[ok as keyof typeof CONTENT_FLASH]
    : undefined;
}

/** An ISO UTC instant as the value of a datetime-local input in Beijing time. */
export function toLocalInput(iso: string | null | undefined): string {
  return shanghaiWallClock(iso)?.slice(0, 16) ?? '';
}

/** A datetime-local value (Asia/Shanghai, no daylight saving) as a UTC instant; '' is none. */
export function fromLocalInput(value: string, field: string): Date | null {
  if (!value) return null;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(value);
  const ms = m ? Date.parse(`${m[1]}T${m[2]}${m[3] ?? ':00'}+08:00`) : Number.NaN;
  if (Number.isNaN(ms)) throw badRequest('时间格式不正确', { [field]: '请填写有效的日期和时间' });
  return new Date(ms);
}
