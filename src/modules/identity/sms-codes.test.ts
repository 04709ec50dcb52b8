// SMS one-time codes under a clock the test moves: one code row and one
// outbox message per send, written together; single use; a 10-minute life;
// 5 guesses, also when they arrive at once; and the sending caps per phone
// and per IP.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { dialects } from '../../../test/helpers/databases.ts';
import { newId } from '../../platform/ids.ts';
import { enqueueMessage, listOutbox } from '../notify/outbox.ts';
import { piiCodec } from './pii.ts';
import { CODE_TTL_MS, sendCode, verifyCode } from './sms-codes.ts';
import { type IdentityTest, openIdentityTest, rejectsWith } from './test-support.ts';

const PHONE = '13900001111';
const IP = '198.51.100.20';

for (const dialect of dialects) {
  describe(`SMS codes [${dialect}]`, () => {
    let t: IdentityTest;
    beforeEach(async () => {
      t = await openIdentityTest(dialect);
    });
    afterEach(() => t.close());

    /** Send a code and read it back from the development sink, as a phone would receive it. */
    async function send(phone = PHONE, ip = IP): Promise<string> {
      await sendCode(t.ctx, phone, 'login', ip);
      const [message] = await listOutbox(t.ctx, { to: phone, limit: 1 });
      assert.ok(message, 'a message is queued');
      const code = /\d{6}/.exec(message.body)?.[0];
      assert.ok(code, `the message carries a code: ${message.body}`);
      return code;
    }
    const verify = (code: string, phone = PHONE) => verifyCode(t.ctx, phone, 'login', code);
    const wrong = (code: string) => (code === '000000' ? '000001' : '000000');
    const otpRows = (phone = PHONE) =>
      t.ctx.db.kysely
        .selectFrom('otp_code')
        .selectAll()
        .where('phone_hash', '=', piiCodec(t.config.secret).hash(phone))
        .execute();

    it('writes one code row and one outbox message carrying the code', async () => {
      const code = await send();
      const rows = await otpRows();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.purpose, 'login');
      assert.equal(rows[0]!.ip, IP);
      assert.equal(rows[0]!.attempts, 0);
      assert.equal(Date.parse(rows[0]!.expires_at) - Date.parse(rows[0]!.created_at), CODE_TTL_MS);
      assert.ok(!Object.values(rows[0]!).some((v) => String(v).includes(code)), 'no code at rest');
      const messages = await listOutbox(t.ctx, { to: PHONE });
      assert.equal(messages.length, 1);
      assert.equal(messages[0]!.channel, 'sms');
      assert.equal(messages[0]!.template, 'auth.sms_code');
      assert.ok(messages[0]!.body.includes(code));
    });

    it('accepts the right code once', async () => {
      const code = await send();
      assert.equal(await verify(code), true);
      assert.equal(await verify(code), false, 'used up');
      assert.equal(await verifyCode(t.ctx, PHONE, 'register', code), false, 'purpose-bound');
    });

    it('accepts at 9:59 and refuses at 10 minutes 1 second', async () => {
      const early = await send();
      t.clock.advance(CODE_TTL_MS - 1000);
      assert.equal(await verify(early), true);
      t.clock.advance(61_000);
      const late = await send();
      t.clock.advance(CODE_TTL_MS + 1000);
      assert.equal(await verify(late), false);
    });

    it('refuses the right code after 5 wrong guesses, and accepts it after 4', async () => {
      const code = await send();
      for (let i = 0; i < 4; i++) assert.equal(await verify(wrong(code)), false);
      assert.equal(await verify(code), true, 'four misses leave the code usable');
      t.clock.advance(61_000);
      const next = await send();
      for (let i = 0; i < 5; i++) assert.equal(await verify(wrong(next)), false);
      assert.equal(await verify(next), false, 'spent after five misses');
      assert.equal((await otpRows()).find((r) => r.used_at === null)?.attempts, 5);
    });

    it('caps guesses that arrive at once, too', async () => {
      const code = await send();
      const misses = await Promise.all(Array.from({ length: 20 }, () => verify(wrong(code))));
      assert.ok(misses.every((ok) => ok === false));
      assert.equal(await verify(code), false, 'twenty concurrent misses spend the code');
    });

    it('lets only one of two concurrent uses of a code succeed', async () => {
      const code = await send();
      const results = await Promise.all([verify(code), verify(code), verify(code)]);
      assert.equal(results.filter(Boolean).length, 1);
    });

    it('refuses a second send to one phone within a minute', async () => {
      await send();
      t.clock.advance(59_000);
      await rejectsWith(sendCode(t.ctx, PHONE, 'login', '198.51.100.99'), 'rate_limited');
      t.clock.advance(2000);
      await send();
      assert.equal((await otpRows()).length, 2, 'the refused send wrote nothing');
      assert.equal((await listOutbox(t.ctx, { to: PHONE })).length, 2);
    });

    it('holds the caps against a burst of concurrent sends', async () => {
      const sends = await Promise.allSettled(
        Array.from({ length: 10 }, () => sendCode(t.ctx, PHONE, 'login', IP)),
      );
      const sent = sends.filter((r) => r.status === 'fulfilled').length;
      assert.equal(sent, 1, 'one code a minute, however many requests arrive at once');
      for (const r of sends) {
        if (r.status === 'rejected')
          assert.equal((r.reason as { code?: string }).code, 'rate_limited');
      }
      assert.equal((await listOutbox(t.ctx, { to: PHONE })).length, 1);
    });

    it('refuses more than 10 sends to one phone a day', async () => {
      for (let i = 0; i < 10; i++) {
        await sendCode(t.ctx, PHONE, 'login', `10.0.0.${i}`);
        t.clock.advance(61_000);
      }
      await rejectsWith(sendCode(t.ctx, PHONE, 'login', '10.0.1.1'), 'rate_limited');
      t.clock.advance(24 * 3_600_000);
      await sendCode(t.ctx, PHONE, 'login', '10.0.1.1');
    });

    it('refuses more than 20 sends an hour from one IP, not from another', async () => {
      for (let i = 0; i < 20; i++)
        await sendCode(t.ctx, `139000020${String(i).padStart(2, '0')}`, 'login', IP);
      await rejectsWith(sendCode(t.ctx, '13900002099', 'login', IP), 'rate_limited');
      await sendCode(t.ctx, '13900002099', 'login', '198.51.100.21');
      t.clock.advance(3_600_000 + 1000);
      await sendCode(t.ctx, '13900002098', 'login', IP);
    });

    it('keeps the code and its message in one transaction: a rollback leaves neither', async () => {
      const phone = '13900003333';
      const id = newId();
      const jobCount = async () =>
        Number(
          (
            await t.ctx.db.kysely
              .selectFrom('yimen_job')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const jobsBefore = await jobCount();
      await assert.rejects(
        t.ctx.db.kysely.transaction().execute(async (trx) => {
          const now = t.ctx.now();
          await trx
            .insertInto('otp_code')
            .values({
              id,
              purpose: 'login',
              phone_hash: piiCodec(t.config.secret).hash(phone),
              code_hash: piiCodec(t.config.secret).hash(`${id}:123456`),
              attempts: 0,
              created_at: now.toISOString(),
              expires_at: new Date(now.getTime() + CODE_TTL_MS).toISOString(),
              used_at: null,
              ip: IP,
            })
            .execute();
          await enqueueMessage(t.ctx, trx, {
            to: phone,
            template: 'auth.sms_code',
            params: { code: '123456', purpose: '登录' },
            idempotencyKey: `otp:${id}`,
          });
          assert.equal((await trx.selectFrom('outbox_message').select('id').execute()).length, 1);
          throw new Error('the business step after the enqueue failed');
        }),
        /failed/,
      );
      assert.deepEqual(await listOutbox(t.ctx, { to: phone }), []);
      assert.deepEqual(await otpRows(phone), []);
      assert.equal(await jobCount(), jobsBefore, 'nor its delivery job');
    });
  });
}
