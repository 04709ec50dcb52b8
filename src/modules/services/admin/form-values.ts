// The guide editor works without JavaScript, so its lists are plain text,
// one entry a line, and this file turns that text into the guide's
// structures and back:
//   materials  标识 | 名称 | 原件/复印件/原件和复印件 | 份数 | 必须 或 视情：条件 | 备注
//   steps      步骤名：说明
//   FAQ        问：…  (next line)  答：…
import { type Static, Type } from '@sinclair/typebox';
import type { ServiceInput } from '../catalog.ts';
import type { FaqEntry, ProcessStep, ServiceMaterial, ServiceType } from '../tables.ts';
import { SERVICE_TYPES } from '../tables.ts';
import {
  ENTERPRISE_STAGES,
  SERVICE_AUDIENCES,
  SERVICE_LIFE_EVENTS,
  SERVICE_THEMES,
} from '../taxonomy.ts';

const text = (maxLength: number) => Type.String({ maxLength });
const tags = (values: Record<string, string>) =>
  Type.Optional(
    Type.Array(Type.Union(Object.keys(values).map((v) => Type.Literal(v))), {
      maxItems: Object.keys(values).length,
    }),
  );

/** The editor form, strict: fields it does not have (status, author_id…) are refused. */
export const GuideBody = Type.Object(
  {
    code: text(32),
    name: text(200),
    summary: text(1000),
    type: Type.Union(SERVICE_TYPES.map((t) => Type.Literal(t))),
    orgId: Type.String({ maxLength: 64, pattern: '^[A-Za-z0-9_-]*$' }),
    legalBasis: text(5000),
    conditions: text(5000),
    materials: text(20_000),
    processSteps: text(10_000),
    statutoryDays: Type.String({ maxLength: 4, pattern: '^[0-9]*$' }),
    promisedDays: Type.String({ maxLength: 4, pattern: '^[0-9]*$' }),
    feeStandard: text(1000),
    feeBasis: text(1000),
    place: text(500),
    hours: text(300),
    consultPhone: text(60),
    complaintPhone: text(60),
    onlineDepth: Type.Union([Type.Literal('info'), Type.Literal('apply'), Type.Literal('full')]),
    audiences: tags(SERVICE_AUDIENCES),
    lifeEvents: tags(SERVICE_LIFE_EVENTS),
    enterpriseStages: tags(ENTERPRISE_STAGES),
    themes: tags(SERVICE_THEMES),
    faq: text(20_000),
  },
  { additionalProperties: false },
);
export type GuideForm = Static<typeof GuideBody>;

const FORMS: Record<string, ServiceMaterial['form']> = {
  原件: 'original',
  复印件: 'copy',
  原件和复印件: 'original_and_copy',
  原件及复印件: 'original_and_copy',
};
const FORM_NAMES: Record<ServiceMaterial['form'], string> = {
  original: '原件',
  copy: '复印件',
  original_and_copy: '原件和复印件',
};

const lines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

export class FormTextError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Materials from their lines; the previous files (samples, blank forms) are kept by key. */
export function parseMaterials(value: string, previous: ServiceMaterial[] = []): ServiceMaterial[] {
  return lines(value).map((line, i) => {
    const cells = line.split(/[|｜]/).map((c) => c.trim());
    const [key = '', name = '', formName = '原件', copies = '1', need = '必须', note = ''] = cells;
    const form = FORMS[formName];
    if (cells.length < 2 || !form)
      throw new FormTextError(
        'materials',
        `第 ${i + 1} 行格式不对：应为“标识 | 名称 | 原件/复印件/原件和复印件 | 份数 | 必须或视情：条件 | 备注”`,
      );
    const conditional = need.startsWith('视情');
    const condition = conditional ? need.replace(/^视情[：:]?/, '').trim() : '';
    const before = previous.find((m) => m.key === key);
    return {
      key,
      name,
      form,
      copies: /^[0-9]{1,2}$/.test(copies) ? Number(copies) : 0,
      requirement: conditional ? 'conditional' : 'mandatory',
      ...(condition ? { condition } : {}),
      ...(note ? { note } : {}),
      ...(before?.sample ? { sample: before.sample } : {}),
      ...(before?.blank ? { blank: before.blank } : {}),
    };
  });
}

