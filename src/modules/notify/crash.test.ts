// A worker killed with SIGKILL mid-batch (RELIABILITY row 17): a child process
// sends 30 SMS to a real SMSC, which holds back its answer to the 10th submit
// and has the child killed while that one is in flight. Another node then
// takes over: every message arrives, and the only one the SMSC sees twice is
// the one that was in flight (resent once, as docs/NOTIFICATIONS.md says).
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { childEnv } from '../../../test/helpers/cli.ts';
import { dialects, type TestConfig, testConfig } from '../../../test/helpers/databases.ts';
import { openContext } from '../../platform/context.ts';
import { createLogger } from '../../platform/logging.ts';
import type { AppContext } from '../../platform/module.ts';
import { modules } from '../index.ts';
import { dispatchDue } from './dispatch.ts';
import { enqueueMessage } from './outbox.ts';
import { type Smsc, startSmsc } from './test-support/smsc.ts';
import { closeTransports } from './transports.ts';

const SENDER = join(import.meta.dirname, 'test-support', 'crash-sender.ts');
const COUNT = 30;
const KILL_AT = 10;
const marker = (i: number) => `第${String(i).padStart(3, '0')}号件`;

for (const dialect of dialects) {
  describe(`notification worker killed with SIGKILL mid-batch [${dialect}]`, () => {
    let smsc: Smsc;
    let t: TestConfig;
    let child: ChildProcess | undefined;
    const env: Record<string, string> = { YIMEN_NOTIFY_QUIET_HOURS: 'off', YIMEN_SMPP_TPS: '1000' };

    before(async () => {
      smsc = await startSmsc({ responseDelayMs: 15 });
      env.YIMEN_SMPP_URL = smsc.url;
      t = await testConfig(dialect, env);
    });
    after(async () => {
      child?.kill('SIGKILL');
      await smsc.close();
      await t.cleanup();
    });

    const open = (clock?: () => Date): Promise<AppContext> =>
      openContext(t.config, createLogger({ logLevel: 'silent' }), modules, {
        migrate: true,
        clock,
      });

    it('loses no message and resends only the one in flight', async () => {
      const ctx = await open();
      for (let i = 0; i < COUNT; i++) {
        await enqueueMessage(ctx, ctx.db.kysely, {
          to: `1370000${String(i).padStart(4, '0')}`,
          template: 'reminder.deadline',
          params: { subject: marker(i), deadline: '12月1日' },
        });
      }
      await ctx.db.close();

      let inFlight = '';
      const killed = new Promise<void>((resolve, reject) => {
        child = spawn(process.execPath, ['--import', 'tsx', SENDER], {
          env: childEnv({
            ...env,
            LOG_LEVEL: 'silent',
            YIMEN_DATA_DIR: t.config.dataDir,
            YIMEN_SECRET: t.config.secret,
            ...(t.config.databaseUrl ? { DATABASE_URL: t.config.databaseUrl } : {}),
          }),
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let err = '';
        child.stderr?.on('data', (d) => {
          err += d;
        });
        child.on('exit', (_code, signal) =>
          signal === 'SIGKILL' ? resolve() : reject(new Error(`sender exited by itself: ${err}`)),
        );
      });
      // The SMSC has the 10th submit but has not answered (15 ms delay): kill now.
      smsc.hooks.onSubmit = (submit, count) => {
        if (count === KILL_AT) {
          inFlight = submit.text;
          child?.kill('SIGKILL');
        }
      };
      await killed;
      smsc.hooks.onSubmit = undefined;
      assert.equal(smsc.submits.length, KILL_AT, 'killed mid-batch');

      // Another node, after the dead node's leases ran out.
      const later = await open(() => new Date(Date.now() + 5 * 60_000));
      try {
        for (let round = 0; round < 5; round++) {
          const stats = await dispatchDue(later);
          if (stats.sent === 0 && stats.retried === 0) break;
        }
        const rows = await later.db.kysely.selectFrom('outbox_message').selectAll().execute();
        assert.equal(rows.length, COUNT);
        assert.deepEqual([...new Set(rows.map((r) => r.status))], ['sent'], 'every message sent');
        const twice: string[] = [];
        for (let i = 0; i < COUNT; i++) {
          const n = smsc.countContaining(marker(i));
          assert.ok(n === 1 || n === 2, `${marker(i)} arrived ${n} times`);
          if (n === 2) twice.push(marker(i));
        }
        // The window is exactly the message between its submit and the commit of its answer.
        assert.equal(twice.length, 1, `one duplicate, got ${twice.join(', ') || 'none'}`);
        assert.ok(inFlight.includes(twice[0]!), 'the duplicate is the one that was in flight');
        const resent = rows.filter((r) => r.resends === 1);
        assert.equal(resent.length, 1, 'only the in-flight message was resent');
      } finally {
        await closeTransports(later);
        await later.db.close();
      }
    });
  });
}
