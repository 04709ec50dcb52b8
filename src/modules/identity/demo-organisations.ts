// The demo city's organisation tree: the four institutions and the
// departments a prefecture-level city typically has. Phone numbers use the
// 0851 area code with made-up subscriber numbers.
import type { OrganisationInput } from './organisations.ts';

const ADDRESS = '遵义市新蒲新区市级行政中心';

const institutions: OrganisationInput[] = [
  {
    code: 'party',
    name: '中共遵义市委员会',
    shortName: '市委',
    kind: 'institution',
    docPrefix: '遵市委发',
    sortOrder: 1,
  },
  {
    code: 'npc',
    name: '遵义市人民代表大会常务委员会',
    shortName: '市人大常委会',
    kind: 'institution',
    docPrefix: '遵人大常发',
    sortOrder: 2,
  },
  {
    code: 'government',
    name: '遵义市人民政府',
    shortName: '市政府',
    kind: 'institution',
    docPrefix: '遵府发',
    sortOrder: 3,
  },
  {
    code: 'cppcc',
    name: '中国人民政治协商会议遵义市委员会',
    shortName: '市政协',
    kind: 'institution',
    docPrefix: '遵市政协发',
    sortOrder: 4,
  },
];

// [code, name, short name, document prefix, parent]
const departments: [string, string, string, string, string][] = [
  ['party-office', '中共遵义市委办公室', '市委办', '遵市委办发', 'party'],
  ['party-org', '中共遵义市委组织部', '市委组织部', '遵组通', 'party'],
  ['party-publicity', '中共遵义市委宣传部', '市委宣传部', '遵宣通', 'party'],
  ['npc-office', '遵义市人大常委会办公室', '人大办', '遵人大办发', 'npc'],
  ['cppcc-office', '政协遵义市委员会办公室', '政协办', '遵政协办发', 'cppcc'],
  ['gov-office', '遵义市人民政府办公室', '市政府办', '遵府办发', 'government'],
  ['ndrc', '遵义市发展和改革委员会', '市发展改革委', '遵发改', 'government'],
  ['education', '遵义市教育局', '市教育局', '遵教发', 'government'],
  ['public-security', '遵义市公安局', '市公安局', '遵公发', 'government'],
  ['civil-affairs', '遵义市民政局', '市民政局', '遵民发', 'government'],
  ['justice', '遵义市司法局', '市司法局', '遵司发', 'government'],
  ['finance', '遵义市财政局', '市财政局', '遵财发', 'government'],
  ['hrss', '遵义市人力资源和社会保障局', '市人社局', '遵人社发', 'government'],
  ['natural-resources', '遵义市自然资源局', '市自然资源局', '遵自然资源发', 'government'],
  ['ecology', '遵义市生态环境局', '市生态环境局', '遵环发', 'government'],
  ['housing', '遵义市住房和城乡建设局', '市住建局', '遵住建发', 'government'],
  ['transport', '遵义市交通运输局', '市交通运输局', '遵交发', 'government'],
  ['agriculture', '遵义市农业农村局', '市农业农村局', '遵农发', 'government'],
  ['commerce', '遵义市商务局', '市商务局', '遵商发', 'government'],
  ['culture-tourism', '遵义市文化广电旅游局', '市文广旅游局', '遵文旅发', 'government'],
  ['health', '遵义市卫生健康局', '市卫生健康局', '遵卫健发', 'government'],
  ['market-regulation', '遵义市市场监督管理局', '市市场监管局', '遵市监发', 'government'],
  ['medical-insurance', '遵义市医疗保障局', '市医保局', '遵医保发', 'government'],
  ['government-services', '遵义市政务服务管理局', '市政务服务局', '遵政务发', 'government'],
  ['investment', '遵义市投资促进局', '市投资促进局', '遵投促发', 'government'],
  ['housing-fund', '遵义市住房公积金管理中心', '市公积金中心', '遵公积金发', 'government'],
];

export const demoOrganisations: OrganisationInput[] = [
  ...institutions.map((o, i) => ({ ...o, address: ADDRESS, phone: `0851-2882${1000 + i * 11}` })),
  ...departments.map(([code, name, shortName, docPrefix, parentCode], i) => ({
    code,
    name,
    shortName,
    docPrefix,
    parentCode,
    kind: 'department' as const,
    address: ADDRESS,
    phone: `0851-2883${1000 + i * 17}`,
    sortOrder: 10 + i,
  })),
];
