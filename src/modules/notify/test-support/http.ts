// HTTP helpers for the notification page tests: a signed-in staff member
// (with the second factor passed) or member, and a CSRF pair from a page.
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { bootstrapRole, createStaff } from '../../identity/accounts.ts';
import { createSession, SESSION_COOKIE } from '../../identity/sessions.ts';
import type { NotifyTest } from './context.ts';

export const FORM = 'application/x-www-form-urlencoded';
const CLI = { id: null, name: 'cli' };
export const client = { ip: '127.0.0.1', userAgent: 'node-test' };

export async function staffCookie(
  t: NotifyTest,
  username: string,
  admin: boolean,
): Promise<string> {
  const { account } = await createStaff(t.ctx, { username, displayName: username }, CLI);
  if (admin) await bootstrapRole(t.ctx, account.id, 'system_admin');
  await t.ctx.db.kysely
    .updateTable('account')
    .set({ must_change_password: 0 })
    .where('id', '=', account.id)
    .execute();
  return `${SESSION_COOKIE}=${await createSession(t.ctx, account, client, true)}`;
}

/** A CSRF cookie and token from a page with a POST form, for a session cookie. */
export async function csrf(app: FastifyInstance, cookie: string, url: string) {
  const res = await app.inject({ method: 'GET', url, headers: { cookie } });
  assert.equal(res.statusCode, 200, res.body);
  const set = res.cookies.find((c) => c.name === 'yimen-csrf');
  const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
  assert.ok(set && token);
  return { cookie: `${cookie}; yimen-csrf=${set.value}`, token };
}
