// The compact form the demo catalog is written in, and its expansion into
// full guides: shared defaults for hours, place, phones and process steps
// keep each entry to what is particular about the service.
import type { ServiceInput } from '../catalog.ts';
import type { OnlineDepth, ProcessStep, ServiceMaterial, ServiceType } from '../tables.ts';
import { MATERIALS, type MaterialKey } from './materials.ts';

/** A key of the dictionary, or one with changes (e.g. conditional, a copy). */
export type DemoMaterial =
  | MaterialKey
  | [MaterialKey, Partial<Omit<ServiceMaterial, 'key'>>]
  | ServiceMaterial;

export type StepTemplate = 'permit' | 'confirm' | 'benefit' | 'online' | 'public';

export interface DemoService {
  code: string;
  name: string;
  type: ServiceType;
  /** Organisation code (identity's demo organisations). */
  org: string;
  summary: string;
  basis: string;
  conditions: string;
  materials: DemoMaterial[];
  steps: StepTemplate | ProcessStep[];
  /** Statutory and promised working days. */
  days: [number | null, number | null];
  fee?: string;
  feeBasis?: string;
  place?: string;
  hours?: string;
  depth?: OnlineDepth;
  audiences?: string[];
  events?: string[];
  stages?: string[];
  themes: string[];
  faq?: [string, string][];
}

const STEPS: Record<StepTemplate, ProcessStep[]> = {
  permit: [
    { name: '申请', description: '申请人到窗口或通过网上办事大厅提交申请材料。' },
    {
      name: '受理',
      description: '材料齐全、符合法定形式的当场受理；不齐全的一次性告知需要补正的内容。',
    },
    { name: '审查', description: '对申请材料进行审查，需要现场核查的安排现场核查。' },
    { name: '决定', description: '作出准予或不予许可的书面决定；不予许可的说明理由和救济途径。' },
    { name: '送达', description: '通过窗口领取或邮寄送达许可证件。' },
  ],
  confirm: [
    { name: '申请', description: '申请人携带材料到办理窗口提出申请。' },
    { name: '受理审核', description: '窗口工作人员核对材料，符合条件的当场受理并审核。' },
    { name: '办结', description: '审核通过的当场或在承诺时限内办结，发放证明或证件。' },
  ],
  benefit: [
    { name: '申请', description: '申请人向户籍所在地村（社区）或办理窗口提出申请。' },
    { name: '审核', description: '经办机构审核申请人条件，必要时入户调查。' },
    { name: '公示', description: '审核结果在村（社区）公示，公示期不少于 7 日。' },
    { name: '发放', description: '审批通过后按月发放至申请人社会保障卡金融账户。' },
  ],
  online: [
    { name: '网上申请', description: '登录本门户，实名认证后在线填写申请表并上传材料。' },
    { name: '在线预审', description: '经办人员在线核对材料，需要补正的通过短信告知。' },
    { name: '审核办理', description: '预审通过后审核办理，进度可随时在“我的办件”中查询。' },
    { name: '办结送达', description: '办理结果通过电子证照推送、邮寄或窗口领取送达。' },
  ],
  public: [
    { name: '咨询预约', description: '电话或网上预约办理时间。' },
    { name: '现场办理', description: '按预约时间携带材料到服务窗口办理。' },
    { name: '办结', description: '当场办结或按承诺时限告知结果。' },
  ],
};

const HOURS = '周一至周五 上午 9:00—12:00，下午 13:30—17:00（法定节假日除外）';
export const CENTRE = '遵义市政务服务中心（新蒲新区市级行政中心）';

function material(m: DemoMaterial): ServiceMaterial {
  if (typeof m === 'string')
    return { key: m, copies: 1, requirement: 'mandatory', ...MATERIALS[m] };
  if (Array.isArray(m)) {
    const [key, changes] = m;
    return { key, copies: 1, requirement: 'mandatory', ...MATERIALS[key], ...changes };
  }
  return m;
}

export interface OrgInfo {
  id: string;
  name: string;
  phone: string | null;
}

/** The full guide of a demo entry, its organisation resolved. */
export function expand(s: DemoService, org: OrgInfo): ServiceInput {
  const fee = s.fee ?? '不收费';
  return {
    code: s.code,
    name: s.name,
    summary: s.summary,
    type: s.type,
    orgId: org.id,
    legalBasis: s.basis,
    conditions: s.conditions,
    materials: s.materials.map(material),
    processSteps: typeof s.steps === 'string' ? STEPS[s.steps] : s.steps,
    statutoryDays: s.days[0],
    promisedDays: s.days[1],
    feeStandard: fee,
    feeBasis: s.feeBasis ?? (fee === '不收费' ? '' : '按国家和省规定的收费标准执行'),
    place: s.place ?? `${CENTRE}${org.name}窗口`,
    hours: s.hours ?? HOURS,
    consultPhone: org.phone ?? '0851-12345',
    complaintPhone: '0851-12345',
    onlineDepth: s.depth ?? 'info',
    audiences: s.audiences ?? ['citizen'],
    lifeEvents: s.events ?? [],
    enterpriseStages: s.stages ?? [],
    themes: s.themes,
    faq: (s.faq ?? []).map(([question, answer]) => ({ question, answer })),
  };
}
