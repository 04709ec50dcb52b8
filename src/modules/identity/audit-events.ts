// How identity (and the modules after it) write audit records: who, what,
// on which object, with what outcome. The record goes into the caller's
// transaction when one is given, so the action and its record commit together.
// The chain key is derived from the deployment secret (cached per secret).
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import type { AppContext } from '../../platform/module.ts';
import { auditKey, recordAudit } from '../audit/index.ts';

export interface Actor {
  id: string | null;
  name: string;
  ip?: string;
}

export interface AuditEvent {
  actor: Actor;
  action: string;
  targetType?: string;
  targetId?: string;
  outcome: 'success' | 'failure' | 'denied';
  detail?: Record<string, unknown>;
}

export async function audit(
  ctx: AppContext,
  executor: Kysely<Database> | Transaction<Database>,
  event: AuditEvent,
): Promise<void> {
  await recordAudit(executor, auditKey(ctx.config.secret), {
    at: ctx.now(),
    actorId: event.actor.id,
    actorName: event.actor.name,
    actorIp: event.actor.ip ?? null,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    outcome: event.outcome,
    detail: event.detail ?? {},
  });
}
