// A questionnaire compiled to a TypeBox schema: one property per question
// (q_<id>), required questions required, nothing else allowed. A submitted
// form is normalised (empty fields dropped, a multiple choice always an
// array), checked against the schema, and each problem is said in Chinese
// next to its question: a forged question id, a missing required answer, an
// option or a rating that does not exist.
import { type TSchema, Type } from '@sinclair/typebox';
import { Value, ValueErrorType } from '@sinclair/typebox/value';
import { badRequest } from '../../platform/errors.ts';
import { cleanText } from '../../platform/text.ts';
import type { QuestionKind, SurveyQuestionRow } from './tables.ts';

export const RATING_MAX = 5;
export const TEXT_MAX = 1000;

export const fieldOf = (q: Pick<SurveyQuestionRow, 'id'>) => `q_${q.id}`;

export function optionsOf(q: Pick<SurveyQuestionRow, 'options'>): string[] {
  const parsed: unknown = JSON.parse(q.options);
  return Array.isArray(parsed) ? parsed.map(String) : [];
}

const literals = (values: string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const indexes = (n: number) => Array.from({ length: n }, (_, i) => String(i));
const ratings = () => Array.from({ length: RATING_MAX }, (_, i) => String(i + 1));

function answerSchema(q: SurveyQuestionRow): TSchema {
  const choices = indexes(optionsOf(q).length);
  switch (q.kind) {
    case 'single':
      return literals(choices);
    case 'multiple':
      return Type.Array(literals(choices), {
        minItems: 1,
        maxItems: choices.length,
        uniqueItems: true,
      });
    case 'rating':
      return literals(ratings());
    case 'text':
      return Type.String({ minLength: 1, maxLength: TEXT_MAX });
  }
}

export function compileSurvey(questions: readonly SurveyQuestionRow[]): TSchema {
  const properties: Record<string, TSchema> = {};
  for (const q of questions) {
    const schema = answerSchema(q);
    properties[fieldOf(q)] = q.required ? schema : Type.Optional(schema);
  }
  return Type.Object(properties, { additionalProperties: false });
}

const WRONG: Record<QuestionKind, string> = {
  single: '请从所列选项中选择一项',
  multiple: '请从所列选项中选择，每项只能选一次',
  rating: `请选择1到${RATING_MAX}之间的评分`,
  text: `回答不能超过${TEXT_MAX}个字`,
};

/** Empty fields dropped, a multiple choice always an array, the CSRF field left out. */
function normalise(
  questions: readonly SurveyQuestionRow[],
  raw: Record<string, unknown>,
): Record<string, unknown> {
  const multiple = new Set(questions.filter((q) => q.kind === 'multiple').map(fieldOf));
  const text = new Set(questions.filter((q) => q.kind === 'text').map(fieldOf));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === '_csrf') continue;
    let v = value;
    if (typeof v === 'string' && text.has(key)) v = cleanText(v);
    if (v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[key] = multiple.has(key) && !Array.isArray(v) ? [v] : v;
  }
  return out;
}

export type AnswerValue = number | number[] | string;

/** Check a submitted form; the stored value of each answered question, or a 400 naming each problem. */
export function readAnswers(
  questions: readonly SurveyQuestionRow[],
  raw: Record<string, unknown>,
): Map<string, AnswerValue> {
  const data = normalise(questions, raw);
  const schema = compileSurvey(questions);
  const byField = new Map(questions.map((q) => [fieldOf(q), q]));
  const errors: Record<string, string> = {};
  for (const e of Value.Errors(schema, data)) {
    const field = e.path.split('/')[1] ?? '';
    const q = byField.get(field);
    if (!q) errors[field || '_form'] ??= '问卷中没有这道题，请刷新页面后重新填写';
    else if (e.type === ValueErrorType.ObjectRequiredProperty) errors[field] ??= '此题为必答题';
    else errors[field] ??= WRONG[q.kind];
  }
  if (Object.keys(errors).length > 0) throw badRequest('问卷填写有误，请修改后再提交', errors);
  const answers = new Map<string, AnswerValue>();
  for (const q of questions) {
    const v = data[fieldOf(q)];
    if (v === undefined) continue;
    if (q.kind === 'text') answers.set(q.id, String(v));
    else if (q.kind === 'multiple')
      answers.set(
        q.id,
        (v as string[]).map(Number).sort((a, b) => a - b),
      );
    else answers.set(q.id, Number(v));
  }
  return answers;
}
