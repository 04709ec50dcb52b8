// Personal data the database may hold (RELIABILITY row 13, 等保 个人信息保护):
// every column whose name says it holds personal information must be on this
// reviewed list, so adding one fails this test until someone has decided it
// is needed and how it is protected. Phone, ID-number and recipient columns
// must be encrypted (…_enc) or keyed hashes (…_hash), never plaintext.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openTestContext, type TestContext } from './helpers/databases.ts';

const PERSONAL =
  /phone|mobile|id_number|idcard|real_name|legal_rep|contact|email|recipient|address|^ip$|_ip$|user_agent|birth|gender/i;
const MUST_BE_PROTECTED = /phone|mobile|id_number|idcard|recipient/i;
/** Offices' published contact data: public, not personal. */
const PUBLIC_CONTACT = new Set([
  'organisation.phone',
  'service_items.consult_phone',
  'service_items.complaint_phone',
]);

/** Reviewed: each column, why it exists, and how it is protected. */
const REVIEWED = new Set([
  'account.phone_enc', // sign-in and SMS codes; AES-256-GCM
  'account.phone_hash', // lookup and uniqueness; HMAC
  'account.id_number_enc', // optional real-name check; AES-256-GCM
  'account.id_number_hash', // uniqueness; HMAC
  'account.real_name', // real-name accounts, enterprise contact; shown to the owner and PI-authorised staff
  'account.legal_representative', // enterprise accounts (public business information)
  'account.email', // staff and optional notices
  'organisation.phone', // an office's public phone number
  'organisation.address', // an office's public address
  'organisation.email', // an office's public mailbox
  'session.ip', // security: the user's own session list, admin revocation
  'session.user_agent', // same
  'otp_code.ip', // cost-attack limits on SMS codes
  'audit_log.actor_ip', // 等保 安全审计: who did what from where
  'outbox_message.recipient_enc', // where a message goes; AES-256-GCM
  'outbox_message.recipient_hash', // rate limits and search by recipient; HMAC
  'outbox_message.email_enc', // the e-mail body for one recipient; AES-256-GCM
  'otp_code.phone_hash', // which phone a code was sent to; HMAC
  'notify_subscription.address_enc', // where a subscriber wants notices; AES-256-GCM
  'notify_subscription.address_hash', // unsubscribe by TD and duplicates; HMAC
  'site.contact', // a site's public contact line (footer)
  'letter.phone_enc', // a writer without an account: the phone verified by SMS code, for the reply notice; AES-256-GCM
  'letter.phone_hash', // tracking a letter by 查询码 and phone; HMAC
  'feedback_report.contact_enc', // optional 找错 reporter contact, for the one answer; AES-256-GCM, erased once answered
  'feedback_report.contact_masked', // the editors' queue shows only 139****1234 / a***@host
  'feedback_report.contact_channel', // sms or email: which template answers; no personal data
  'service_items.consult_phone', // a service guide's public 咨询电话 (an office line)
  'service_items.complaint_phone', // a service guide's public 投诉电话 (an office line)
  'application.phone_enc', // status SMS to the applicant; AES-256-GCM
  'application.phone_tail_hash', // public progress lookup by the last four digits; HMAC
]);

describe('personal-data columns', () => {
  let t: TestContext;
  before(async () => {
    t = await openTestContext('sqlite');
  });
  after(() => t.close());

  it('are exactly the reviewed ones, and phone/ID/recipient columns are never plaintext', async () => {
    const tables = await sql<{
      name: string;
    }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(
      t.ctx.db.kysely,
    );
    const found = new Set<string>();
    for (const { name } of tables.rows) {
      const columns = t.ctx.db.sqlite!.pragma(`table_info(${name})`) as { name: string }[];
      for (const c of columns) if (PERSONAL.test(c.name)) found.add(`${name}.${c.name}`);
    }
    const unreviewed = [...found].filter((c) => !REVIEWED.has(c)).sort();
    const gone = [...REVIEWED].filter((c) => !found.has(c)).sort();
    assert.deepEqual(
      unreviewed,
      [],
      'new personal-data columns: review them and add them to the list',
    );
    assert.deepEqual(gone, [], 'reviewed columns that no longer exist: remove them from the list');
    for (const column of found) {
      const field = column.split('.')[1]!;
      if (MUST_BE_PROTECTED.test(field) && !PUBLIC_CONTACT.has(column))
        assert.match(field, /_(enc|hash)$/, `${column} must be encrypted or hashed`);
    }
  });
});
