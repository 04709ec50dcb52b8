// Recurring 市政府 items composed from hand-written building blocks: the
// executive meetings (常务会议), quarterly economic figures, the quarterly
// website inspection reports and press conferences on new policies.
import { nth } from '../compose.ts';
import { org, type PolicySpec } from '../policy-compose.ts';
import { addDays, cnDate, type DemoItem, p, table, ul } from '../types.ts';

type Agenda = [topic: string, text: string];

const MEETINGS: { date: string; n: number; subjects: string; agenda: Agenda[] }[] = [
  {
    date: '2025-01-17',
    n: 58,
    subjects: '春节期间安全生产和市场保供、政府工作报告征求意见稿修改',
    agenda: [
      [
        'safety',
        '会议听取了春节前后安全生产工作安排的汇报。会议要求，要紧盯道路交通、燃气、消防、烟花爆竹等重点领域，开展节前安全大检查，严防各类事故发生。',
      ],
      [
        'economy',
        '会议研究了春节期间市场保供稳价工作。会议指出，要加强粮油肉菜等重要民生商品储备和调运，加强价格监测，确保群众过一个欢乐祥和的节日。',
      ],
      [
        'governance',
        '会议讨论了《政府工作报告（征求意见稿）》。会议要求，要认真吸纳各方面意见，把报告修改好，确保提出的目标任务实事求是、可量化、可考核。',
      ],
    ],
  },
  {
    date: '2025-03-07',
    n: 61,
    subjects: '稳岗扩岗、春耕生产和城市更新',
    agenda: [
      [
        'employment',
        '会议审议通过了《遵义市支持稳岗扩岗若干措施》。会议指出，要把稳就业放在更加突出的位置，让政策资金尽快直达企业和劳动者。',
      ],
      [
        'agriculture',
        '会议听取了春耕生产准备情况汇报。会议要求，要抓好种子、化肥、农药等农资供应和价格监管，做好农技指导服务，确保不误农时。',
      ],
      [
        'housing',
        '会议研究了中心城区城市更新工作。会议强调，城市更新要坚持“留改拆”并举、以保留利用提升为主，多听群众意见，不搞大拆大建。',
      ],
    ],
  },
  {
    date: '2025-05-06',
    n: 64,
    subjects: '安全生产治本攻坚、防汛准备和文旅消费',
    agenda: [
      [
        'safety',
        '会议审议通过了《遵义市安全生产治本攻坚行动实施方案》。会议要求，要建立重大事故隐患清单和整改清单，对隐患整改实行闭环管理。',
      ],
      [
        'safety',
        '会议听取了汛前准备工作情况汇报。会议强调，要逐一落实水库、山洪灾害危险区和地质灾害隐患点包保责任人，确保安全度汛。',
      ],
      [
        'tourism',
        '会议研究了促进文旅消费工作。会议指出，要丰富夜间消费、研学旅游、康养度假等产品，提升旅游服务质量，吸引游客留下来、住下来。',
      ],
    ],
  },
  {
    date: '2025-06-20',
    n: 67,
    subjects: '1—5月经济运行、产业招商和耕地保护',
    agenda: [
      [
        'investment',
        '会议听取了1—5月全市经济运行情况汇报。会议指出，要抓紧抓实重点项目建设，加大产业招商力度，确保完成全年目标任务。',
      ],
      [
        'investment',
        '会议审议通过了《关于促进产业招商高质量发展的若干措施》。会议要求，招商引资要坚持依法合规，从“拼优惠”转向“拼服务、拼生态”。',
      ],
      [
        'agriculture',
        '会议研究了耕地保护和粮食安全责任制考核工作。会议强调，要坚决遏制耕地“非农化”、防止“非粮化”，守住耕地保护红线。',
      ],
    ],
  },
  {
    date: '2025-09-19',
    n: 70,
    subjects: '城乡居民医保参保、养老服务和秋冬季大气污染防治',
    agenda: [
      [
        'health',
        '会议听取了2026年度城乡居民医保参保缴费工作安排。会议要求，要加强政策宣传，落实困难群众资助参保政策，确保应保尽保。',
      ],
      [
        'elderly',
        '会议审议通过了经济困难高龄失能老年人养老服务补贴实施办法。会议指出，要把补贴真正转化为老年人享受到的服务，严防冒领套取。',
      ],
      [
        'ecology',
        '会议研究了秋冬季大气污染防治工作。会议要求，要加强工业企业、建筑工地和道路扬尘管控，推进燃煤设施清洁能源替代。',
      ],
    ],
  },
  {
    date: '2025-11-07',
    n: 73,
    subjects: '停车收费调整、冬季供水供气保障和根治欠薪',
    agenda: [
      [
        'transport',
        '会议研究了中心城区机动车停放服务收费标准调整方案。会议指出，要通过价格杠杆提高泊位周转率，同时增加停车供给，做好政策解释工作。',
      ],
      [
        'housing',
        '会议听取了冬季城市供水供气保障工作汇报。会议要求，要提前做好管网巡检和应急抢修准备，确保群众安全温暖过冬。',
      ],
      [
        'employment',
        '会议研究了根治欠薪冬季专项行动。会议强调，要全面排查工程建设领域欠薪隐患，确保农民工工资按时足额支付，让农民工安心回家过年。',
      ],
    ],
  },
  {
    date: '2026-01-09',
    n: 76,
    subjects: '营商环境三年行动、2026年民生实事和春运工作',
    agenda: [
      [
        'business-environment',
        '会议审议通过了《遵义市持续优化营商环境三年行动方案（2026—2028年）》。会议要求，要对照目标任务逐项细化措施，每半年通报进展。',
      ],
      [
        'governance',
        '会议研究了2026年市级民生实事候选项目。会议指出，候选项目要聚焦群众急难愁盼，资金来源明确，确保能干成、干得好。',
      ],
      [
        'transport',
        '会议听取了2026年春运工作安排。会议强调，要加强运力调配和道路安全管理，做好返乡务工人员出行服务。',
      ],
    ],
  },
  {
    date: '2026-02-13',
    n: 78,
    subjects: '稳就业促增收、乡村振兴重点任务和森林防火',
    agenda: [
      [
        'employment',
        '会议审议通过了《关于进一步稳就业促增收的若干措施》。会议指出，要突出高校毕业生、农民工等重点群体，推动政策“免申即享”。',
      ],
      [
        'agriculture',
        '会议研究了2026年乡村全面振兴重点任务分工。会议要求，要抓好粮食生产和特色产业发展，巩固拓展脱贫攻坚成果。',
      ],
      [
        'safety',
        '会议听取了春季森林防火工作汇报。会议强调，要严管野外用火，加强重点时段、重点区域巡查，确保不发生重大森林火灾。',
      ],
    ],
  },
  {
    date: '2026-04-10',
    n: 81,
    subjects: '防汛抗旱、义务教育招生和辣椒产业发展',
    agenda: [
      [
        'safety',
        '会议听取了2026年防汛抗旱工作部署情况汇报。会议要求，要完成汛前隐患排查整改，完善预警和转移避险机制。',
      ],
      [
        'education',
        '会议研究了2026年义务教育招生入学工作。会议指出，要坚持免试就近入学，保障随迁子女平等接受义务教育。',
      ],
      [
        'agriculture',
        '会议听取了辣椒产业发展情况汇报。会议要求，要推进标准化基地建设和产地初加工，提高辣椒产业附加值。',
      ],
    ],
  },
  {
    date: '2026-06-05',
    n: 83,
    subjects: '支持住房需求、高污染燃料禁燃区管理和口袋公园建设',
    agenda: [
      [
        'housing',
        '会议审议通过了《关于支持刚性和改善性住房需求的若干措施》。会议要求，要加快补贴兑付，做好保交房工作。',
      ],
      [
        'ecology',
        '会议研究了中心城区高污染燃料禁燃区调整后的过渡期工作。会议强调，要对困难家庭燃煤设施改造给予帮扶。',
      ],
      [
        'ecology',
        '会议听取了“口袋公园”建设进展情况汇报。会议指出，要坚持小而美、见缝插绿，让群众推窗见绿、出门进园。',
      ],
    ],
  },
  {
    date: '2026-09-18',
    n: 86,
    subjects: '前三季度经济运行、秋季开学和国庆假期工作',
    agenda: [
      [
        'investment',
        '会议听取了1—8月全市经济运行情况汇报。会议要求，要紧盯全年目标，加快重大项目建设，促进消费持续回暖。',
      ],
      [
        'education',
        '会议听取了秋季开学工作情况汇报。会议强调，要加强校园及周边安全管理和食品安全监管。',
      ],
      [
        'tourism',
        '会议研究了国庆中秋假期旅游服务和安全保障工作。会议要求，要做好景区限流和分时预约，及时处理游客投诉。',
      ],
    ],
  },
  {
    date: '2026-11-13',
    n: 89,
    subjects: '冬季安全生产、2027年民生实事征集和政府信息公开',
    agenda: [
      [
        'safety',
        '会议研究了冬季安全生产和森林防火工作。会议强调，要加强燃气、消防和道路结冰路段的安全管理。',
      ],
      [
        'governance',
        '会议听取了2027年民生实事项目建议征集情况汇报。会议要求，要把群众建议作为项目遴选的重要依据。',
      ],
      [
        'governance',
        '会议研究了政府信息公开工作。会议指出，要及时准确公开政策文件和解读，做到文件发布与解读同步。',
      ],
    ],
  },
];

