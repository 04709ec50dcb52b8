// The catalog as JSON: GET /api/v1/services (a filtered, paged list) and
// GET /api/v1/services/<code> (one guide). Published guides only; the
// fields are the guide's public elements, never its workflow state.
import type { ServiceGuide } from './catalog.ts';
import type { OrgName } from './public/parts.tsx';

export function serviceSummaryJson(guide: ServiceGuide, org: OrgName | undefined, base: string) {
  return {
    code: guide.code,
    name: guide.name,
    summary: guide.summary,
    type: guide.type,
    department: org ? { code: org.code, name: org.name } : null,
    onlineDepth: guide.onlineDepth,
    statutoryDays: guide.statutoryDays,
    promisedDays: guide.promisedDays,
    lifeEvents: guide.lifeEvents,
    enterpriseStages: guide.enterpriseStages,
    audiences: guide.audiences,
    themes: guide.themes,
    url: `${base}/services/${guide.code}`,
    ...(guide.onlineDepth !== 'info' ? { applyUrl: `${base}/services/${guide.code}/apply` } : {}),
  };
}

export function serviceJson(guide: ServiceGuide, org: OrgName | undefined, base: string) {
  return {
    ...serviceSummaryJson(guide, org, base),
    legalBasis: guide.legalBasis,
    conditions: guide.conditions,
    materials: guide.materials.map((m) => ({
      key: m.key,
      name: m.name,
      form: m.form,
      copies: m.copies,
      requirement: m.requirement,
      ...(m.condition ? { condition: m.condition } : {}),
      ...(m.note ? { note: m.note } : {}),
      ...(m.sample
        ? {
            sampleUrl: `${base}/services/files/${m.sample.sha256}/${encodeURIComponent(m.sample.name)}`,
          }
        : {}),
      ...(m.blank
        ? {
            blankFormUrl: `${base}/services/files/${m.blank.sha256}/${encodeURIComponent(m.blank.name)}`,
          }
        : {}),
    })),
    processSteps: guide.processSteps,
    fee: { standard: guide.feeStandard, basis: guide.feeBasis },
    place: guide.place,
    hours: guide.hours,
    phones: { consult: guide.consultPhone, complaint: guide.complaintPhone },
    faq: guide.faq,
    publishedAt: guide.publishedAt,
    updatedAt: guide.updatedAt,
  };
}
