// Demo letters of the city (made up for this platform): questions, proposals,
// complaints and requests for help to the 市长信箱 and departments' mailboxes
// over the past half year, most answered, some still in hand, one report, one
// rejected and one duplicate.
import type { LetterType } from './tables.ts';

export interface DemoLetter {
  /** Department mailbox (organisation code), or null for the 市长信箱. */
  mailbox: string | null;
  type: LetterType;
  /** The department that leads (organisation code); null while awaiting triage. */
  lead: string | null;
  subject: string;
  body: string;
  /** The reply, when one was sent. */
  reply?: string;
  publish: boolean;
  /** Days before the seed run that the letter arrived. */
  daysAgo: number;
  /** Working days the reply took (late when beyond the type's deadline). */
  took?: number;
  rating?: 1 | 2 | 3;
  rejected?: string;
  /** Index (in this list) of the letter this one duplicates. */
  duplicateOf?: number;
}

export const DEMO_LETTERS: DemoLetter[] = [
  {
    mailbox: null,
    type: 'complain',
    lead: 'housing',
    subject: '汇川区某小区电梯频繁故障',
    body: '我住在汇川区一个2012年建成的小区，7号楼的电梯近两个月停运了五次，有一次困人近半小时。物业说维修资金申请流程长，迟迟不更换主板。家里有行动不便的老人，上下楼非常困难，恳请有关部门督促处理。',
    reply:
      '您好！收到来信后，市住建局会同汇川区住建局、市场监管部门到小区现场核查。经检测，该电梯控制主板老化，已责成物业企业启动住宅专项维修资金应急使用程序，更换工作已于本周完成并通过检验。今后我局将加强对老旧电梯的巡查。感谢您的监督！',
    publish: true,
    daysAgo: 170,
    took: 9,
    rating: 3,
  },
  {
    mailbox: 'education',
    type: 'consult',
    lead: 'education',
    subject: '随迁子女小学入学需要哪些材料',
    body: '我和爱人在新蒲新区工作三年，孩子明年满六周岁，户籍在外省。请问随迁子女在本市读小学需要准备哪些材料，什么时候报名？',
    reply:
      '您好！随迁子女申请义务教育阶段入学，一般需提供：居住证或居住登记凭证、父母一方在本市的就业或经营证明、户口簿和儿童出生证明。报名时间一般在每年6月，具体以所在区县教育局发布的招生公告为准，届时可在“遵义教育”公众号在线登记。如有疑问可拨打所在区县教育局招生咨询电话。',
    publish: true,
    daysAgo: 160,
    took: 3,
    rating: 3,
  },
  {
    mailbox: null,
    type: 'suggest',
    lead: 'transport',
    subject: '建议开通高铁站至新蒲大学城夜班公交',
    body: '每周五和周日晚上有大量学生从遵义站返回大学城，最后一班公交晚上九点就结束了，只能打车或等很久。建议周末增开夜班线路，或把末班车延长到十一点。',
    reply:
      '您好！感谢您的建议。经客流调查，周五、周日晚间遵义站至大学城方向客流较大。我局已协调公交集团，自下月起在周五、周日及法定节假日前一天将相关线路末班车延长至22时30分，并根据客流增开区间车。欢迎继续提出意见。',
    publish: true,
    daysAgo: 150,
    took: 12,
    rating: 3,
  },
  {
    mailbox: 'health',
    type: 'help',
    lead: 'health',
    subject: '母亲需要长期上门护理怎么申请',
    body: '母亲八十二岁，中风后卧床，每周需要换药和测血糖。请问社区卫生服务中心能否提供上门护理，费用如何报销？',
    reply:
      '您好！您可以到户籍或居住地所在的社区卫生服务中心申请家庭医生签约服务，对失能、半失能老人可提供上门巡诊、换药、血糖监测等服务。符合条件的上门服务项目可按规定纳入医保支付，具体可咨询签约的家庭医生团队。我局已将您的情况转告红花岗区卫健局，社区医生将主动与您联系。',
    publish: true,
    daysAgo: 140,
    took: 4,
    rating: 3,
  },
  {
    mailbox: null,
    type: 'complain',
    lead: 'ecology',
    subject: '工业园区夜间异味严重',
    body: '住在园区附近的居民反映，最近一个月每到晚上十点以后就有刺鼻的气味，窗户都不敢开。希望环保部门查一查是哪家企业排放的。',
    reply:
      '您好！收到来信后，市生态环境局组织执法人员连续五个夜间开展走航监测和突击检查，发现一家涂装企业废气处理设施未正常运行，已依法立案查处并责令停产整改。整改完成前不得恢复生产。我们将持续开展夜间巡查，欢迎继续监督。',
    publish: true,
    daysAgo: 130,
    took: 16,
    rating: 2,
  },
  {
    mailbox: 'hrss',
    type: 'consult',
    lead: 'hrss',
    subject: '灵活就业人员如何缴纳养老保险',
    body: '我在网上开店，没有单位。想问一下灵活就业人员怎么参加职工养老保险，缴费基数可以选吗？',
    reply:
      '您好！灵活就业人员可携带身份证到参保地社保经办窗口或通过“贵州人社”网上平台办理参保登记。缴费基数可在全省公布的缴费基数上下限之间自主选择，按月、按季或按年缴纳均可。详情可拨打12333咨询。',
    publish: true,
    daysAgo: 120,
    took: 2,
    rating: 3,
  },
  {
    mailbox: null,
    type: 'suggest',
    lead: 'culture-tourism',
    subject: '建议红色景区增加无障碍设施',
    body: '带坐轮椅的父亲参观红色景区，发现部分展馆入口只有台阶，卫生间也没有无障碍间。建议增加坡道和无障碍卫生间，方便老年人和残疾人参观。',
    reply:
      '您好！感谢您的宝贵建议。我局已对全市A级景区无障碍设施进行排查，列出需改造点位32处，其中主要红色景区的入口坡道和无障碍卫生间改造将在年内完成。改造期间景区将提供轮椅借用和工作人员协助服务。',
    publish: true,
    daysAgo: 110,
    took: 14,
    rating: 3,
  },
  {
    mailbox: 'market-regulation',
    type: 'complain',
    lead: 'market-regulation',
    subject: '预付费健身卡门店关门无法退款',
    body: '去年在一家健身房办了年卡，交了2800元，上个月门店突然关门，老板联系不上。和我一样的会员有一百多人，请问该怎么维权？',
    reply:
      '您好！我局已对该经营者立案调查，并会同属地派出所开展工作。目前已登记受影响会员信息，正在督促经营者制定退费方案。请您保留缴费凭证，通过12315平台登记诉求，我们会及时告知处理进展。同时提醒市民谨慎办理大额预付卡。',
    publish: true,
    daysAgo: 100,
    took: 17,
    rating: 1,
  },
  {
    mailbox: null,
    type: 'report',
    lead: 'market-regulation',
    subject: '举报某药店违规销售处方药',
    body: '某药店不需要处方就卖抗生素，还向老人推销所谓保健品，请查处。',
    reply: '您好！收到您的举报后，我局已组织执法人员检查，对发现的问题依法处理。感谢您的举报。',
    publish: true,
    daysAgo: 95,
    took: 8,
    rating: 3,
  },
  {
    mailbox: 'medical-insurance',
    type: 'consult',
    lead: 'medical-insurance',
    subject: '异地就医备案后能直接结算吗',
    body: '父母户籍在遵义，常年在广州帮我带孩子。请问办理异地就医备案后，在广州住院能不能直接结算？门诊呢？',
    reply:
      '您好！办理异地长期居住备案后，在备案地开通跨省直接结算的定点医疗机构住院可直接结算；普通门诊和部分门诊慢特病也已开通跨省直接结算。备案可通过国家医保服务平台APP办理，即时生效。',
    publish: true,
    daysAgo: 80,
    took: 3,
    rating: 3,
  },
  {
    mailbox: null,
    type: 'help',
    lead: 'civil-affairs',
    subject: '独居老人冬季取暖困难',
    body: '我家隔壁一位独居老人，八十多岁，子女在外地，冬天家里很冷，电暖器坏了也舍不得修。能不能请社区帮帮忙？',
    reply:
      '您好！市民政局已联系所在街道和社区，社区工作人员已上门看望老人，为其送去取暖器和棉被，并将老人纳入特殊困难老年人探访关爱对象，每周上门探访。感谢您对邻里的关心。',
    publish: true,
    daysAgo: 60,
    took: 2,
    rating: 3,
  },
  {
    mailbox: 'natural-resources',
    type: 'consult',
    lead: 'natural-resources',
    subject: '农村宅基地翻建需要办哪些手续',
    body: '老家房子是八十年代的土坯房，想原址翻建成两层砖混房。请问需要办哪些审批手续？',
    reply:
      '您好！农村村民在原宅基地上翻建住房，需向所在村集体经济组织提出申请，经乡镇人民政府审核，办理乡村建设规划许可证后方可动工，建筑面积和层数应符合当地规定。具体可咨询所在乡镇自然资源所。',
    publish: false,
    daysAgo: 45,
    took: 6,
    rating: 2,
  },
  {
    mailbox: null,
    type: 'complain',
    lead: 'transport',
    subject: '出租车拒载和绕路问题',
    body: '晚上在火车站打车，多辆出租车拒载短途乘客，还有司机故意绕路。希望加强管理。',
    reply:
      '您好！市交通运输局已在火车站片区开展出租车专项整治，增派执法人员夜间值守，对拒载、绕路等行为依法查处，并公布监督电话。您遇到此类问题时可记下车牌号拨打12328投诉。',
    publish: true,
    daysAgo: 35,
    took: 11,
  },
  {
    mailbox: 'housing-fund',
    type: 'consult',
    lead: 'housing-fund',
    subject: '公积金能否用于加装电梯',
    body: '我们单元准备加装电梯，每户要分摊费用。请问住房公积金可以提取用于加装电梯吗？',
    reply:
      '您好！按照我市规定，既有住宅加装电梯的，业主及其配偶可申请提取住房公积金，用于支付本人应分摊的费用，提取金额不超过实际分摊金额。需提供加装电梯相关批准文件和费用分摊协议。',
    publish: true,
    daysAgo: 20,
    took: 3,
  },
  {
    mailbox: null,
    type: 'suggest',
    lead: 'agriculture',
    subject: '建议为茶农提供病虫害绿色防控培训',
    body: '我是湄潭的茶农，近两年茶小绿叶蝉比较严重，大家不太会用绿色防控的方法。建议农业部门在春茶前组织培训。',
    publish: true,
    daysAgo: 12,
  },
  {
    mailbox: 'education',
    type: 'complain',
    lead: 'education',
    subject: '学校周边交通拥堵影响学生安全',
    body: '每天早上七点半，学校门口接送车辆乱停，学生过马路很危险。建议设置临时停车区并安排交警疏导。',
    publish: true,
    daysAgo: 25,
  },
  {
    mailbox: null,
    type: 'consult',
    lead: null,
    subject: '新能源汽车充电桩安装审批',
    body: '在小区自有车位上安装充电桩，物业要求提供供电部门和有关部门的审批，请问需要到哪里办理？',
    publish: true,
    daysAgo: 1,
  },
  {
    mailbox: null,
    type: 'complain',
    lead: null,
    subject: '邻居民事纠纷请求判决',
    body: '邻居占用我家院墙搭建棚子，协商不成，请市长信箱直接判决让他拆除。',
    publish: false,
    daysAgo: 50,
    rejected:
      '您反映的相邻关系纠纷属于民事争议，依法应通过人民调解或向人民法院起诉解决，不属于市长信箱受理范围。建议向所在村（居）委会人民调解委员会申请调解。',
  },
  {
    mailbox: null,
    type: 'complain',
    lead: null,
    subject: '健身房关门卷款跑路',
    body: '健身房老板跑路了，我的年卡钱退不回来，请政府帮忙追讨。',
    publish: true,
    daysAgo: 99,
    duplicateOf: 7,
  },
];
