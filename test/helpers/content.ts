// Helpers for the content back-office tests: forms with repeated fields
// (checkbox groups), multipart uploads built by hand with the CSRF token as
// the first part, and the staff of a small newsroom (an editor and three
// reviewers on the party committee's site, and people of other sites).
import type { LightMyRequestResponse as Response } from 'fastify';
import type { Dialect } from '../../src/platform/config.ts';
import {
  type AdminApp,
  type Agent,
  createStaffUser,
  FORM,
  openAdminApp,
  type RoleSpec,
  type StaffUser,
  signIn,
} from './staff.ts';

/** POST a urlencoded form whose fields may repeat (checkboxes), with the agent's CSRF token. */
export async function postForm(
  agent: Agent,
  url: string,
  fields: Record<string, string | string[]>,
): Promise<Response> {
  if (!agent.csrf) await agent.get('/admin/login');
  const body = new URLSearchParams({ _csrf: agent.csrf });
  for (const [k, v] of Object.entries(fields))
    for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  const res = await agent.app.inject({
    method: 'POST',
    url,
    remoteAddress: agent.ip,
    headers: { 'content-type': FORM, cookie: agent.cookie },
    payload: body.toString(),
  });
  const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
  if (token) agent.csrf = token;
  return res;
}

export type Part =
  | { name: string; value: string }
  | { name: string; filename: string; content: Buffer; type?: string };

/** A multipart/form-data body: `_csrf` first (unless `csrf` is false), then the parts. */
export function multipartBody(parts: Part[], csrf: string | false): { body: Buffer; type: string } {
  const boundary = `----yimen${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  const all: Part[] = csrf === false ? parts : [{ name: '_csrf', value: csrf }, ...parts];
  for (const p of all) {
    const head =
      'filename' in p
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n`;
    chunks.push(Buffer.from(head, 'utf8'));
    chunks.push('filename' in p ? p.content : Buffer.from(p.value, 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

export async function postMultipart(
  agent: Agent,
  url: string,
  parts: Part[],
  options: { csrf?: false } = {},
): Promise<Response> {
  const { body, type } = multipartBody(parts, options.csrf === false ? false : agent.csrf);
  return agent.app.inject({
    method: 'POST',
    url,
    remoteAddress: agent.ip,
    headers: { 'content-type': type, cookie: agent.cookie },
    payload: body,
  });
}

export interface Newsroom {
  aa: AdminApp;
  users: Record<string, StaffUser>;
  agents: Record<string, Agent>;
}

const PEOPLE: Record<string, RoleSpec[]> = {
  editor: [{ role: 'editor', scope: 'site:party' }],
  r1: [{ role: 'reviewer', scope: 'site:party', level: 1 }],
  r2: [{ role: 'reviewer', scope: 'site:party', level: 2 }],
  r3: [{ role: 'reviewer', scope: 'site:party', level: 3 }],
  govReviewer: [{ role: 'reviewer', scope: 'site:government', level: 3 }],
  govEditor: [{ role: 'editor', scope: 'site:government' }],
  partyAdmin: [{ role: 'site_admin', scope: 'site:party' }],
  portalAdmin: [{ role: 'site_admin', scope: 'site:portal' }],
  sysadmin: [{ role: 'system_admin' }],
};

/** An app with the newsroom's people, each signed in through /admin/login and TOTP. */
export async function openNewsroom(dialect: Dialect, only?: string[]): Promise<Newsroom> {
  const aa = await openAdminApp(dialect);
  const users: Record<string, StaffUser> = {};
  const agents: Record<string, Agent> = {};
  for (const [name, roles] of Object.entries(PEOPLE)) {
    if (only && !only.includes(name)) continue;
    users[name] = await createStaffUser(aa, { displayName: `测试${name}`, roles });
    agents[name] = await signIn(aa, users[name]);
  }
  return { aa, users, agents };
}

/** The id in a redirect to /admin/content/<id>/… */
export function itemIdFrom(res: Response): string {
  const m = /^\/admin\/content\/([^/?]+)/.exec(String(res.headers.location ?? ''));
  if (!m)
    throw new Error(
      `no item id in ${res.statusCode} ${res.headers.location} ${res.body.slice(0, 300)}`,
    );
  return m[1]!;
}
