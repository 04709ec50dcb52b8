// The content back office through its real routes: an editor writes an item
// (with CSRF), finds it in 我的稿件, and it passes 三审 through reviewers'
// queues and decisions; other sites' people are refused; unknown form fields
// change nothing; sensitive terms show their exact span; revisions diff and
// restore.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getItem, listRevisions } from '../../src/modules/content/items.ts';
import { setTerm } from '../../src/modules/content/sensitive.ts';
import { itemIdFrom, type Newsroom, openNewsroom, postForm } from '../helpers/content.ts';
import { dialects } from '../helpers/databases.ts';

for (const dialect of dialects) {
  describe(`content back office: editing and review [${dialect}]`, () => {
    let n: Newsroom;
    before(async () => {
      n = await openNewsroom(dialect);
    });
    after(() => n.aa.close());

    async function write(title: string, body = `<p>${title}的正文。</p>`, extra = {}) {
      const editor = n.agents.editor!;
      const form = await editor.get('/admin/content/new?channel=party-news');
      assert.equal(form.statusCode, 200, form.body.slice(0, 500));
      const res = await postForm(editor, '/admin/content/new', {
        channel: 'party-news',
        type: 'article',
        title,
        summary: '',
        body,
        audiences: ['citizen', 'business'],
        topics: ['economy'],
        ...extra,
      });
      assert.equal(res.statusCode, 303, res.body.slice(0, 800));
      return itemIdFrom(res);
    }

    it('lets an editor write an item through the form and find it in 我的稿件', async () => {
      const editor = n.agents.editor!;
      const chooser = await editor.get('/admin/content/new');
      assert.equal(chooser.statusCode, 200);
      assert.match(chooser.body, /href="\/admin\/content\/new\?channel=party-news"/);
      assert.doesNotMatch(
        chooser.body,
        /channel=government-news/,
        'only sites the editor writes for',
      );
      const id = await write(
        '市委召开全体会议',
        '<p>会议<strong>强调</strong>。</p><script>alert(1)</script>',
      );
      const item = await getItem(n.aa.ctx, id);
      assert.equal(item.site_code, 'party');
      assert.equal(item.author_id, n.users.editor!.account.id);
      assert.equal(item.body_html, '<p>会议<strong>强调</strong>。</p>', 'sanitised on the server');
      assert.deepEqual(JSON.parse(item.audiences), ['citizen', 'business']);
      const list = await editor.get('/admin/content');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /市委召开全体会议/);
      const filtered = await editor.get(
        '/admin/content?q=%E4%B8%8D%E5%AD%98%E5%9C%A8&workflow=draft',
      );
      assert.doesNotMatch(filtered.body, /市委召开全体会议/, 'the title filter applies');
      const byTitle = await editor.get('/admin/content?q=%E5%85%A8%E4%BD%93&workflow=draft');
      assert.match(byTitle.body, /市委召开全体会议/);
      // Without the CSRF token nothing is created.
      const before = (await n.aa.ctx.db.kysely.selectFrom('content_item').select('id').execute())
        .length;
      const forged = await n.aa.app.inject({
        method: 'POST',
        url: '/admin/content/new',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: editor.cookie },
        payload: 'channel=party-news&type=article&title=forged',
      });
      assert.equal(forged.statusCode, 403);
      const after = (await n.aa.ctx.db.kysely.selectFrom('content_item').select('id').execute())
        .length;
      assert.equal(after, before);
    });

    it('moves an item through each reviewer’s queue, one level at a time', async () => {
      const id = await write('三审流转');
      const { r1, r2, r3, editor } = n.agents;
      const submit = await postForm(editor!, `/admin/content/${id}/submit`, {});
      assert.equal(submit.statusCode, 303, submit.body.slice(0, 500));
      const inQueue = async (who: typeof r1) =>
        (await who!.get('/admin/content/review')).body.includes(id);
      assert.equal(await inQueue(r1), true, '初审 reviewer sees it at level 1');
      assert.equal(await inQueue(r2), true, 'a 复审 reviewer may also approve level 1');
      assert.equal(await inQueue(n.agents.govReviewer), false, 'another site’s reviewer does not');
      assert.equal(
        (await postForm(r1!, `/admin/content/${id}/approve`, { comment: '' })).statusCode,
        303,
      );
      assert.equal((await getItem(n.aa.ctx, id)).review_level, 2);
      assert.equal(await inQueue(r1), false, 'level 2 is beyond the 初审 reviewer');
      assert.equal(await inQueue(r2), true);
      const wrongLevel = await postForm(r1!, `/admin/content/${id}/approve`, { comment: '' });
      assert.equal(wrongLevel.statusCode, 403);
      assert.match(wrongLevel.body, /没有该站点复审的权限/);
      assert.equal(
        (await postForm(r2!, `/admin/content/${id}/approve`, { comment: '同意' })).statusCode,
        303,
      );
      const page = await r3!.get(`/admin/content/${id}`);
      assert.match(page.body, /当前审级：终审/);
      assert.match(page.body, /复审通过/);
      assert.match(page.body, /同意/);
      assert.equal(
        (await postForm(r3!, `/admin/content/${id}/approve`, { comment: '' })).statusCode,
        303,
      );
      const live = await getItem(n.aa.ctx, id);
      assert.equal(live.publication, 'published');
      const history = await editor!.get(`/admin/content/${id}`);
      for (const step of ['提交审核', '初审通过', '复审通过', '终审通过', '发布'])
        assert.match(history.body, new RegExp(step));
      assert.match(history.body, /测试r2/, 'actors by name');
    });

    it('returns with a required comment, shown in the history', async () => {
      const id = await write('退回流程');
      const { r1, editor } = n.agents;
      await postForm(editor!, `/admin/content/${id}/submit`, {});
      const empty = await postForm(r1!, `/admin/content/${id}/return`, { comment: '  ' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /退回时必须填写意见/);
      assert.equal((await getItem(n.aa.ctx, id)).workflow, 'in_review');
      const res = await postForm(r1!, `/admin/content/${id}/return`, {
        comment: '第二段数据需核实',
      });
      assert.equal(res.statusCode, 303);
      assert.equal((await getItem(n.aa.ctx, id)).workflow, 'returned');
      const page = await editor!.get(`/admin/content/${id}`);
      assert.match(page.body, /初审退回/);
      assert.match(page.body, /第二段数据需核实/);
    });

    it('refuses people of other sites, whatever they post', async () => {
      const id = await write('跨站访问');
      await postForm(n.agents.editor!, `/admin/content/${id}/submit`, {});
      const gov = n.agents.govReviewer!;
      assert.equal((await gov.get(`/admin/content/${id}`)).statusCode, 403);
      assert.equal(
        (await postForm(gov, `/admin/content/${id}/approve`, { comment: '' })).statusCode,
        403,
      );
      assert.equal(
        (await postForm(gov, `/admin/content/${id}/return`, { comment: 'x' })).statusCode,
        403,
      );
      assert.equal((await getItem(n.aa.ctx, id)).review_level, 1, 'nothing changed');
      const govEditor = n.agents.govEditor!;
      const draft = await write('政府编辑不能改');
      assert.equal((await govEditor.get(`/admin/content/${draft}/edit`)).statusCode, 403);
      const res = await postForm(govEditor, `/admin/content/${draft}/edit`, { title: '篡改' });
      assert.equal(res.statusCode, 403);
      assert.equal((await listRevisions(n.aa.ctx, draft)).length, 1);
      assert.equal((await govEditor.get('/admin/content/new?channel=party-news')).statusCode, 403);
      const denied = await n.aa.ctx.db.kysely
        .selectFrom('audit_log')
        .select('detail')
        .where('action', '=', 'authz.denied')
        .execute();
      assert.ok(denied.some((d) => String(d.detail).includes('content.edit@site:party')));
    });

    it('refuses fields the form does not have (mass assignment) and changes nothing', async () => {
      const id = await write('字段白名单');
      const editor = n.agents.editor!;
      const extras: Record<string, string>[] = [
        { site_code: 'government' },
        { publication: 'published' },
        { author_id: n.users.r1!.account.id },
      ];
      for (const extra of extras) {
        const res = await postForm(editor, `/admin/content/${id}/edit`, {
          title: '改过了',
          ...extra,
        });
        assert.equal(res.statusCode, 400, JSON.stringify(extra));
        assert.match(res.body, /含有不允许的字段/);
      }
      const created = await postForm(editor, '/admin/content/new', {
        channel: 'party-news',
        type: 'article',
        title: '新稿件',
        publication: 'published',
      });
      assert.equal(created.statusCode, 400);
      const item = await getItem(n.aa.ctx, id);
      assert.equal(item.site_code, 'party');
      assert.equal(item.publication, 'unpublished');
      assert.equal(item.author_id, n.users.editor!.account.id);
      assert.equal(item.working_revision, 1);
      assert.equal(
        (
          await n.aa.ctx.db.kysely
            .selectFrom('content_item')
            .select('id')
            .where('title', '=', '新稿件')
            .execute()
        ).length,
        0,
      );
    });

    it('shows sensitive-term hits with their exact span, and blocks submission on a severe one', async () => {
      await setTerm(n.aa.ctx, { term: '截止', severity: 'warn', suggestion: '截至', note: null });
      await setTerm(n.aa.ctx, {
        term: '台湾政府',
        severity: 'block',
        suggestion: '台湾当局',
        note: null,
      });
      const id = await write('数据统计', '<p>统计数据截止十月底。</p>');
      const page = await n.agents.editor!.get(`/admin/content/${id}/edit?ok=saved`);
      assert.match(page.body, /发现 1 处可能有误的表述/);
      assert.match(page.body, /…统计数据<mark>截止<\/mark>十月底。…/);
      assert.match(page.body, /第 5–6 字/);
      assert.match(page.body, /建议改为“截至”/);
      const bad = await write('严重错误', '<p>与台湾政府有关的表述。</p>');
      const blocked = await postForm(n.agents.editor!, `/admin/content/${bad}/submit`, {});
      assert.equal(blocked.statusCode, 400);
      assert.match(blocked.body, /严重错误表述/);
      assert.match(blocked.body, /<mark>台湾政府<\/mark>/);
      assert.equal((await getItem(n.aa.ctx, bad)).workflow, 'draft');
    });

    it('diffs revisions with <ins> and <del>, and restores an old one as a new revision', async () => {
      const id = await write('版本对比', '<p>市委召开全会，研究部署下一步工作。</p>');
      const editor = n.agents.editor!;
      const saved = await postForm(editor, `/admin/content/${id}/edit`, {
        title: '版本对比',
        body: '<p>市委召开全体会议，研究部署明年工作。</p>',
        audiences: 'citizen',
      });
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 500));
      const list = await editor.get(`/admin/content/${id}/revisions`);
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /第 2 版|（工作版本）/);
      const diff = await editor.get(`/admin/content/${id}/revisions/2`);
      assert.equal(diff.statusCode, 200);
      assert.match(diff.body, /<del><span class="visually-hidden">［删除］<\/span>全会<\/del>/);
      assert.match(diff.body, /<ins><span class="visually-hidden">［新增］<\/span>全体会议<\/ins>/);
      assert.match(diff.body, /<del><span class="visually-hidden">［删除］<\/span>下一步<\/del>/);
      const restore = await postForm(editor, `/admin/content/${id}/revisions/1/restore`, {});
      assert.equal(restore.statusCode, 303);
      const item = await getItem(n.aa.ctx, id);
      assert.equal(item.working_revision, 3);
      const revs = await listRevisions(n.aa.ctx, id);
      assert.equal(revs[0]!.body_html, '<p>市委召开全会，研究部署下一步工作。</p>');
      const history = await editor.get(`/admin/content/${id}`);
      assert.match(history.body, /恢复自第 1 版/);
      assert.equal(
        (await n.agents.govEditor!.get(`/admin/content/${id}/revisions/2`)).statusCode,
        403,
      );
    });

    it('renders the preview as the public page, marked and not indexable', async () => {
      const id = await write('预览稿件', '<p>预览正文。</p>');
      const res = await n.agents.editor!.get(`/admin/content/${id}/preview`);
      assert.equal(res.statusCode, 200, res.body.slice(0, 500));
      assert.match(res.body, /<meta name="robots" content="noindex, nofollow"\/>/);
      assert.match(res.body, /class="preview-banner"/);
      assert.match(res.body, /预览正文。/);
      assert.equal(res.headers['cache-control'], 'no-store');
    });
  });
}