const CLOSINGS = [
  '会议还研究了其他事项。',
  '会议还研究了其他事项，对近期重点工作作出安排。',
  '会议还听取了有关工作情况汇报。',
];

function meetings(): DemoItem[] {
  return MEETINGS.map((m, i) => ({
    site: 'government',
    channel: 'news',
    type: 'article',
    slug: `changwu-huiyi-${m.n}`,
    title: `市人民政府召开第${m.n}次常务会议`,
    summary: `研究${m.subjects}等工作。`,
    body:
      p(`${cnDate(m.date)}，市人民政府召开第${m.n}次常务会议，研究${m.subjects}等工作。`) +
      m.agenda.map(([, text]) => p(text)).join('') +
      p(nth(CLOSINGS, i)),
    date: addDays(m.date, 1),
    audiences: ['gov'],
    topics: [...new Set(m.agenda.map(([t]) => t))],
    push: i % 3 === 0 ? ['portal', 'gov'] : ['gov'],
  }));
}

// Quarterly figures: [period, published, GDP growth, industry, investment, retail, urban income, rural income]
const QUARTERS: [string, string, number, number, number, number, number, number][] = [
  ['2025年一季度', '2025-04-22', 5.6, 6.8, 4.1, 5.2, 5.0, 6.7],
  ['2025年上半年', '2025-07-23', 5.5, 6.5, 3.8, 5.0, 4.9, 6.5],
  ['2025年前三季度', '2025-10-24', 5.4, 6.3, 3.5, 4.8, 4.9, 6.4],
  ['2025年', '2026-01-27', 5.4, 6.2, 3.2, 4.9, 4.8, 6.5],
  ['2026年一季度', '2026-04-23', 5.3, 6.6, 4.4, 5.1, 4.7, 6.3],
  ['2026年上半年', '2026-07-22', 5.4, 6.9, 4.0, 5.3, 4.8, 6.4],
  ['2026年前三季度', '2026-10-23', 5.5, 7.0, 3.9, 5.4, 4.9, 6.4],
];

