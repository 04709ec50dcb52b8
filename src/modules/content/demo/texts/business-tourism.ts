// The 企业, 投资 and 旅游 audience portals' own channel: hand-written guides
// and introductions, the monthly 惠企政策申报日历 composed from a calendar of
// recurring filings, and the monthly 文旅活动 previews.
import { cnMonth, type Entry, entry as e, nth } from '../compose.ts';
import { type DemoItem, p, table, ul } from '../types.ts';

export const businessGuides: Entry[] = [
  e(
    '2025-05-28',
    'qiye-kaiban-yiwang-tongban',
    '企业开办“一网通办”操作指南',
    ['business', 'investor'],
    ['business-environment'],
    [
      '在遵义开办企业，可通过企业开办“一网通办”平台一次填报、一次提交，同步完成营业执照、公章刻制、发票申领、社保登记、住房公积金缴存登记和银行预约开户。',
      ul([
        '第一步：登录平台，实名认证后选择“企业开办”；',
        '第二步：填写企业名称、住所、经营范围、股东和人员信息；',
        '第三步：全体股东、法定代表人在线签名确认；',
        '第四步：审核通过后，可选择邮寄或窗口领取营业执照和免费刻制的印章。',
      ]),
      '材料齐全、符合法定形式的，1个工作日内办结。咨询电话：12345。',
    ],
    { org: 'market-regulation' },
  ),
  e(
    '2025-08-14',
    'qiye-xinyong-xiufu-zhiyin',
    '企业信用修复指引',
    ['business'],
    ['business-environment'],
    [
      '企业因行政处罚、列入经营异常名录等被公示失信信息的，在纠正失信行为、履行相关义务后，可以申请信用修复。',
      ul([
        '列入经营异常名录的，补报年度报告或更正公示信息后，可申请移出；',
        '一般行政处罚信息，最短公示期满3个月后可申请提前停止公示；',
        '申请信用修复一般需要提交申请书、守信承诺书和已履行义务的证明材料。',
      ]),
      '信用修复全程网上办理，不收取任何费用。请警惕以“付费修复信用”为名的诈骗。',
    ],
    { org: 'market-regulation' },
  ),
  e(
    '2026-02-10',
    'geti-gongshanghu-fuchi-zhengce',
    '个体工商户可以享受哪些扶持政策？',
    ['business', 'citizen'],
    ['business-environment', 'employment'],
    [
      '个体工商户是稳就业、促消费的重要力量。目前，个体工商户可以享受的主要扶持政策包括：',
      ul([
        '符合条件的小规模纳税人按规定享受增值税减免政策；',
        '首次创业、正常经营1年以上的，可申请5000元一次性创业补贴；',
        '可申请最高30万元的创业担保贷款并享受财政贴息；',
        '招用就业困难人员的，可申请社会保险补贴。',
      ]),
      '具体条件请咨询当地人社、税务和市场监管部门。',
    ],
  ),
  e(
    '2026-05-06',
    'shejiqi-jiancha-zonghe-chayici',
    '涉企行政检查推行“综合查一次”',
    ['business'],
    ['business-environment'],
    [
      '从今年起，我市在餐饮、建筑施工、商场超市等行业推行涉企行政检查“综合查一次”，多个部门对同一企业的检查事项合并为一次联合检查。',
      '推行以来，对同一企业的检查次数平均减少了40%以上。企业如遇重复检查、多头检查，可通过12345热线反映。',
    ],
    { org: 'market-regulation' },
  ),
];

// Recurring filings for enterprises: [months, text]
const FILINGS: [number[], (y: number) => string][] = [
  [[1, 2, 3, 4, 5, 6], (y) => `${y - 1}年度企业年度报告公示（1月1日至6月30日）`],
  [[1, 2, 3, 4, 5], (y) => `${y - 1}年度企业所得税汇算清缴（截至5月31日）`],
  [[3, 4], (y) => `${y}年辣椒产业发展扶持资金申报（截至4月30日）`],
  [[5, 6], (y) => `${y}年度高层次人才安家补贴申报（5月15日至6月15日）`],
  [[6, 7], () => '失业保险稳岗返还名单公示，符合条件的企业“免申即享”'],
  [[4, 5, 6, 7, 8, 9], () => '高新技术企业认定申报，请关注科技部门通知'],
  [[7], () => '社会保险缴费基数申报'],
  [
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    () => '一次性扩岗补助常年受理，可通过“遵义就业服务”平台在线申请',
  ],
];

