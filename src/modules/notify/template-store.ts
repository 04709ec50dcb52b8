// Template overrides edited in the back office. The code keeps every default;
// a row in notify_template replaces one template's subject and text until it
// is reset. An edit is checked before it is stored (unknown or missing
// variables are refused with a Chinese message per field) and audited.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/module.ts';
import { type Actor, audit } from '../identity/audit-events.ts';
import {
  checkTemplate,
  defaultContent,
  isTemplateName,
  TEMPLATES,
  type TemplateContent,
  type TemplateName,
} from './templates.ts';

type Executor = Transaction<Database> | Kysely<Database>;

/** The content in force: the stored override, else the default. */
export async function loadContent(db: Executor, name: TemplateName): Promise<TemplateContent> {
  const row = await db
    .selectFrom('notify_template')
    .selectAll()
    .where('name', '=', name)
    .executeTakeFirst();
  if (!row) return defaultContent(name);
  return TEMPLATES[name].channel === 'email'
    ? { subject: row.subject ?? '', text: row.body }
    : { text: row.body };
}

export interface TemplateSummary {
  name: TemplateName;
  title: string;
  channel: string;
  content: TemplateContent;
  variables: readonly string[];
  required: readonly string[];
  overridden: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

export async function listTemplates(ctx: AppContext): Promise<TemplateSummary[]> {
  const rows = await ctx.db.kysely.selectFrom('notify_template').selectAll().execute();
  const byName = new Map(rows.map((r) => [r.name, r]));
  return (Object.keys(TEMPLATES) as TemplateName[]).map((name) => {
    const t = TEMPLATES[name];
    const row = byName.get(name);
    const content = row
      ? t.channel === 'email'
        ? { subject: row.subject ?? '', text: row.body }
        : { text: row.body }
      : defaultContent(name);
    return {
      name,
      title: t.title,
      channel: t.channel,
      content,
      variables: t.variables,
      required: t.required,
      overridden: Boolean(row),
      updatedAt: row?.updated_at ?? null,
      updatedBy: row?.updated_by ?? null,
    };
  });
}

export function templateNameOf(raw: string): TemplateName {
  if (!isTemplateName(raw)) throw notFound('没有这个消息模板');
  return raw;
}

/** Store an override after checking it; refused edits change nothing. */
export async function saveTemplate(
  ctx: AppContext,
  name: TemplateName,
  content: TemplateContent,
  actor: Actor,
): Promise<void> {
  const errors = checkTemplate(name, content);
  if (errors) throw badRequest('模板没有保存：请修改标出的问题', errors);
  const now = ctx.now().toISOString();
  const subject = TEMPLATES[name].channel === 'email' ? (content.subject ?? '') : null;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto('notify_template')
      .values({ name, subject, body: content.text, updated_at: now, updated_by: actor.name })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet({ subject, body: content.text, updated_at: now, updated_by: actor.name }),
      )
      .execute();
    await audit(ctx, trx, {
      actor,
      action: 'notify.template.save',
      targetType: 'notify_template',
      targetId: name,
      outcome: 'success',
    });
  });
}

/** Back to the code-defined default. */
export async function resetTemplate(
  ctx: AppContext,
  name: TemplateName,
  actor: Actor,
): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('notify_template').where('name', '=', name).execute();
    await audit(ctx, trx, {
      actor,
      action: 'notify.template.reset',
      targetType: 'notify_template',
      targetId: name,
      outcome: 'success',
    });
  });
}
