// Form definitions: what an online application asks for, per service — its
// fields (type, validation, when they apply) and the materials to upload. A
// definition is JSON edited in the back office; it is checked against
// FormDefinitionSchema and for consistency (unique names, conditions that
// point at earlier choice fields) before it is stored, so a stored definition
// always compiles (form-compile.ts).
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { badRequest } from '../../platform/errors.ts';

export const FIELD_TYPES = [
  'text',
  'textarea',
  'number',
  'date',
  'select',
  'radio',
  'checkbox',
  'phone',
  'id_number',
  'email',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

const NAME = '^[a-z][a-z0-9_]{0,39}$';
const MATERIAL_KEY = '^[a-z][a-z0-9-]{0,63}$';
const Label = Type.String({ minLength: 1, maxLength: 100 });
const Hint = Type.Optional(Type.String({ maxLength: 300 }));

/** Show (and require) the field only when another field has one of these values. */
const Condition = Type.Object(
  {
    field: Type.String({ pattern: NAME }),
    equals: Type.Array(Type.String({ maxLength: 100 }), { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);

const Option = Type.Object(
  { value: Type.String({ minLength: 1, maxLength: 100 }), label: Label },
  { additionalProperties: false },
);

export const FieldSchema = Type.Object(
  {
    name: Type.String({ pattern: NAME }),
    label: Label,
    type: Type.Union(FIELD_TYPES.map((t) => Type.Literal(t))),
    required: Type.Optional(Type.Boolean()),
    hint: Hint,
    options: Type.Optional(Type.Array(Option, { minItems: 1, maxItems: 50 })),
    minLength: Type.Optional(Type.Integer({ minimum: 0, maximum: 5000 })),
    maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    /** A regular expression the whole value must match (text fields). */
    pattern: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    patternMessage: Type.Optional(Type.String({ maxLength: 100 })),
    /** Personal information beyond phone and ID numbers (a name, an address): reviewed, masked. */
    personal: Type.Optional(Type.Boolean()),
    when: Type.Optional(Condition),
  },
  { additionalProperties: false },
);

export const MaterialSchema = Type.Object(
  {
    /** Same key as the guide's material: a bundle asks for a shared material once. */
    key: Type.String({ pattern: MATERIAL_KEY }),
    label: Label,
    required: Type.Boolean(),
    hint: Hint,
    when: Type.Optional(Condition),
  },
  { additionalProperties: false },
);

export const FormDefinitionSchema = Type.Object(
  {
    fields: Type.Array(FieldSchema, { maxItems: 60 }),
    materials: Type.Array(MaterialSchema, { maxItems: 30 }),
  },
  { additionalProperties: false },
);

export type FormField = Static<typeof FieldSchema>;
export type FormMaterial = Static<typeof MaterialSchema>;
export type FormDefinition = Static<typeof FormDefinitionSchema>;

const CHOICE_TYPES: readonly FieldType[] = ['select', 'radio', 'checkbox'];

/** Field-independent consistency problems, in Chinese. */
function consistencyProblems(def: FormDefinition): string[] {
  const problems: string[] = [];
  const seen = new Map<string, FormField>();
  for (const field of def.fields) {
    if (seen.has(field.name)) problems.push(`字段名 ${field.name} 重复`);
    const needsOptions = field.type === 'select' || field.type === 'radio';
    if (needsOptions && !field.options?.length)
      problems.push(`字段“${field.label}”是选择题，必须列出选项`);
    if (!needsOptions && field.options) problems.push(`字段“${field.label}”不是选择题，不能有选项`);
    if (field.pattern !== undefined) {
      try {
        new RegExp(field.pattern, 'u');
      } catch {
        problems.push(`字段“${field.label}”的格式规则不是有效的正则表达式`);
      }
    }
    if (field.minLength !== undefined && field.maxLength !== undefined)
      if (field.minLength > field.maxLength)
        problems.push(`字段“${field.label}”的最短长度大于最长长度`);
    if (field.when) problems.push(...conditionProblems(field.label, field.when, seen));
    seen.set(field.name, field);
  }
  const keys = new Set<string>();
  for (const m of def.materials) {
    if (keys.has(m.key)) problems.push(`材料 ${m.key} 重复`);
    keys.add(m.key);
    if (m.when) problems.push(...conditionProblems(m.label, m.when, seen));
  }
  return problems;
}

/** A condition must refer to an earlier choice field and to values it offers. */
function conditionProblems(
  label: string,
  when: NonNullable<FormField['when']>,
  earlier: Map<string, FormField>,
): string[] {
  const target = earlier.get(when.field);
  if (!target) return [`“${label}”的显示条件引用了不存在或在其后的字段 ${when.field}`];
  if (!CHOICE_TYPES.includes(target.type))
    return [`“${label}”的显示条件只能引用选择类字段，${when.field} 不是`];
  const values = target.type === 'checkbox' ? ['1'] : (target.options ?? []).map((o) => o.value);
  const unknown = when.equals.filter((v) => !values.includes(v));
  return unknown.length
    ? [`“${label}”的显示条件含有字段 ${when.field} 没有的取值：${unknown.join('、')}`]
    : [];
}

/**
 * Parse and check a definition given as JSON text (the back-office editor) or
 * as a value (demo data); throws 400 with every problem listed.
 */
export function parseDefinition(input: string | unknown): FormDefinition {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw badRequest('表单定义不是有效的 JSON', { definition: '表单定义不是有效的 JSON' });
    }
  }
  if (!Value.Check(FormDefinitionSchema, value)) {
    const problems = [...Value.Errors(FormDefinitionSchema, value)]
      .slice(0, 10)
      .map((e) => `${e.path || '/'}：${e.message}`);
    const message = `表单定义不符合规范：${problems.join('；')}`;
    throw badRequest(message, { definition: message });
  }
  const problems = consistencyProblems(value);
  if (problems.length > 0) {
    const message = `表单定义有误：${problems.join('；')}`;
    throw badRequest(message, { definition: message });
  }
  return value;
}

/**
 * One form for an 一件事 bundle: the members' fields and materials in order,
 * each name or material key asked once (the first definition wins).
 */
export function mergeDefinitions(defs: readonly FormDefinition[]): FormDefinition {
  const fields = new Map<string, FormField>();
  const materials = new Map<string, FormMaterial>();
  for (const def of defs) {
    for (const f of def.fields) if (!fields.has(f.name)) fields.set(f.name, f);
    for (const m of def.materials) {
      const known = materials.get(m.key);
      // A material mandatory for any member is mandatory for the bundle.
      if (!known) materials.set(m.key, m);
      else if (m.required && !known.required) materials.set(m.key, { ...known, required: true });
    }
  }
  return { fields: [...fields.values()], materials: [...materials.values()] };
}

/** Names of the fields holding personal information: the reviewed list of row 13. */
export function personalFields(def: FormDefinition): string[] {
  return def.fields
    .filter((f) => f.personal || f.type === 'phone' || f.type === 'id_number' || f.type === 'email')
    .map((f) => f.name)
    .sort();
}
