import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DomainError } from '../../platform/errors.ts';
import { setTerm } from '../content/sensitive.ts';
import { listOutbox } from '../notify/outbox.ts';
import type { Staff } from './common.ts';
import {
  listReports,
  lookupReport,
  onSitePath,
  REPORTS_PER_HOUR,
  reportFor,
  resolveReport,
  submitReport,
} from './feedback.ts';
import { auditActions, dialects, type Harness, openHarness } from './test-support/harness.ts';

const fields = (e: unknown) => (e instanceof DomainError ? e.fields : undefined);

describe('on-site page addresses', () => {
  const base = 'https://www.example.gov.cn';
  it('accepts paths and absolute URLs of this site only', () => {
    assert.equal(onSitePath('/gov/news/a.html?x=1', base), '/gov/news/a.html?x=1');
    assert.equal(onSitePath('https://www.example.gov.cn/gov/', base), '/gov/');
    for (const bad of [
      '//evil.example/x',
      'https://evil.example/gov/',
      'javascript:alert(1)',
      '/a b',
      '\\\\x',
      '',
    ])
      assert.equal(onSitePath(bad, base), undefined, bad);
  });
});

for (const dialect of dialects) {
  describe(`我为政府网站找错 [${dialect}]`, () => {
    let h: Harness;
    let govEditor: Staff;
    let partyEditor: Staff;

    before(async () => {
      h = await openHarness(dialect);
      govEditor = await h.staff('editor', 'site:gov');
      partyEditor = await h.staff('editor', 'site:party');
    });
    after(() => h.close());

    it('files a report for the site of the page, due in working days, and answers the reporter', async () => {
      const { id, code } = await submitReport(
        h.ctx,
        {
          pageUrl: '/gov/news/2026-11-30-notice.html',
          kind: 'broken_link',
          description: '附件“申报表.docx”的链接打不开，<script>alert(1)</script>',
          contact: '13900001234',
        },
        { ip: '203.0.113.7' },
      );
      const stored = await reportFor(h.ctx, govEditor.grants, id);
      assert.equal(stored.site_code, 'gov');
      assert.equal(stored.status, 'open');
      // Tuesday 2026-12-01 plus five working days (the weekend skipped) is Tuesday 2026-12-08.
      assert.equal(stored.due_on, '2026-12-08');
      assert.equal(stored.contact_masked, '139****1234');
      assert.ok(!stored.contact_enc?.includes('13900001234'), 'contact encrypted at rest');
      assert.match(stored.description, /<script>/, 'kept as text; pages escape it');

      // Another site's editor neither lists nor opens it.
      assert.deepEqual(await listReports(h.ctx, partyEditor.grants), []);
      await assert.rejects(reportFor(h.ctx, partyEditor.grants, id), /没有这条报告/);
      await assert.rejects(
        resolveReport(h.ctx, partyEditor, id, { outcome: 'fixed', answer: '已修正' }),
        /没有这条报告/,
      );

      const before = await lookupReport(h.ctx, code);
      assert.equal(before?.status, 'open');
      assert.equal(before?.answer, null);

      await resolveReport(h.ctx, govEditor, id, {
        outcome: 'fixed',
        answer: '感谢指正，附件链接已修复。',
      });
      const seen = await lookupReport(h.ctx, code.toLowerCase());
      assert.equal(seen?.status, 'fixed');
      assert.equal(seen?.answer, '感谢指正，附件链接已修复。');
      const answeredRow = await reportFor(h.ctx, govEditor.grants, id);
      assert.equal(answeredRow.contact_enc, null, 'the contact is erased once answered');
      assert.equal(answeredRow.contact_masked, '139****1234');
      const [sms] = await listOutbox(h.ctx, { to: '13900001234' });
      assert.equal(sms?.template, 'feedback.answered.sms');
      assert.ok(sms?.body.includes(code), 'the SMS carries the lookup code');
      await assert.rejects(
        resolveReport(h.ctx, govEditor, id, { outcome: 'fixed', answer: '再次' }),
        /已经处理过/,
      );
      assert.deepEqual(await auditActions(h.ctx, 'feedback.'), [
        'feedback.report.submit',
        'feedback.report.resolve',
      ]);
    });

    it('refuses off-site addresses, unknown kinds, bad contacts and blocked words, saving nothing', async () => {
      const count = async () => (await listReports(h.ctx, govEditor.grants)).length;
      const n = await count();
      const err = await submitReport(
        h.ctx,
        { pageUrl: 'https://evil.example/', kind: 'nonsense', description: '短', contact: 'abc' },
        { ip: '203.0.113.8' },
      ).catch((e: unknown) => e);
      assert.deepEqual(Object.keys(fields(err) ?? {}).sort(), ['description', 'kind', 'page_url']);
      await setTerm(h.ctx, { term: '违禁词样例', severity: 'block', suggestion: null, note: null });
      const blocked = await submitReport(
        h.ctx,
        { pageUrl: '/gov/', kind: 'other', description: '这里有违禁词样例出现', contact: '' },
        { ip: '203.0.113.8' },
      ).catch((e: unknown) => e);
      assert.match(fields(blocked)?.description ?? '', /不允许发布/);
      assert.equal(await count(), n);
    });

    it('limits reports per address', async () => {
      const report = () =>
        submitReport(
          h.ctx,
          { pageUrl: '/citizens/', kind: 'typo', description: '页面标题有错别字', contact: '' },
          { ip: '198.51.100.99' },
        );
      for (let i = 0; i < REPORTS_PER_HOUR; i += 1) await report();
      await assert.rejects(report(), (e: unknown) => e instanceof DomainError && e.status === 429);
      h.advance(3_600_001);
      await report();
    });
  });
}