function filingCalendar(): DemoItem[] {
  const months = [
    '2026-01',
    '2026-02',
    '2026-03',
    '2026-04',
    '2026-05',
    '2026-06',
    '2026-07',
    '2026-09',
  ];
  return months.map((month, i) => {
    const y = Number(month.slice(0, 4));
    const m = Number(month.slice(5, 7));
    const due = FILINGS.filter(([ms]) => ms.includes(m)).map(([, text]) => `${text(y)}；`);
    return {
      site: 'business',
      channel: 'news',
      type: 'article',
      slug: `huiqi-shenbao-rili-${month}`,
      title: `惠企政策申报日历｜${cnMonth(`${month}-01`)}`,
      body:
        p(`${cnMonth(`${month}-01`)}，以下惠企政策和涉企事项正在受理或即将截止，请企业及时关注：`) +
        ul(due) +
        p(
          nth(
            [
              '政策原文和办事指南可在门户网站“企业”频道查询。',
              '申报过程中遇到问题，可拨打12345热线，或到政务服务中心“企业服务专区”咨询。',
            ],
            i,
          ),
        ),
      date: `${month}-0${3 + (i % 4)}`,
      audiences: ['business'],
      topics: ['business-environment'],
    };
  });
}

export const investNews: Entry[] = [
  e(
    '2025-04-10',
    'touzi-zunyi-jingkaiqu',
    '遵义经济技术开发区：装备制造和新材料产业集聚地',
    ['investor'],
    ['investment'],
    [
      '遵义经济技术开发区是国家级经济技术开发区，重点发展航天装备制造、新能源电池材料、电子信息等产业，已形成较为完整的产业配套。',
      '开发区内标准厂房、人才公寓、职业院校等配套齐全，可为入驻企业提供“拎包入住”式服务。',
    ],
    { org: 'investment' },
  ),
  e(
    '2025-06-03',
    'touzi-baijiu-chanye',
    '投资遵义：优质白酒产业',
    ['investor'],
    ['investment'],
    [
      '遵义是世界酱香型白酒的核心产区，赤水河谷独特的气候、水质和土壤造就了酱香白酒的独特品质。',
      '围绕白酒产业，我市重点招引包装材料、酒用高粱种植加工、酒糟综合利用、物流仓储等配套项目，推动白酒产业链向上下游延伸。',
    ],
    { org: 'investment' },
  ),
  e(
    '2025-09-02',
    'touzi-cha-chanye',
    '投资遵义：茶产业',
    ['investor', 'rural'],
    ['investment', 'agriculture'],
    [
      '遵义是全国重要的茶叶主产区，茶园面积大、品质优，湄潭翠芽、遵义红等品牌知名度较高。',
      '我市欢迎企业投资茶叶精深加工、茶饮料、茶旅融合等项目，对符合条件的项目在用地、融资和人才方面给予支持。',
    ],
    { org: 'investment' },
  ),
  e(
    '2025-12-09',
    'touzi-xinnengyuan-cailiao',
    '投资遵义：新能源电池材料产业',
    ['investor'],
    ['investment'],
    [
      '依托丰富的锰、铝土矿等资源，我市正加快建设新能源电池材料产业集群，重点发展锰系正极材料、前驱体、电解液等产品。',
      '产业园区已建成专用变电站和污水处理设施，具备承接大型项目的条件。',
    ],
    { org: 'investment' },
  ),
  e(
    '2026-03-24',
    'touzi-fuwu-zhinan',
    '来遵投资服务指南',
    ['investor', 'business'],
    ['investment', 'business-environment'],
    [
      '投资者可通过以下方式获得服务：',
      ul([
        '投资咨询：市投资促进局提供产业政策、园区载体和项目信息咨询；',
        '项目落地：签约项目配备服务专员，全程代办审批手续；',
        '要素保障：协调用地、用电、用水、融资和人才招聘；',
        '问题反映：可通过12345热线或门户网站“投资”频道留言。',
      ]),
      table(
        '重点产业园区联系方式',
        ['园区', '主导产业', '联系电话'],
        [
          ['遵义经济技术开发区', '装备制造、新材料', '0851-28836100'],
          ['新蒲新区', '数字经济、现代服务业', '0851-28836200'],
          ['仁怀名酒工业园区', '白酒及配套', '0851-28836300'],
        ],
      ),
    ],
    { org: 'investment' },
  ),
  e(
    '2026-06-16',
    'zhaoshang-tuijiehui-shenzhen',
    '遵义市在深圳举办产业招商推介会',
    ['investor', 'business'],
    ['investment'],
    [
      '6月16日，遵义市产业招商推介会在深圳举行。推介会重点推介了新能源电池材料、电子信息、特色食品等产业的投资机会。',
      '推介会现场签约项目12个，涉及新材料、智能制造、农产品加工等领域。',
    ],
    { org: 'investment' },
  ),
  e(
    '2026-08-25',
    'xinpu-xinqu-shuzi-jingji',
    '新蒲新区：数字经济和现代服务业新高地',
    ['investor'],
    ['investment'],
    [
      '新蒲新区是遵义中心城区的重要组成部分，市级行政中心、高铁站和多所高校分布在区内。',
      '新区重点发展数字经济、现代物流、健康医疗等产业，已建成数据中心和软件产业园，欢迎企业入驻。',
    ],
    { org: 'investment' },
  ),
  e(
    '2026-10-20',
    'touzi-lajiao-jingshen-jiagong',
    '投资遵义：辣椒精深加工',
    ['investor', 'rural'],
    ['investment', 'agriculture'],
    [
      '遵义辣椒种植规模大、品质好，拥有全国知名的辣椒专业批发市场。',
      '我市欢迎企业投资辣椒调味品、辣椒红色素、辣椒碱提取等精深加工项目，并可依托批发市场发展冷链物流和电子商务。',
    ],
    { org: 'investment' },
  ),
];

