// The elements national inspections of service guides require. A guide
// missing any of them is flagged in the back office and cannot be submitted
// for review or published (checked again at the moment of publication).
import type { ServiceGuide } from './catalog.ts';

export const REQUIRED_ELEMENTS = {
  name: '事项名称',
  legalBasis: '设定依据',
  conditions: '申请条件',
  materials: '办理材料',
  place: '办理地点',
  orgId: '办理机构',
  feeStandard: '收费标准',
  hours: '办理时间',
  consultPhone: '联系电话',
  processSteps: '办理流程',
} as const;
export type RequiredElement = keyof typeof REQUIRED_ELEMENTS;

const filled = (text: string) => text.trim().length > 0;

/** The required elements this guide lacks, in the order inspections list them. */
export function missingElements(guide: ServiceGuide): RequiredElement[] {
  const present: Record<RequiredElement, boolean> = {
    name: filled(guide.name),
    legalBasis: filled(guide.legalBasis),
    conditions: filled(guide.conditions),
    materials: guide.materials.length > 0,
    place: filled(guide.place),
    orgId: filled(guide.orgId),
    feeStandard: filled(guide.feeStandard),
    hours: filled(guide.hours),
    consultPhone: filled(guide.consultPhone),
    processSteps: guide.processSteps.length > 0,
  };
  return (Object.keys(REQUIRED_ELEMENTS) as RequiredElement[]).filter((k) => !present[k]);
}

export function missingNames(missing: readonly RequiredElement[]): string {
  return missing.map((k) => REQUIRED_ELEMENTS[k]).join('、');
}
