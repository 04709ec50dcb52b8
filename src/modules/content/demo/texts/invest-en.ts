// The English investment site (/en/invest/): news and unofficial English
// summaries of investment-related policies. Written in English for Yimen.
import { paras } from '../compose.ts';
import type { DemoItem } from '../types.ts';
import { h2, ul } from '../types.ts';

type En = [date: string, slug: string, title: string, topics: string[], body: string[]];

const NEWS: En[] = [
  [
    '2025-03-18',
    'welcome-to-zunyi',
    'Welcome to Zunyi: a gateway city in northern Guizhou',
    ['investment'],
    [
      'Zunyi is a prefecture-level city in the north of Guizhou Province, linking the Chengdu-Chongqing economic zone with central Guizhou. High-speed rail puts Chongqing about two hours away and Guiyang under one hour.',
      "The city is home to world-famous sauce-aroma baijiu, one of China's largest tea-growing areas and a leading chilli pepper market, and it is building new industries in battery materials, aerospace equipment and electronics.",
      'This English site summarises investment news and policies. Official documents are published in Chinese; where an English summary and the Chinese original differ, the Chinese original prevails.',
    ],
  ],
  [
    '2025-05-27',
    'one-stop-business-registration',
    'Register a company in one working day',
    ['business-environment'],
    [
      'Investors can now register a company in Zunyi through a single online application that covers the business licence, company seals, invoices, social insurance and housing fund registration.',
      'Complete applications are processed within one working day. Foreign-invested enterprises follow the same procedure, with the addition of foreign investment information reporting, which is completed in the same application.',
    ],
  ],
  [
    '2025-08-12',
    'battery-materials-cluster',
    'Battery materials cluster takes shape in the Economic and Technological Development Zone',
    ['investment'],
    [
      'Drawing on local manganese and bauxite resources, Zunyi is developing a cluster of new energy battery materials, including manganese-based cathode materials, precursors and electrolytes.',
      "The industrial park offers a dedicated substation, wastewater treatment and standard factory buildings, and each new project is assigned a service officer who handles approvals on the investor's behalf.",
    ],
  ],
  [
    '2025-10-28',
    'chilli-expo-2025',
    'Chilli industry expo signs projects worth over CNY 3 billion',
    ['investment', 'agriculture'],
    [
      'The 2025 Zunyi Chilli Industry Expo brought together buyers, processors and research institutes from more than twenty provinces. Eighteen projects were signed in deep processing, cold-chain logistics and e-commerce.',
      'Zunyi chilli is grown on a large scale under standardised cultivation, and the city welcomes investment in condiments, capsanthin and capsaicin extraction.',
    ],
  ],
  [
    '2026-01-20',
    'business-environment-action-plan',
    'Three-year action plan to improve the business environment',
    ['business-environment'],
    [
      'Zunyi has adopted a three-year action plan (2026-2028) for its business environment. Targets include company registration within one working day and approval of construction projects within 60 working days.',
      'The plan also introduces eligible subsidies without application ("no application needed"), joint inspections that replace repeated visits by several authorities, and accountability when government bodies fail to honour contracts with enterprises.',
    ],
  ],
  [
    '2026-04-14',
    'tea-industry-opportunities',
    'Opportunities in the tea industry',
    ['investment', 'agriculture'],
    [
      "Zunyi's tea gardens in Meitan, Fenggang and Zheng'an counties produce well-known green and black teas. Summer and autumn leaves are still under-used, which creates room for matcha, tea beverages and other processed products.",
      'Tea tourism is growing too: tea-garden stays and tea-making experiences attract visitors from Chongqing, Chengdu and beyond.',
    ],
  ],
  [
    '2026-06-18',
    'shenzhen-investment-promotion',
    'Zunyi presents investment opportunities in Shenzhen',
    ['investment'],
    [
      'At an investment promotion event in Shenzhen, Zunyi presented opportunities in battery materials, electronics and specialty food. Twelve projects were signed on the day.',
      'Companies interested in visiting Zunyi can contact the Municipal Investment Promotion Bureau, which arranges site visits and meetings with industrial parks.',
    ],
  ],
  [
    '2026-11-19',
    'battery-materials-phase-two',
    'Phase two of the battery materials park starts production',
    ['investment'],
    [
      'Phase two of the new energy battery materials park in the Zunyi Economic and Technological Development Zone started production fourteen months after signing.',
      'The project benefited from "start construction upon land acquisition": design reviews were completed before the land sale, so construction permits were issued on the day the land was acquired.',
    ],
  ],
];

