// Results of a survey: per question, how many answered, how often each choice
// or rating was given (and the share of those who answered), the mean rating;
// and the CSV export, one row per response, safe to open in a spreadsheet.
import type { AppContext } from '../../platform/module.ts';
import { optionsOf, RATING_MAX } from './survey-form.ts';
import { questionsOf, responseCount } from './surveys.ts';
import type { QuestionKind, SurveyQuestionRow } from './tables.ts';

export interface Tally {
  label: string;
  count: number;
}

export interface QuestionResult {
  id: string;
  kind: QuestionKind;
  prompt: string;
  /** Responses that answered this question. */
  answered: number;
  /** Choices and ratings: one tally per option or score, in order. */
  tallies: Tally[];
  /** Ratings only: the mean score, two decimals. */
  mean?: number;
  /** Free text only: the answers (back office and export only). */
  texts: string[];
}

export interface SurveyResults {
  responses: number;
  questions: QuestionResult[];
}

function labelsOf(q: SurveyQuestionRow): string[] {
  if (q.kind === 'rating') return Array.from({ length: RATING_MAX }, (_, i) => `${i + 1}分`);
  return optionsOf(q);
}

export async function surveyResults(ctx: AppContext, surveyId: string): Promise<SurveyResults> {
  const questions = await questionsOf(ctx, surveyId);
  const answers = await ctx.db.kysely
    .selectFrom('survey_answer')
    .innerJoin('survey_response', 'survey_response.id', 'survey_answer.response_id')
    .select(['survey_answer.question_id', 'survey_answer.value'])
    .where('survey_response.survey_id', '=', surveyId)
    .orderBy('survey_response.created_at')
    .execute();
  const results = new Map<string, QuestionResult>(
    questions.map((q) => [
      q.id,
      {
        id: q.id,
        kind: q.kind,
        prompt: q.prompt,
        answered: 0,
        tallies: labelsOf(q).map((label) => ({ label, count: 0 })),
        texts: [],
      },
    ]),
  );
  for (const a of answers) {
    const r = results.get(a.question_id);
    if (!r) continue;
    const value: unknown = JSON.parse(a.value);
    r.answered += 1;
    if (r.kind === 'text') r.texts.push(String(value));
    else if (r.kind === 'rating') r.tallies[Number(value) - 1]!.count += 1;
    else for (const i of Array.isArray(value) ? value : [value]) r.tallies[Number(i)]!.count += 1;
  }
  for (const r of results.values()) {
    if (r.kind !== 'rating' || r.answered === 0) continue;
    const sum = r.tallies.reduce((s, t, i) => s + t.count * (i + 1), 0);
    r.mean = Math.round((sum / r.answered) * 100) / 100;
  }
  return { responses: await responseCount(ctx, surveyId), questions: [...results.values()] };
}

/** A cell a spreadsheet will not run as a formula (OWASP CSV injection), quoted when needed. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function answerText(q: SurveyQuestionRow, raw: string | undefined): string {
  if (raw === undefined) return '';
  const value: unknown = JSON.parse(raw);
  if (q.kind === 'text') return String(value);
  if (q.kind === 'rating') return String(value);
  const options = optionsOf(q);
  const picked = Array.isArray(value) ? value : [value];
  return picked.map((i) => options[Number(i)] ?? '').join('；');
}

/** The export: a BOM for spreadsheet programs, a header of prompts, one row per response. */
export async function surveyCsv(ctx: AppContext, surveyId: string): Promise<string> {
  const questions = await questionsOf(ctx, surveyId);
  const responses = await ctx.db.kysely
    .selectFrom('survey_response')
    .select(['id', 'created_at'])
    .where('survey_id', '=', surveyId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const answers = await ctx.db.kysely
    .selectFrom('survey_answer')
    .innerJoin('survey_response', 'survey_response.id', 'survey_answer.response_id')
    .select(['survey_answer.response_id', 'survey_answer.question_id', 'survey_answer.value'])
    .where('survey_response.survey_id', '=', surveyId)
    .execute();
  const byResponse = new Map<string, Map<string, string>>();
  for (const a of answers) {
    const m = byResponse.get(a.response_id) ?? new Map<string, string>();
    m.set(a.question_id, a.value);
    byResponse.set(a.response_id, m);
  }
  const lines = [['序号', '提交时间（UTC）', ...questions.map((q) => q.prompt)]];
  responses.forEach((r, i) => {
    const m = byResponse.get(r.id);
    lines.push([String(i + 1), r.created_at, ...questions.map((q) => answerText(q, m?.get(q.id)))]);
  });
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
