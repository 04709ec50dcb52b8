// Demo data for `yimen seed`: one closed solicitation with its feedback
// summary, one open solicitation with moderated comments, one open survey
// with responses, and a few error reports (one answered). Windows are set
// relative to the day of seeding so the open ones are open. Idempotent: rows
// have fixed ids and an existing row is never touched.
//
// Demo comments and responses carry placeholder account ids that match no
// account: no real or demo person is tied to them.
import type { Insertable } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import type { AppContext } from '../../platform/module.ts';
import { audit } from '../identity/audit-events.ts';
import { beijingDate, dayStart, type Executor } from './common.ts';
import { REPORT_DEADLINE_DAYS } from './feedback.ts';

const id = (n: string) => `0190a000-0000-7000-8000-${n.padStart(12, '0')}`;
const SEED = { id: null, name: 'demo-seed' };

type Seeder = (trx: Executor, today: string) => Promise<boolean>;

async function insertOnce<T extends keyof Database>(
  trx: Executor,
  table: T,
  key: string,
  row: Insertable<Database[T]>,
): Promise<boolean> {
  // biome-ignore lint/suspicious/noExplicitAny: one helper for several tables
  const found = await (trx as any)
    .selectFrom(table)
    .select('id')
    .where('id', '=', key)
    .executeTakeFirst();
  if (found) return false;
  // biome-ignore lint/suspicious/noExplicitAny: one helper for several tables
  await (trx as any).insertInto(table).values(row).execute();
  return true;
}

const day = (today: string, offset: number) => beijingDate(dayStart(today, offset));
const at = (today: string, offset: number, hour: number) =>
  new Date(Date.parse(dayStart(today, offset)) + hour * 3_600_000).toISOString();

const closedConsultation: Seeder = async (trx, today) => {
  const cid = id('c001');
  const created = await insertOnce(trx, 'consultation', cid, {
    id: cid,
    site_code: 'government',
    department: '市城市管理局',
    title: '《中心城区户外广告设置管理办法（征求意见稿）》公开征求意见',
    body: [
      '为规范中心城区户外广告设置，提升城市容貌品质，市城市管理局起草了《中心城区户外广告设置管理办法（征求意见稿）》，现向社会公开征求意见。',
      '一、适用范围：本办法适用于中心城区建成区内户外广告设施的设置、维护和拆除。',
      '二、主要内容：明确禁设区域和限设区域；规定设置审批时限为十个工作日；设施设置人应每季度开展一次安全检查。',
      '三、意见反馈：请于征集期内通过本页面提交意见。',
    ].join('\n\n'),
    opens_at: dayStart(today, -60),
    closes_at: dayStart(today, -30),
    status: 'published',
    summary: [
      '征集期内共收到有效意见17条，经认真研究，采纳6条，部分采纳4条，未采纳7条。',
      '采纳的主要意见：将学校、医院周边50米范围纳入限设区域；安全检查结果向社会公开。',
      '未采纳的主要意见及理由：取消全部楼顶广告——现行法规允许符合安全标准的楼顶广告，本办法改为从严审批。',
    ].join('\n\n'),
    summary_published_at: at(today, -20, 2),
    created_by: null,
    created_at: at(today, -61, 2),
    updated_at: at(today, -20, 2),
  });
  if (created)
    for (const [n, name, body] of [
      ['c011', '市民周女士', '建议把学校和医院周边也列为限设区域，减少对学生和病人的干扰。'],
      ['c012', '市民陈先生', '安全检查的结果能不能在网上公布？这样大家更放心。'],
    ] as const)
      await trx
        .insertInto('consultation_comment')
        .values({
          id: id(n),
          consultation_id: cid,
          account_id: id(`a${n}`),
          author_name: name,
          body,
          status: 'shown',
          flagged: '[]',
          created_at: at(today, -50, 3),
          moderated_by: null,
          moderated_at: at(today, -49, 2),
        })
        .execute();
  return created;
};

const openConsultation: Seeder = async (trx, today) => {
  const cid = id('c002');
  const created = await insertOnce(trx, 'consultation', cid, {
    id: cid,
    site_code: 'government',
    department: '市交通运输局',
    title: '《中心城区公交线网优化方案（征求意见稿）》公开征求意见',
    body: [
      '为方便市民出行，市交通运输局编制了《中心城区公交线网优化方案（征求意见稿）》，现公开征求社会各界意见。',
      '一、优化目标：中心城区公交站点500米覆盖率达到95%以上，高峰时段平均候车时间不超过8分钟。',
      '二、主要调整：新开通3条社区微循环线路；调整5条线路走向，减少与轨道交通的重复；延长2条线路的末班时间至22:30。',
      '三、征集时间：自发布之日起30日内。',
    ].join('\n\n'),
    opens_at: dayStart(today, -5),
    closes_at: dayStart(today, 25),
    status: 'published',
    summary: null,
    summary_published_at: null,
    created_by: null,
    created_at: at(today, -6, 2),
    updated_at: at(today, -6, 2),
  });
  if (created)
    for (const [n, name, body, status] of [
      ['c021', '市民刘先生', '新区到老城的线路早高峰很挤，建议加密班次。', 'shown'],
      ['c022', '市民杨女士', '末班车延长到22:30很好，希望医院附近的线路也能延长。', 'shown'],
      ['c023', '市民', '建议增加一条经过火车站的夜班线路。', 'pending'],
    ] as const)
      await trx
        .insertInto('consultation_comment')
        .values({
          id: id(n),
          consultation_id: cid,
          account_id: id(`a${n}`),
          author_name: name,
          body,
          status,
          flagged: '[]',
          created_at: at(today, -3, 4),
          moderated_by: null,
          moderated_at: status === 'shown' ? at(today, -2, 2) : null,
        })
        .execute();
  return created;
};