const ECONOMY_TITLES = [
  '经济运行总体平稳',
  '经济运行稳中有进',
  '经济运行稳中向好',
  '经济发展质量持续提升',
];

function economy(): DemoItem[] {
  return QUARTERS.map(([period, date, gdp, ind, inv, retail, urban, rural], i) => ({
    site: 'government',
    channel: 'news',
    type: 'article',
    slug: `jingji-yunxing-${date.slice(0, 7)}`,
    title: `${period}全市${nth(ECONOMY_TITLES, i)}`,
    body:
      p(
        `根据地区生产总值统一核算结果，${period}全市地区生产总值按不变价格计算，同比增长${gdp.toFixed(1)}%。${gdp >= 5.5 ? '增速高于全省平均水平，' : ''}主要指标保持在合理区间。`,
      ) +
      table(
        `${period}主要经济指标`,
        ['指标', '同比增长（%）'],
        [
          ['地区生产总值', gdp.toFixed(1)],
          ['规模以上工业增加值', ind.toFixed(1)],
          ['固定资产投资', inv.toFixed(1)],
          ['社会消费品零售总额', retail.toFixed(1)],
          ['城镇常住居民人均可支配收入', urban.toFixed(1)],
          ['农村常住居民人均可支配收入', rural.toFixed(1)],
        ],
      ) +
      p(
        `工业生产${ind >= 6.5 ? '较快增长' : '稳定增长'}，白酒、新能源电池材料、装备制造等重点产业支撑有力。消费市场${retail >= 5 ? '持续回暖' : '保持稳定'}，文旅消费、新能源汽车销售增长较快。`,
      ) +
      p(
        `居民收入稳步增加，农村居民收入增速快于城镇居民${(rural - urban).toFixed(1)}个百分点。下一步，全市将继续抓项目、促消费、稳就业，推动经济持续向好。`,
      ),
    date,
    audiences: ['gov', 'investor'],
    topics: ['investment'],
    org: 'ndrc',
  }));
}

