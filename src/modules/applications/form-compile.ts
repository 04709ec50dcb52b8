// A form definition compiled to a TypeBox schema, and a submission checked
// against it. Values arrive as strings from a plain HTML form; the compiled
// schema rejects unknown (forged) field names and values of the wrong shape,
// then the rules a static schema cannot say are applied: fields whose
// condition is not met are dropped, required ones must be present (on submit,
// not for a draft), ID numbers must carry a valid check digit.
import { type TObject, type TSchema, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { idNumberError } from '../identity/validators.ts';
import type { FormDefinition, FormField, FormMaterial } from './form-definition.ts';

export type FormValues = Record<string, string>;
export type FieldErrors = Record<string, string>;

const DEFAULT_MAX = { textarea: 2000, text: 200 } as const;

function fieldSchema(f: FormField): TSchema {
  const text = (max: number) =>
    Type.String({ minLength: f.minLength ?? 0, maxLength: Math.min(f.maxLength ?? max, max) });
  switch (f.type) {
    case 'textarea':
      return text(DEFAULT_MAX.textarea);
    case 'text':
      return text(DEFAULT_MAX.text);
    case 'number':
      return Type.String({ pattern: '^-?\\d{1,12}(\\.\\d{1,4})?$' });
    case 'date':
      return Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
    case 'select':
    case 'radio':
      return Type.Union((f.options ?? []).map((o) => Type.Literal(o.value)));
    case 'checkbox':
      return Type.Literal('1');
    case 'phone':
      return Type.String({ pattern: '^1[3-9]\\d{9}$' });
    case 'id_number':
      return Type.String({ pattern: '^\\d{17}[\\dX]$' });
    case 'email':
      return Type.String({ maxLength: 200, pattern: '^[^\\s@<>]+@[^\\s@<>]+\\.[^\\s@<>]+$' });
  }
}

/** The definition as a TypeBox object: every field optional, nothing else allowed. */
export function compileForm(def: FormDefinition): TObject {
  const properties: Record<string, TSchema> = {};
  for (const f of def.fields) properties[f.name] = Type.Optional(fieldSchema(f));
  return Type.Object(properties, { additionalProperties: false });
}

const SHAPE_MESSAGES: Record<FormField['type'], string> = {
  text: '内容过长或过短',
  textarea: '内容过长或过短',
  number: '请填写数字',
  date: '请按 YYYY-MM-DD 格式填写日期',
  select: '请从列表中选择',
  radio: '请从选项中选择',
  checkbox: '取值无效',
  phone: '请填写11位手机号码',
  id_number: '请填写18位公民身份号码',
  email: '请填写有效的电子邮箱',
};

/** Is a condition met by these values? A field without one always applies. */
export function applies(
  item: Pick<FormField | FormMaterial, 'when'>,
  values: Readonly<FormValues>,
): boolean {
  if (!item.when) return true;
  const v = values[item.when.field];
  return v !== undefined && item.when.equals.includes(v);
}

/** Trimmed, NFC, without empty values (an empty input is an unanswered question). */
function normalise(raw: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== 'string') {
      out[k] = v;
      continue;
    }
    const s = v.normalize('NFC').replace(/\r\n/g, '\n').trim();
    if (s !== '') out[k] = s;
  }
  return out;
}

function ruleProblem(f: FormField, value: string): string | undefined {
  if (f.type === 'id_number') return idNumberError(value) ?? undefined;
  if (f.type === 'number') {
    const n = Number(value);
    if (f.min !== undefined && n < f.min) return `不能小于 ${f.min}`;
    if (f.max !== undefined && n > f.max) return `不能大于 ${f.max}`;
  }
  if (f.pattern && !new RegExp(`^(?:${f.pattern})$`, 'u').test(value))
    return f.patternMessage ?? '格式不正确';
  return undefined;
}

/**
 * Check posted values. Returns the values to store (only fields that apply)
 * and the problems keyed by field name; `final` asks for required fields too.
 */
export function checkValues(
  def: FormDefinition,
  raw: Readonly<Record<string, unknown>>,
  final: boolean,
): { values: FormValues; errors: FieldErrors } {
  const input = normalise(raw);
  const errors: FieldErrors = {};
  const byName = new Map(def.fields.map((f) => [f.name, f]));
  const schema = compileForm(def);
  if (!Value.Check(schema, input)) {
    for (const e of Value.Errors(schema, input)) {
      const name = e.path.split('/')[1] ?? '';
      const field = byName.get(name);
      const key = field ? name : `_form`;
      errors[key] ??= field
        ? `${field.label}：${SHAPE_MESSAGES[field.type]}`
        : `表单含有不允许的字段：${name.slice(0, 40) || '（未知）'}`;
    }
  }
  const values: FormValues = {};
  for (const f of def.fields) {
    const v = input[f.name];
    if (!applies(f, values)) continue;
    if (typeof v !== 'string') {
      if (final && f.required) errors[f.name] ??= `请填写${f.label}`;
      continue;
    }
    if (errors[f.name]) continue;
    const problem = ruleProblem(f, v);
    if (problem) errors[f.name] = `${f.label}：${problem}`;
    else values[f.name] = v;
  }
  return { values, errors };
}

/** Required materials that apply and have no file, keyed `material-<key>`. */
export function missingMaterials(
  def: FormDefinition,
  values: Readonly<FormValues>,
  have: ReadonlySet<string>,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const m of def.materials) {
    if (m.required && applies(m, values) && !have.has(m.key))
      errors[`material-${m.key}`] = `请上传${m.label}`;
  }
  return errors;
}
