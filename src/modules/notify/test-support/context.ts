// A migrated context for notification tests: its own database on the given
// dialect, a clock the test moves by hand (10:00 Beijing time unless told
// otherwise, outside quiet hours), gateway settings from `env`, and a close
// that also ends the SMPP bind and the SMTP pool.
import { openTestContext, type TestContext } from '../../../../test/helpers/databases.ts';
import type { Dialect } from '../../../platform/config.ts';
import type { AppContext } from '../../../platform/module.ts';
import type { OutboxMessageRow } from '../tables.ts';
import { closeTransports } from '../transports.ts';

export class ManualClock {
  ms: number;
  constructor(start = '2026-11-26T02:00:00.000Z') {
    this.ms = Date.parse(start);
  }
  readonly now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
  set(iso: string): void {
    this.ms = Date.parse(iso);
  }
}

export interface NotifyTest extends TestContext {
  clock: ManualClock;
}

export async function openNotifyTest(
  dialect: Dialect,
  env: Record<string, string> = {},
  start?: string,
): Promise<NotifyTest> {
  const clock = new ManualClock(start);
  const t = await openTestContext(dialect, { env, clock: clock.now });
  const close = t.close;
  return Object.assign(t, {
    clock,
    async close() {
      await closeTransports(t.ctx);
      await close();
    },
  });
}

export async function messageRows(ctx: AppContext): Promise<OutboxMessageRow[]> {
  return ctx.db.kysely
    .selectFrom('outbox_message')
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function messageRow(ctx: AppContext, id: string): Promise<OutboxMessageRow> {
  return ctx.db.kysely
    .selectFrom('outbox_message')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** Remove every message and job so each test starts from an empty outbox. */
export async function emptyOutbox(ctx: AppContext): Promise<void> {
  await ctx.db.kysely.deleteFrom('outbox_receipt').execute();
  await ctx.db.kysely.deleteFrom('outbox_provider_ref').execute();
  await ctx.db.kysely.deleteFrom('outbox_message').execute();
  await ctx.db.kysely.deleteFrom('yimen_job').execute();
}