// Quarterly website inspections: [quarter, published, sites, accounts, pass rate, typos, stale columns, broken links]
const INSPECTIONS: [string, string, number, number, number, number, number, number][] = [
  ['2025年第一季度', '2025-04-10', 46, 112, 97.8, 12, 5, 38],
  ['2025年第二季度', '2025-07-09', 46, 109, 100, 7, 3, 21],
  ['2025年第三季度', '2025-10-15', 45, 108, 97.8, 9, 4, 26],
  ['2025年第四季度', '2026-01-14', 45, 104, 100, 5, 2, 17],
  ['2026年第一季度', '2026-04-09', 45, 101, 100, 6, 2, 15],
  ['2026年第二季度', '2026-07-08', 44, 99, 100, 4, 1, 12],
  ['2026年第三季度', '2026-10-14', 44, 98, 100, 3, 1, 9],
];

function inspections(): DemoItem[] {
  return INSPECTIONS.map(([q, date, sites, accounts, rate, typos, stale, links], i) => ({
    site: 'government',
    channel: 'notices',
    type: 'notice',
    slug: `wangzhan-jiancha-tongbao-${date.slice(0, 7)}`,
    title: `遵义市人民政府办公室关于${q}全市政府网站和政务新媒体检查情况的通报`,
    body:
      p('各县（市、区）人民政府，新区管委会，市人民政府各工作部门、各直属机构：') +
      p(
        `按照政府网站和政务新媒体检查指标要求，市政府办公室对全市${sites}家政府网站和${accounts}个政务新媒体账号开展了${q}检查，总体合格率为${rate}%。现将有关情况通报如下。`,
      ) +
      p('检查发现的主要问题：') +
      ul([
        `错别字和不规范表述${typos}处，主要集中在动态信息栏目；`,
        `栏目更新不及时${stale}个，个别栏目超过规定时限未更新；`,
        `链接失效或错链${links}处；`,
        i % 2 === 0
          ? '个别政策文件未同步发布解读材料，或解读未与文件相互关联；'
          : '部分互动留言答复时间较长，答复内容不够具体；',
      ]) +
      p(
        '各单位要对照问题清单立即整改，整改情况于本通报印发之日起10个工作日内报市政府办公室。请进一步落实信息发布“三审”制度，加强错敏词检查，确保政府网站内容准确、安全。',
      ) +
      p('遵义市人民政府办公室') +
      p(cnDate(date)),
    date,
    audiences: ['gov'],
    topics: ['governance'],
    org: 'gov-office',
  }));
}

/** A press conference on the day a policy is released (for the main policies). */
function pressConference(spec: PolicySpec, i: number): DemoItem {
  const who = org(spec.contactOrg ?? spec.org);
  const name = spec.issues ?? spec.title.replace(/^.*?关于/, '关于');
  const date = addDays(spec.published, 2);
  const [q, a] = spec.qa[0] ?? ['', ''];
  return {
    site: 'government',
    channel: 'news',
    type: 'article',
    slug: `fabuhui-${spec.key}`,
    title: `市政府新闻办就《${name}》举行新闻发布会`,
    body:
      p(
        `${cnDate(date)}，市政府新闻办召开新闻发布会，${who.shortName}负责同志介绍《${name}》有关情况，并回答记者提问。`,
      ) +
      p(
        `据介绍，${spec.background.split('。').slice(-2, -1)[0] ?? spec.background}。文件主要有以下内容：`,
      ) +
      ul(spec.highlights) +
      (q ? p(`在回答“${q.replace(/？$/, '')}”的提问时，发布人表示：${a}`) : '') +
      p(
        nth(
          [
            '发布会现场还发放了政策明白卡。',
            '发布会通过门户网站进行了图文直播。',
            '有关部门负责同志出席发布会并回答提问。',
          ],
          i,
        ),
      ),
    date,
    audiences: spec.audiences,
    topics: spec.topics,
    org: spec.contactOrg ?? spec.org,
  };
}

export function govSeries(policies: readonly PolicySpec[]): DemoItem[] {
  const briefed = policies.filter((s) => s.site === 'government' && s.push?.includes('portal'));
  return [...meetings(), ...economy(), ...inspections(), ...briefed.map(pressConference)];
}