const QUESTIONS = [
  ['5101', 'single', '您通常通过什么设备访问本网站？', 1, ['手机', '电脑', '平板电脑']],
  [
    '5102',
    'multiple',
    '您主要在本网站做什么？',
    0,
    ['查看新闻和通知', '查询政策文件', '在线办事', '咨询投诉'],
  ],
  ['5103', 'rating', '您对本网站的总体满意度', 1, []],
  ['5104', 'text', '您对本网站还有什么建议？', 0, []],
] as const;

/** Deterministic answers: response n picks by simple arithmetic, no randomness. */
function demoAnswers(n: number): [string, string][] {
  const answers: [string, string][] = [
    ['5101', String(n % 3 === 0 ? 1 : 0)],
    ['5102', JSON.stringify(n % 2 === 0 ? [0, 2] : [1])],
    ['5103', String([5, 4, 4, 3, 5, 4, 2, 5, 4, 3, 4, 5][n % 12])],
  ];
  if (n % 4 === 0)
    answers.push([
      '5104',
      JSON.stringify(
        [
          '希望办事指南能写得更简单一些。',
          '搜索结果能按时间排序就好了。',
          '老年人模式字体很清楚，点赞。',
        ][(n / 4) % 3],
      ),
    ]);
  return answers;
}

const survey: Seeder = async (trx, today) => {
  const sid = id('5001');
  const created = await insertOnce(trx, 'survey', sid, {
    id: sid,
    site_code: 'portal',
    title: '政府门户网站用户满意度调查',
    intro:
      '为了解您对政府门户网站的使用感受，我们开展本次调查。问卷共4题，约需2分钟，结果仅用于改进网站。',
    opens_at: dayStart(today, -10),
    closes_at: dayStart(today, 20),
    status: 'published',
    created_by: null,
    created_at: at(today, -11, 2),
    updated_at: at(today, -11, 2),
  });
  if (!created) return false;
  for (const [n, kind, prompt, required, options] of QUESTIONS)
    await trx
      .insertInto('survey_question')
      .values({
        id: id(n),
        survey_id: sid,
        position: Number(n) - 5100,
        kind,
        prompt,
        required,
        options: JSON.stringify(options),
      })
      .execute();
  for (let n = 1; n <= 12; n += 1) {
    const rid = id(String(5200 + n));
    await trx
      .insertInto('survey_response')
      .values({
        id: rid,
        survey_id: sid,
        account_id: id(String(9200 + n)),
        created_at: at(today, -10 + (n % 9), 3),
      })
      .execute();
    const rows = demoAnswers(n).map(([q, value]) => ({
      response_id: rid,
      question_id: id(q),
      value,
    }));
    await trx.insertInto('survey_answer').values(rows).execute();
  }
  return true;
};

const reports: Seeder = async (trx, today) => {
  let any = false;
  for (const [n, code, site, url, kind, description, answered] of [
    [
      'f001',
      'DEMO4K7PQ2RX',
      'government',
      '/sites/government/',
      'broken_link',
      '首页“政务服务”栏目下的“不动产登记”链接打开后显示页面不存在。',
      true,
    ],
    [
      'f002',
      'DEMO8MZT3HWC',
      'citizens',
      '/citizens/',
      'outdated',
      '市民页面的“供暖服务热线”还是去年的号码。',
      false,
    ],
    [
      'f003',
      'DEMO2NB6YJ5E',
      'portal',
      '/',
      'typo',
      '首页通知公告第二条标题中“遵义”写成了“尊义”。',
      false,
    ],
  ] as const) {
    const created = await insertOnce(trx, 'feedback_report', id(n), {
      id: id(n),
      code,
      site_code: site,
      page_url: url,
      kind,
      description,
      contact_channel: null,
      contact_enc: null,
      contact_masked: null,
      ip_hash: 'demo',
      status: answered ? 'fixed' : 'open',
      due_on: day(today, answered ? -1 : REPORT_DEADLINE_DAYS),
      answer: answered ? '感谢您的反馈。链接已更正为新版不动产登记服务页面。' : null,
      handled_by: null,
      handled_at: answered ? at(today, -2, 3) : null,
      created_at: at(today, answered ? -6 : -1, 2),
    });
    any ||= created;
  }
  return any;
};

/** Seed what is missing; each created part is audited in its own transaction. */
export async function seedParticipation(ctx: AppContext, progress: (line: string) => void) {
  const now = ctx.now();
  const today = beijingDate(now.toISOString());
  const parts: [string, Seeder][] = [
    ['closed solicitation', closedConsultation],
    ['open solicitation', openConsultation],
    ['survey', survey],
    ['error reports', reports],
  ];
  for (const [what, seeder] of parts) {
    const created = await ctx.db.kysely.transaction().execute(async (trx) => {
      const done = await seeder(trx, today);
      if (done)
        await audit(ctx, trx, {
          actor: SEED,
          action: 'participation.seed',
          targetType: 'demo',
          targetId: what,
          outcome: 'success',
        });
      return done;
    });
    progress(`participation ${what}: ${created ? 'added' : 'already present'}`);
  }
}
