// Operations pages for the system administrator: the development message sink
// (recipients masked, clearly labelled as not sent) and the job queue, whose
// dead jobs can be put back in the queue.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { enqueueMessage, listOutbox } from '../../src/modules/notify/outbox.ts';
import { dialects } from '../helpers/databases.ts';
import {
  type AdminApp,
  type Agent,
  auditRows,
  createStaffUser,
  openAdminApp,
  signIn,
} from '../helpers/staff.ts';

for (const dialect of dialects) {
  describe(`admin operations pages [${dialect}]`, () => {
    let aa: AdminApp;
    let agent: Agent;
    before(async () => {
      aa = await openAdminApp(dialect);
      agent = await signIn(aa, await createStaffUser(aa, { roles: [{ role: 'system_admin' }] }));
    });
    after(() => aa.close());

    it('shows the development sink with masked recipients', async () => {
      await enqueueMessage(aa.ctx, aa.ctx.db.kysely, {
        to: '13912345678',
        template: 'auth.sms_code',
        params: { code: '246810', purpose: '测试' },
      });
      assert.equal((await listOutbox(aa.ctx, {})).length, 1);
      const res = await agent.get('/admin/outbox');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /开发环境：短信未实际发送/);
      assert.ok(res.body.includes('139****5678'), 'the recipient is masked');
      assert.ok(!res.body.includes('13912345678'));
      assert.match(res.body, /246810/, 'developers read the code from the sink');
    });

    it('shows job counts and retries a dead job (audited)', async () => {
      const name = Object.keys(aa.ctx.jobs.handlers)[0]!;
      const id = await aa.ctx.jobs.enqueue(name, {}, { maxAttempts: 1 });
      await aa.ctx.db.kysely
        .updateTable('yimen_job')
        .set({ status: 'dead', last_error: 'Error: 网关超时 (test)', attempts: 1 })
        .where('id', '=', id)
        .execute();
      const home = await agent.get('/admin');
      assert.match(home.body, /有 1 个任务多次失败后已停止/);
      const page = await agent.get('/admin/jobs');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /网关超时/);
      const res = await agent.post(`/admin/jobs/${id}/retry`);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/admin/jobs?ok=retried');
      const job = await aa.ctx.db.kysely
        .selectFrom('yimen_job')
        .select(['status', 'attempts'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(job.status, 'pending');
      assert.equal((await auditRows(aa.ctx, 'job.retry')).at(-1)?.target_id, id);
      assert.equal((await agent.post(`/admin/jobs/${id}/retry`)).statusCode, 404);
    });
  });
}
