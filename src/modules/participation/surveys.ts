// 在线调查: the back office builds a questionnaire (single choice, multiple
// choice, rating, free text; each required or not), publishes it with a
// window, and signed-in citizens answer once each: the unique constraint on
// (survey, account) decides a race between two submits, not a prior read.
import { nowIso } from '../../platform/database/index.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { cleanLine, cleanText } from '../../platform/text.ts';
import type { AccountRow } from '../identity/tables.ts';
import { auditChange, phaseOf, type Staff, windowInto } from './common.ts';
import { readAnswers } from './survey-form.ts';
import type { QuestionKind, SurveyQuestionRow, SurveyRow } from './tables.ts';
import {
  createDraft,
  listManaged,
  listPublic,
  managedRecord,
  publicRecord,
  SURVEYS,
  saveChange,
} from './windowed.ts';

export const QUESTION_KINDS: Record<QuestionKind, string> = {
  single: '单选',
  multiple: '多选',
  rating: '评分（1–5分）',
  text: '文字回答',
};

export interface SurveyInput {
  siteCode: string;
  title: string;
  intro: string;
  opensOn: string;
  closesOn: string;
}

function checkedSurvey(input: SurveyInput) {
  const errors: Record<string, string> = {};
  const title = cleanLine(input.title);
  const intro = cleanText(input.intro);
  if (!title) errors.title = '请填写调查标题';
  const window = windowInto(errors, input.opensOn, input.closesOn);
  if (Object.keys(errors).length > 0) throw badRequest('请修改以下问题', errors);
  return { title, intro, ...window };
}

export function createSurvey(ctx: AppContext, staff: Staff, input: SurveyInput): Promise<string> {
  return createDraft(ctx, SURVEYS, staff, input.siteCode, () => checkedSurvey(input));
}

/** One survey, if these grants manage its site; otherwise not found. */
export function surveyFor(
  ctx: AppContext,
  staff: Pick<Staff, 'grants'>,
  id: string,
): Promise<SurveyRow> {
  return managedRecord(ctx, SURVEYS, staff, id);
}

export function questionsOf(ctx: AppContext, surveyId: string): Promise<SurveyQuestionRow[]> {
  return ctx.db.kysely
    .selectFrom('survey_question')
    .selectAll()
    .where('survey_id', '=', surveyId)
    .orderBy('position')
    .execute();
}

export async function responseCount(ctx: AppContext, surveyId: string): Promise<number> {
  const row = await ctx.db.kysely
    .selectFrom('survey_response')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('survey_id', '=', surveyId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Questions change only while nobody has answered: results never mix two versions. */
async function requireEditable(ctx: AppContext, survey: SurveyRow): Promise<void> {
  if (survey.status === 'published' || (await responseCount(ctx, survey.id)) > 0)
    throw conflict('调查已发布，不能再修改题目');
}

export interface QuestionInput {
  kind: string;
  prompt: string;
  required: boolean;
  /** Choices, one per line. */
  options: string;
}

export async function addQuestion(
  ctx: AppContext,
  staff: Staff,
  surveyId: string,
  input: QuestionInput,
): Promise<string> {
  const survey = await surveyFor(ctx, staff, surveyId);
  await requireEditable(ctx, survey);
  const errors: Record<string, string> = {};
  if (!Object.hasOwn(QUESTION_KINDS, input.kind)) errors.kind = '请选择题型';
  const prompt = cleanLine(input.prompt);
  if (!prompt) errors.prompt = '请填写题目';
  const kind = input.kind as QuestionKind;
  const options = [...new Set(input.options.split('\n').map(cleanLine).filter(Boolean))];
  const choice = kind === 'single' || kind === 'multiple';
  if (choice && (options.length < 2 || options.length > 20))
    errors.options = '选择题需要2到20个不重复的选项，每行一个';
  if (Object.keys(errors).length > 0) throw badRequest('请修改以下问题', errors);
  const id = newId();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('survey_question')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('survey_id', '=', surveyId)
      .executeTakeFirst();
    await trx
      .insertInto('survey_question')
      .values({
        id,
        survey_id: surveyId,
        position: Number(last?.p ?? 0) + 1,
        kind,
        prompt,
        required: input.required ? 1 : 0,
        options: JSON.stringify(choice ? options : []),
      })
      .execute();
    await auditChange(
      ctx,
      trx,
      staff,
      'survey.question.add',
      { type: 'survey', id: surveyId },
      {
        question: id,
        kind,
      },
    );
  });
  return id;
}