export function materialsText(materials: readonly ServiceMaterial[]): string {
  return materials
    .map((m) =>
      [
        m.key,
        m.name,
        FORM_NAMES[m.form],
        String(m.copies),
        m.requirement === 'conditional' ? `视情：${m.condition ?? ''}` : '必须',
        m.note ?? '',
      ]
        .join(' | ')
        .replace(/ \| $/, ''),
    )
    .join('\n');
}

export function parseSteps(value: string): ProcessStep[] {
  return lines(value).map((line) => {
    const at = line.search(/[：:]/);
    return at < 0
      ? { name: line, description: '' }
      : { name: line.slice(0, at).trim(), description: line.slice(at + 1).trim() };
  });
}

export const stepsText = (steps: readonly ProcessStep[]) =>
  steps.map((s) => (s.description ? `${s.name}：${s.description}` : s.name)).join('\n');

export function parseFaq(value: string): FaqEntry[] {
  const out: FaqEntry[] = [];
  for (const line of lines(value)) {
    if (/^问[：:]/.test(line))
      out.push({ question: line.replace(/^问[：:]/, '').trim(), answer: '' });
    else if (/^答[：:]/.test(line) && out.length > 0) {
      const last = out[out.length - 1]!;
      last.answer = `${last.answer}${last.answer ? '\n' : ''}${line.replace(/^答[：:]/, '').trim()}`;
    } else throw new FormTextError('faq', '常见问题请按“问：……”一行、“答：……”一行的格式填写');
  }
  return out;
}

export const faqText = (faq: readonly FaqEntry[]) =>
  faq.map((f) => `问：${f.question}\n答：${f.answer}`).join('\n');

const days = (value: string) => (value === '' ? null : Number(value));

/** The form as a guide input (validated further by cleanServiceInput). */
export function inputFromForm(form: GuideForm, previous: ServiceMaterial[] = []): ServiceInput {
  return {
    code: form.code,
    name: form.name,
    summary: form.summary,
    type: form.type as ServiceType,
    orgId: form.orgId,
    legalBasis: form.legalBasis,
    conditions: form.conditions,
    materials: parseMaterials(form.materials, previous),
    processSteps: parseSteps(form.processSteps),
    statutoryDays: days(form.statutoryDays),
    promisedDays: days(form.promisedDays),
    feeStandard: form.feeStandard,
    feeBasis: form.feeBasis,
    place: form.place,
    hours: form.hours,
    consultPhone: form.consultPhone,
    complaintPhone: form.complaintPhone,
    onlineDepth: form.onlineDepth,
    audiences: form.audiences ?? [],
    lifeEvents: form.lifeEvents ?? [],
    enterpriseStages: form.enterpriseStages ?? [],
    themes: form.themes ?? [],
    faq: parseFaq(form.faq),
  };
}

/** A guide as the form shows it. */
export function formFromInput(input: ServiceInput): GuideForm {
  return {
    code: input.code,
    name: input.name,
    summary: input.summary,
    type: input.type,
    orgId: input.orgId,
    legalBasis: input.legalBasis,
    conditions: input.conditions,
    materials: materialsText(input.materials),
    processSteps: stepsText(input.processSteps),
    statutoryDays: input.statutoryDays === null ? '' : String(input.statutoryDays),
    promisedDays: input.promisedDays === null ? '' : String(input.promisedDays),
    feeStandard: input.feeStandard,
    feeBasis: input.feeBasis,
    place: input.place,
    hours: input.hours,
    consultPhone: input.consultPhone,
    complaintPhone: input.complaintPhone,
    onlineDepth: input.onlineDepth,
    audiences: input.audiences as GuideForm['audiences'],
    lifeEvents: input.lifeEvents as GuideForm['lifeEvents'],
    enterpriseStages: input.enterpriseStages as GuideForm['enterpriseStages'],
    themes: input.themes as GuideForm['themes'],
    faq: faqText(input.faq),
  };
}