export const tourismNews: Entry[] = [
  e(
    '2025-04-25',
    'lvyou-zunyi-huiyi-huizhi',
    '走进遵义会议会址：感受伟大转折',
    ['tourist'],
    ['tourism', 'red-culture'],
    [
      '遵义会议会址位于红花岗区老城，是全国重点文物保护单位。馆内通过文物、图片和场景复原，展示遵义会议的历史。',
      '参观实行免费预约，周一闭馆（节假日除外）。建议游客预留2小时左右参观时间，可同时游览周边的红军街、毛主席住居等。',
    ],
  ),
  e(
    '2025-07-08',
    'lvyou-chishui-danxia',
    '赤水丹霞：瀑布与桫椤的世界',
    ['tourist'],
    ['tourism', 'ecology'],
    [
      '赤水丹霞是世界自然遗产“中国丹霞”的组成部分，以丹霞地貌、瀑布群和桫椤林闻名。',
      '夏季是观赏瀑布的最佳季节。景区步道较多，建议游客穿着防滑鞋，雨天注意安全。',
    ],
  ),
  e(
    '2025-10-15',
    'lvyou-meitan-chahai',
    '湄潭茶海：秋日品茶好去处',
    ['tourist', 'rural'],
    ['tourism', 'agriculture'],
    [
      '湄潭万亩茶海层峦叠翠，游客可以参观茶园、体验采茶制茶，品尝当地茶点。',
      '周边有多家茶旅民宿，适合周末短途游和康养度假。',
    ],
  ),
  e(
    '2026-04-08',
    'lvyou-hailongtun',
    '海龙屯：探访世界文化遗产',
    ['tourist'],
    ['tourism'],
    [
      '海龙屯是世界文化遗产“土司遗址”的组成部分，山势险峻，保存有城墙、关隘等遗存。',
      '景区登山路段较长，建议游客合理安排体力，老人和儿童结伴同行。',
    ],
  ),
  e(
    '2025-06-12',
    'lvyou-loushanguan',
    '娄山关：雄关漫道真如铁',
    ['tourist'],
    ['tourism', 'red-culture'],
    [
      '娄山关位于遵义北部，地势险要，是红军长征途中的重要战场遗址。景区内有纪念碑、陈列馆和登山步道。',
      '登上关口，可远眺群山起伏。春季杜鹃花开，秋季红叶满山，是登高赏景的好去处。',
    ],
  ),
  e(
    '2025-09-18',
    'lvyou-tucheng-sidu-chishui',
    '土城古镇：四渡赤水的起点',
    ['tourist'],
    ['tourism', 'red-culture'],
    [
      '习水县土城古镇是红军一渡赤水的渡口所在地，古镇保存有青石板街和传统民居，建有四渡赤水纪念馆。',
      '游客可以在古镇品尝赤水河畔的特色美食，乘船游览赤水河。',
    ],
  ),
  e(
    '2026-02-06',
    'lvyou-jiaqi-chuxing-tishi',
    '春节假期来遵旅游出行提示',
    ['tourist', 'citizen'],
    ['tourism', 'transport'],
    [
      '春节假期是出游高峰。文旅部门提醒游客：热门景区实行分时预约，请提前在线预约；山区道路可能出现凝冻，自驾出行请关注路况信息。',
      '在景区、酒店消费请索要发票，如遇强制消费、价格欺诈等问题，可拨打12345热线投诉。',
    ],
  ),
  e(
    '2026-09-28',
    'lvyou-renhuai-jiu-wenhua',
    '仁怀：走进酱香白酒的故乡',
    ['tourist', 'investor'],
    ['tourism', 'investment'],
    [
      '仁怀市位于赤水河中游，是酱香型白酒的主产区。游客可以参观酒文化博物馆，了解酱香白酒“12987”传统工艺。',
      '沿赤水河分布着多家酒厂和酒庄，部分酒厂开放工业旅游线路。请游客理性饮酒，酒后不开车。',
    ],
  ),
];

