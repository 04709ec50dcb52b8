// Shared set-up of the letters tests: a migrated database on a clock the test
// sets, the demo organisation tree, and the people who act on letters — the
// general office's letter desk, handlers and leaders of two departments (with
// phones, so reminders have somewhere to go) and two citizens.
import { openTestContext, type TestContext } from '../../../test/helpers/databases.ts';
import type { Dialect } from '../../platform/config.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext, YimenModule } from '../../platform/module.ts';
import { insertAccount } from '../identity/accounts.ts';
import { demoOrganisations } from '../identity/demo-organisations.ts';
import { insertMissingOrganisations } from '../identity/organisations.ts';
import type { Grant, Role } from '../identity/permissions.ts';
import type { AccountRow } from '../identity/tables.ts';
import { modules as allModules } from '../index.ts';
import { approveReply, saveReplyDraft, submitReply } from './handling.ts';
import { type NewLetter, submitLetter } from './submit.ts';
import type { LetterActor } from './transition.ts';

export interface LettersWorld {
  t: TestContext;
  ctx: AppContext;
  /** Set the application clock (ISO instant). */
  setNow(iso: string): void;
  org: (code: string) => string;
  office: LetterActor;
  handler: (code: string) => Promise<LetterActor>;
  leader: (code: string) => Promise<LetterActor>;
  citizen: AccountRow;
  otherCitizen: AccountRow;
  write(input?: Partial<NewLetter>): Promise<{ id: string; code: string }>;
  /**
   * The department (organisation code) drafts `reply`, a new handler submits it and a new
   * leader approves it — at `at` when given (the clock is set before approval).
   */
  answer(id: string, code: string, reply: string, at?: string): Promise<void>;
  close(): Promise<void>;
}

let seq = 0;

async function staff(
  ctx: AppContext,
  role: Role,
  scope: string,
  phone: string,
): Promise<LetterActor> {
  seq += 1;
  const account = await ctx.db.kysely.transaction().execute((trx) =>
    insertAccount(ctx, trx, {
      kind: 'staff',
      username: `letters${seq}x${process.pid % 1000}`,
      displayName: `工作人员${seq}`,
      phone,
    }),
  );
  await ctx.db.kysely
    .insertInto('role_grant')
    .values({
      id: newId(),
      account_id: account.id,
      role,
      scope,
      level: null,
      granted_by: null,
      created_at: ctx.now().toISOString(),
    })
    .execute();
  const grants: Grant[] = [{ role, scope, level: null }];
  return { id: account.id, name: account.username ?? account.display_name, grants };
}

export async function openLettersWorld(
  dialect: Dialect,
  start = '2026-09-29T02:00:00.000Z',
  extraModules: readonly YimenModule[] = [],
): Promise<LettersWorld> {
  let now = Date.parse(start);
  const t = await openTestContext(dialect, {
    clock: () => new Date(now),
    modules: [...allModules, ...extraModules],
  });
  const { ctx } = t;
  await insertMissingOrganisations(ctx.db, demoOrganisations);
  const orgs = await ctx.db.kysely.selectFrom('organisation').select(['id', 'code']).execute();
  const org = (code: string) => {
    const found = orgs.find((o) => o.code === code);
    if (!found) throw new Error(`no organisation ${code}`);
    return found.id;
  };
  let phone = 0;
  const nextPhone = () => `1370851${String(++phone).padStart(4, '0')}`;
  const citizenOf = (name: string, real: string) =>
    ctx.db.kysely.transaction().execute((trx) =>
      insertAccount(ctx, trx, {
        kind: 'citizen',
        displayName: name,
        realName: real,
        phone: nextPhone(),
      }),
    );
  const citizen = await citizenOf('小明', '王小明');
  const otherCitizen = await citizenOf('春花', '李春花');
  const office = await staff(ctx, 'letter_clerk', `org:${org('gov-office')}`, nextPhone());
  let ip = 0;
  return {
    t,
    ctx,
    setNow: (iso) => {
      now = Date.parse(iso);
    },
    org,
    office,
    handler: (code) => staff(ctx, 'handler', `org:${org(code)}`, nextPhone()),
    leader: (code) => staff(ctx, 'leader', `org:${org(code)}`, nextPhone()),
    citizen,
    otherCitizen,
    write: (input = {}) =>
      submitLetter(ctx, {
        accountId: citizen.id,
        actor: { id: citizen.id, name: citizen.display_name },
        ip: `203.0.113.${++ip % 250}`,
        mailboxOrgId: null,
        type: 'consult',
        subject: '关于小区供水时间的咨询',
        body: '我家住在汇川区某小区，最近每天晚上停水，想咨询恢复正常供水的时间。',
        mayPublish: true,
        attachments: [],
        ...input,
      }),
    async answer(id, code, reply, at) {
      const handler = await staff(ctx, 'handler', `org:${org(code)}`, nextPhone());
      const leader = await staff(ctx, 'leader', `org:${org(code)}`, nextPhone());
      await saveReplyDraft(ctx, handler, id, reply);
      await submitReply(ctx, handler, id);
      if (at) now = Date.parse(at);
      await approveReply(ctx, leader, id);
    },
    close: () => t.close(),
  };
}
