// Personal data in the back office: phone and ID number are masked on the
// account page; the full values need 'pii.view' (handlers have it, system
// administrators do not), come on a POST, are never cached and are audited.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoOrganisations } from '../../src/modules/identity/demo-organisations.ts';
import {
  insertMissingOrganisations,
  listOrganisations,
} from '../../src/modules/identity/organisations.ts';
import { piiCodec } from '../../src/modules/identity/pii.ts';
import type { AccountRow } from '../../src/modules/identity/tables.ts';
import { dialects } from '../helpers/databases.ts';
import {
  type AdminApp,
  type Agent,
  auditRows,
  createCitizen,
  createStaffUser,
  openAdminApp,
  type StaffUser,
  signIn,
} from '../helpers/staff.ts';

for (const dialect of dialects) {
  describe(`admin personal data [${dialect}]`, () => {
    let aa: AdminApp;
    let citizen: AccountRow;
    let phone: string;
    let idNumber: string;
    let sysAgent: Agent;
    let handler: StaffUser;
    let handlerAgent: Agent;
    before(async () => {
      aa = await openAdminApp(dialect);
      await insertMissingOrganisations(aa.ctx.db, demoOrganisations);
      const org = (await listOrganisations(aa.ctx.db)).find((o) => o.code === 'civil-affairs')!;
      citizen = await createCitizen(aa);
      const pii = piiCodec(aa.ctx.config.secret);
      phone = pii.decrypt('account.phone', citizen.phone_enc!);
      idNumber = pii.decrypt('account.id_number', citizen.id_number_enc!);
      sysAgent = await signIn(aa, await createStaffUser(aa, { roles: [{ role: 'system_admin' }] }));
      handler = await createStaffUser(aa, { roles: [{ role: 'handler', scope: `org:${org.id}` }] });
      handlerAgent = await signIn(aa, handler);
    });
    after(() => aa.close());

    it('shows phone and ID number masked on the account page, without the reveal button for a system administrator', async () => {
      const res = await sysAgent.get(`/admin/users/${citizen.id}`);
      assert.equal(res.statusCode, 200);
      assert.ok(res.body.includes(`${phone.slice(0, 3)}****${phone.slice(-4)}`));
      assert.ok(res.body.includes(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`));
      assert.ok(!res.body.includes(phone), 'no full phone number');
      assert.ok(!res.body.includes(idNumber), 'no full ID number');
      assert.ok(!res.body.includes('/pii"'), 'no reveal button without pii.view');
      assert.ok(!res.body.includes('/reset-password"'), 'no password reset for a citizen');
      const reset = await sysAgent.post(`/admin/users/${citizen.id}/reset-password`);
      assert.equal(reset.statusCode, 403, 'a citizen resets by SMS, never through an operator');
    });

    it('refuses the full data to a system administrator (403, audited as denied)', async () => {
      const res = await sysAgent.post(`/admin/users/${citizen.id}/pii`);
      assert.equal(res.statusCode, 403);
      assert.ok(!res.body.includes(phone));
      assert.equal((await auditRows(aa.ctx, 'pii.view')).length, 0);
      const denied = await auditRows(aa.ctx, 'authz.denied');
      assert.ok(denied.some((r) => r.target_id === 'POST /admin/users/:id/pii'));
    });

    it('reveals the full data to a handler, uncached, and audits the view', async () => {
      const res = await handlerAgent.post(`/admin/users/${citizen.id}/pii`);
      assert.equal(res.statusCode, 200, res.body);
      assert.ok(res.body.includes(phone));
      assert.ok(res.body.includes(idNumber));
      assert.match(res.body, /已记入审计日志/);
      assert.equal(res.headers['cache-control'], 'no-store');
      const rows = await auditRows(aa.ctx, 'pii.view');
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.actor_name, handler.username);
      assert.equal(rows[0]!.target_id, citizen.id);
      assert.equal(rows[0]!.outcome, 'success');
      // The GET of the page itself stays closed to the handler (it needs user.manage).
      assert.equal((await handlerAgent.get(`/admin/users/${citizen.id}`)).statusCode, 403);
    });
  });
}