// 文旅活动 previews: [YYYY-MM, highlights]
const EVENTS: [string, string[]][] = [
  [
    '2025-05',
    ['“5·19中国旅游日”国有A级景区免门票', '湄潭春茶采摘体验周', '红色研学夏令营开始报名'],
  ],
  ['2025-07', ['赤水河谷漂流季', '夜游遵义老城灯光秀', '乡村音乐节']],
  ['2025-10', ['国庆长征文化主题展演', '仁怀酱香酒文化节', '秋季茶博会']],
  ['2026-01', ['新春民俗文化展演', '非遗年货市集', '冰雪温泉康养季']],
  ['2026-04', ['赏花踏青季：油菜花和杜鹃花', '清明红色文化宣讲', '春季马拉松赛']],
  ['2026-06', ['端午龙舟赛', '乡村篮球邀请赛', '夏季露营节']],
  ['2026-08', ['暑期亲子研学季', '星空露营大会', '辣椒美食节']],
  ['2026-10', ['长征文化旅游月', '秋季徒步大会', '茶旅融合推介活动']],
];

function eventPreviews(): DemoItem[] {
  return EVENTS.map(([month, events], i) => ({
    site: 'tourism',
    channel: 'news',
    type: 'article',
    slug: `wenlv-huodong-${month}`,
    title: `${cnMonth(`${month}-01`)}遵义文旅活动预告`,
    body:
      p(`${cnMonth(`${month}-01`)}，全市将举办一系列文化和旅游活动，主要有：`) +
      ul(events) +
      p(
        nth(
          [
            '活动具体时间和地点以主办方发布的信息为准。出行前请关注天气和交通信息。',
            '部分活动需提前预约，请通过官方渠道报名。',
            '游客如需咨询或投诉，可拨打12345热线。',
          ],
          i,
        ),
      ),
    date: `${month}-0${5 + (i % 3)}`,
    audiences: ['tourist'],
    topics: ['tourism'],
    org: 'culture-tourism',
  }));
}

export function businessTourismSeries(): DemoItem[] {
  return [...filingCalendar(), ...eventPreviews()];
}