export async function removeQuestion(
  ctx: AppContext,
  staff: Staff,
  surveyId: string,
  questionId: string,
): Promise<void> {
  const survey = await surveyFor(ctx, staff, surveyId);
  await requireEditable(ctx, survey);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const done = await trx
      .deleteFrom('survey_question')
      .where('id', '=', questionId)
      .where('survey_id', '=', surveyId)
      .executeTakeFirst();
    if (Number(done.numDeletedRows) !== 1) throw notFound('没有这道题');
    await auditChange(
      ctx,
      trx,
      staff,
      'survey.question.remove',
      { type: 'survey', id: surveyId },
      {
        question: questionId,
      },
    );
  });
}

export async function publishSurvey(ctx: AppContext, staff: Staff, surveyId: string) {
  const survey = await surveyFor(ctx, staff, surveyId);
  if (survey.status === 'published') return;
  if ((await questionsOf(ctx, surveyId)).length === 0) throw conflict('请先添加题目再发布');
  await saveChange(ctx, SURVEYS, staff, survey, { status: 'published' }, 'survey.publish');
}

export function listManagedSurveys(
  ctx: AppContext,
  staff: Pick<Staff, 'grants'>,
): Promise<SurveyRow[]> {
  return listManaged(ctx, SURVEYS, staff);
}

/** Published surveys whose window has begun, newest first. */
export function listPublicSurveys(ctx: AppContext): Promise<SurveyRow[]> {
  return listPublic(ctx, SURVEYS);
}

export function publicSurvey(ctx: AppContext, id: string): Promise<SurveyRow | undefined> {
  return publicRecord(ctx, SURVEYS, id);
}

export async function hasResponded(ctx: AppContext, surveyId: string, accountId: string) {
  const row = await ctx.db.kysely
    .selectFrom('survey_response')
    .select('id')
    .where('survey_id', '=', surveyId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row !== undefined;
}

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

export const ALREADY_ANSWERED = '您已经参加过这次调查，每个账号只能提交一次';

/** A citizen's answers: checked against the compiled form, stored once per account. */
export async function respond(
  ctx: AppContext,
  account: Pick<AccountRow, 'id' | 'display_name'>,
  surveyId: string,
  raw: Record<string, unknown>,
  client: { ip: string },
): Promise<string> {
  const survey = await publicSurvey(ctx, surveyId);
  if (!survey) throw notFound('没有这项调查');
  if (phaseOf(survey, ctx.now()) !== 'open') throw conflict('调查不在开放时间内');
  const answers = readAnswers(await questionsOf(ctx, surveyId), raw);
  const id = newId();
  try {
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await trx
        .insertInto('survey_response')
        .values({ id, survey_id: surveyId, account_id: account.id, created_at: nowIso(ctx.now()) })
        .execute();
      const rows = [...answers].map(([questionId, value]) => ({
        response_id: id,
        question_id: questionId,
        value: JSON.stringify(value),
      }));
      if (rows.length > 0) await trx.insertInto('survey_answer').values(rows).execute();
      await auditChange(
        ctx,
        trx,
        { id: account.id, name: account.display_name, ip: client.ip },
        'survey.respond',
        { type: 'survey', id: surveyId },
        { response: id },
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(ALREADY_ANSWERED);
    throw err;
  }
  return id;
}
