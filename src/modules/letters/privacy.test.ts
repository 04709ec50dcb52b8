// Privacy: what reaches the public (the letter list, a letter page, the search
// provider) is only answered, publishable, non-举报 letters, and their text
// carries no name, phone or ID number of the writer.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../../../test/helpers/databases.ts';
import {
  SEARCH_UPDATE_JOB,
  type SearchDocument,
  type SearchUpdate,
} from '../../platform/search.ts';
import { removePersonalData } from './privacy.ts';
import { listPublicLetters, publicLetter } from './public.ts';
import { letterSearchProvider } from './search-provider.ts';
import type { LetterType } from './tables.ts';
import { type LettersWorld, openLettersWorld } from './test-support.ts';
import { assignLetter } from './triage.ts';

describe('removePersonalData', () => {
  it('masks ID-card numbers, phones, e-mail, card numbers and introduced names', () => {
    const text =
      '我叫赵大海，身份证号52030219850312123X，手机13985012345，座机0851-28831234，' +
      '邮箱zhao@example.com，银行卡6222021234567890123，联系人：钱多多。';
    const out = removePersonalData(text);
    for (const secret of [
      '赵大海',
      '52030219850312123X',
      '13985012345',
      '28831234',
      'zhao@',
      '6222021234567890123',
      '钱多多',
    ])
      assert.ok(!out.includes(secret), `${secret} is removed: ${out}`);
    assert.match(out, /身份证号已隐去/);
    assert.match(out, /电话已隐去/);
  });

  it('masks the writer’s own names wherever they appear, longest first', () => {
    const out = removePersonalData('王小明反映：小明家楼下噪音扰民。', ['小明', '王小明']);
    assert.ok(!out.includes('小明'), out);
  });

  it('masks a salutation naming the writer in a reply', () => {
    const out = removePersonalData('周明您好：经核查已处理。请李女士放心。');
    assert.ok(!out.includes('周明') && !out.includes('李女士'), out);
  });

  it('leaves ordinary numbers such as years, amounts and house numbers alone', () => {
    const text = '2026年共投入资金350万元，涉及12栋楼、第3期工程。';
    assert.equal(removePersonalData(text), text);
  });
});

const SECRET_PHONE = '13985099999';
const SECRET_ID = '520302199001011237';

for (const dialect of dialects) {
  describe(`public letters and search [${dialect}]`, () => {
    let w: LettersWorld;
    const ids: Record<string, string> = {};
    const docs: SearchDocument[] = [];

    async function answered(key: string, type: LetterType, mayPublish: boolean, body?: string) {
      const { id } = await w.write({
        type,
        mayPublish,
        subject: `${key}：关于社区卫生服务的反映`,
        body:
          body ??
          `我是王小明，电话${SECRET_PHONE}，身份证${SECRET_ID}，反映社区卫生服务中心周末不开诊的问题。`,
      });
      await assignLetter(w.ctx, w.office, id, { orgIds: [w.org('health')] });
      await w.answer(id, 'health', '王小明您好：经核实，社区卫生服务中心自下月起周六上午开诊。');
      ids[key] = id;
    }

    before(async () => {
      w = await openLettersWorld(dialect, '2026-11-02T02:00:00.000Z');
      await answered('公开', 'consult', true);
      await answered('不公开', 'consult', false);
      await answered('举报', 'report', true, '举报某诊所无证行医，地址在汇川区某路，请查处。');
      // Written and assigned, not yet answered.
      const open = await w.write({ subject: '未答复：关于路灯维修' });
      await assignLetter(w.ctx, w.office, open.id, { orgIds: [w.org('housing')] });
      ids.未答复 = open.id;
      for await (const batch of letterSearchProvider.all(w.ctx)) docs.push(...batch);
    });
    after(() => w.close());

    it('publishes only the answered letter whose writer allowed it', async () => {
      const { items, total } = await listPublicLetters(w.ctx, {}, 1, 50);
      assert.equal(total, 1);
      assert.deepEqual(
        items.map((l) => l.id),
        [ids.公开],
      );
      assert.ok(await publicLetter(w.ctx, ids.公开!));
      for (const key of ['不公开', '举报', '未答复']) {
        assert.equal(await publicLetter(w.ctx, ids[key]!), null, `${key} has no public page`);
      }
    });

    it('never gives the search index an unpublished letter or a 举报', async () => {
      assert.deepEqual(
        docs.map((d) => d.sourceId),
        [ids.公开],
      );
      assert.equal(docs[0]!.type, 'letter');
      assert.equal(docs[0]!.source, 'letters');
      for (const key of ['不公开', '举报', '未答复'])
        assert.equal(await letterSearchProvider.load(w.ctx, ids[key]!), null, key);
    });

    it('keeps the writer’s name, phone and ID number out of public text and search', async () => {
      const page = await publicLetter(w.ctx, ids.公开!);
      const doc = await letterSearchProvider.load(w.ctx, ids.公开!);
      for (const text of [JSON.stringify(page), JSON.stringify(doc)]) {
        for (const secret of [SECRET_PHONE, SECRET_ID, '王小明', '小明'])
          assert.ok(!text.includes(secret), `${secret} is not public`);
      }
      assert.match(page!.reply, /周六上午开诊/);
      assert.equal(page!.department, '遵义市卫生健康局');
      // Searching for the phone number finds nothing: the filter reads masked text.
      assert.equal((await listPublicLetters(w.ctx, { q: SECRET_PHONE }, 1, 10)).total, 0);
      assert.equal((await listPublicLetters(w.ctx, { q: '周末不开诊' }, 1, 10)).total, 1);
    });

    it('asks the search index to refresh each letter whose reply was sent', async () => {
      const jobs = await w.ctx.db.kysely
        .selectFrom('yimen_job')
        .select('payload')
        .where('name', '=', SEARCH_UPDATE_JOB)
        .execute();
      const asked = jobs.map((j) => JSON.parse(j.payload) as SearchUpdate);
      // Every answered letter is asked about; the provider's load decides what is public.
      assert.deepEqual(
        asked.map((a) => a.sourceId).sort(),
        [ids.公开!, ids.不公开!, ids.举报!].sort(),
      );
      assert.ok(asked.every((a) => a.source === 'letters'));
    });
  });
}