type EnPolicy = [
  date: string,
  slug: string,
  title: string,
  docNumber: string,
  issuer: string,
  written: string,
  topics: string[],
  intro: string,
  points: string[],
];

const POLICIES: EnPolicy[] = [
  [
    '2025-07-02',
    'investment-promotion-measures',
    'Measures to promote high-quality industrial investment (summary)',
    'Zun Fu Fa [2025] No. 5',
    "Zunyi Municipal People's Government",
    '2025-06-23',
    ['investment'],
    'The measures focus investment promotion on industrial chains and shift competition from incentives to services.',
    [
      'A working team for each key industrial chain, with a map of target companies.',
      'Industrial land may be leased first and transferred later, or supplied for flexible terms.',
      'Each major project gets a lead official, a working team and a service officer.',
      'All support measures pass fair competition review; no tax incentives contrary to national rules.',
    ],
  ],
  [
    '2026-01-21',
    'business-environment-plan-summary',
    'Three-year action plan on the business environment, 2026-2028 (summary)',
    'Zun Fu Fa [2026] No. 1',
    "Zunyi Municipal People's Government",
    '2026-01-12',
    ['business-environment'],
    'The plan sets measurable targets for government services, factor supply and the rule of law.',
    [
      'Company registration within one working day; construction project approval within 60 working days.',
      'Integrated services: one notification, one form, one set of documents, one window, one online process.',
      'Financing guarantee fees for small businesses reduced to below 1 percent.',
      'Inclusive, prudent supervision and joint inspections.',
    ],
  ],
  [
    '2025-05-02',
    'talent-attraction-measures',
    'Measures to attract high-level talent (summary)',
    'Zun Shi Wei Ban Fa [2025] No. 12',
    "General Offices of the CPC Zunyi Municipal Committee and the Zunyi Municipal People's Government",
    '2025-04-22',
    ['talent'],
    'The measures support employers, including private companies, in recruiting high-level talent.',
    [
      'Settlement allowances from CNY 50,000 to CNY 1 million depending on the talent category.',
      'Rent-free talent apartments for up to three years.',
      'A talent service card giving help with schooling, spouse employment and health care.',
    ],
  ],
  [
    '2026-06-15',
    'housing-support-measures',
    'Measures to support home buyers (summary)',
    'Zun Fu Ban Fa [2026] No. 15',
    "General Office of the Zunyi Municipal People's Government",
    '2026-06-08',
    ['housing'],
    'The measures help residents and newcomers, including talent recruited by local employers, to buy homes.',
    [
      'A subsidy of 1 percent of the price of a new home, up to CNY 20,000 (1.5 percent, up to CNY 30,000, for families with several children).',
      'Housing provident fund loans of up to CNY 700,000 for a first home.',
      'A subsidy when selling an existing home and buying a new one within a year.',
    ],
  ],
];

export function investEnItems(): DemoItem[] {
  const news: DemoItem[] = NEWS.map(([date, slug, title, topics, body]) => ({
    site: 'invest-en',
    channel: 'news',
    type: 'article',
    slug,
    title,
    body: paras(body),
    date,
    audiences: ['investor'],
    topics,
    org: 'investment',
  }));
  const policies: DemoItem[] = POLICIES.map(
    ([date, slug, title, docNumber, issuer, written, topics, intro, points]) => ({
      site: 'invest-en',
      channel: 'policies',
      type: 'policy',
      slug,
      title,
      summary: intro,
      body:
        paras([
          `This is an unofficial English summary of document ${docNumber}, issued by the ${issuer}. The Chinese original is authoritative.`,
          intro,
        ]) +
        h2('Main points') +
        ul(points) +
        paras([
          'Questions: Zunyi Municipal Investment Promotion Bureau, telephone +86 851 2883 6100 (working days 9:00-17:30, Beijing time).',
        ]),
      date,
      audiences: ['investor'],
      topics,
      fields: { docNumber, issuer, writtenOn: written, validity: 'valid' },
      org: 'investment',
    }),
  );
  return [...news, ...policies];
}
