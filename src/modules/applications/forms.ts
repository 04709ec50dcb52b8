// Stored form definitions: one per service, versioned, replaced only with a
// definition that passed parseDefinition, every change audited.
import { notFound } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/module.ts';
import { type Actor, audit } from '../identity/audit-events.ts';
import { type FormDefinition, mergeDefinitions, parseDefinition } from './form-definition.ts';

export async function findForm(
  ctx: AppContext,
  serviceCode: string,
): Promise<{ definition: FormDefinition; version: number } | undefined> {
  const row = await ctx.db.kysely
    .selectFrom('application_form')
    .select(['definition', 'version'])
    .where('service_code', '=', serviceCode)
    .executeTakeFirst();
  // Stored definitions were checked on the way in; parsing again guards against hand edits.
  return row ? { definition: parseDefinition(row.definition), version: row.version } : undefined;
}

export async function formOf(ctx: AppContext, serviceCode: string): Promise<FormDefinition> {
  const form = await findForm(ctx, serviceCode);
  if (!form) throw notFound('该事项尚未配置网上申请表');
  return form.definition;
}

/** The merged form of a bundle's members (each shared field and material asked once). */
export async function bundleForm(
  ctx: AppContext,
  serviceCodes: readonly string[],
): Promise<FormDefinition> {
  const defs: FormDefinition[] = [];
  for (const code of serviceCodes) defs.push(await formOf(ctx, code));
  return mergeDefinitions(defs);
}

export async function listForms(ctx: AppContext) {
  return ctx.db.kysely
    .selectFrom('application_form')
    .select(['service_code', 'version', 'updated_by', 'updated_at'])
    .orderBy('service_code')
    .execute();
}

/** Replace (or create) a service's form; returns the new version. Throws 400 on a bad definition. */
export async function saveForm(
  ctx: AppContext,
  serviceCode: string,
  input: string | unknown,
  actor: Actor,
): Promise<number> {
  const definition = parseDefinition(input);
  const text = JSON.stringify(definition);
  const now = ctx.now().toISOString();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('application_form')
      .select('version')
      .where('service_code', '=', serviceCode)
      .executeTakeFirst();
    const version = (existing?.version ?? 0) + 1;
    if (existing) {
      await trx
        .updateTable('application_form')
        .set({ definition: text, version, updated_by: actor.name, updated_at: now })
        .where('service_code', '=', serviceCode)
        .execute();
    } else {
      await trx
        .insertInto('application_form')
        .values({
          service_code: serviceCode,
          definition: text,
          version,
          updated_by: actor.name,
          updated_at: now,
        })
        .execute();
    }
    await audit(ctx, trx, {
      actor,
      action: 'application.form_save',
      targetType: 'service',
      targetId: serviceCode,
      outcome: 'success',
      detail: { version, fields: definition.fields.length, materials: definition.materials.length },
    });
    return version;
  });
}
