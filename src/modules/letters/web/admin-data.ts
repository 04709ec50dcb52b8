// What the back-office letter page shows and which actions it offers the
// signed-in person. The writer appears by display name with a masked phone:
// handling a letter does not need more, and every view is a staff access.
import type { AppContext } from '../../../platform/module.ts';
import { can, type Grant } from '../../identity/permissions.ts';
import { piiCodec } from '../../identity/pii.ts';
import { maskPhone } from '../../identity/validators.ts';
import { assignedOrgs, canTriage } from '../access.ts';
import { currentReply, sentReply } from '../handling.ts';
import type { LetterRow } from '../tables.ts';
import type { LetterDetail, LetterRights } from './admin-pages.tsx';

async function writerLabel(ctx: AppContext, letter: LetterRow): Promise<string> {
  const pii = piiCodec(ctx.config.secret);
  if (letter.phone_enc)
    return `短信验证来信人 ${maskPhone(pii.decrypt('letter.phone', letter.phone_enc))}`;
  if (!letter.account_id) return '—';
  const account = await ctx.db.kysely
    .selectFrom('account')
    .select(['display_name', 'phone_enc'])
    .where('id', '=', letter.account_id)
    .executeTakeFirst();
  if (!account) return '—';
  const phone = account.phone_enc ? maskPhone(pii.decrypt('account.phone', account.phone_enc)) : '';
  return `来信人：${account.display_name} ${phone}`.trim();
}

export async function loadDetail(ctx: AppContext, letter: LetterRow): Promise<LetterDetail> {
  const db = ctx.db.kysely;
  const [assigned, orgs, events, draft, sent, attachments, writer] = await Promise.all([
    assignedOrgs(ctx, letter.id),
    db.selectFrom('organisation').select(['id', 'name']).execute(),
    db
      .selectFrom('letter_event')
      .selectAll()
      .where('letter_id', '=', letter.id)
      .orderBy('created_at')
      .execute(),
    currentReply(ctx, letter.id),
    sentReply(ctx, letter.id),
    db
      .selectFrom('letter_attachment')
      .select(['sha256', 'name'])
      .where('letter_id', '=', letter.id)
      .orderBy('sort_order')
      .execute(),
    writerLabel(ctx, letter),
  ]);
  const nameOf = (id: string | null) => orgs.find((o) => o.id === id)?.name ?? '—';
  return {
    letter,
    writer,
    mailbox: letter.mailbox_org_id ? `${nameOf(letter.mailbox_org_id)}信箱` : '市长信箱',
    assignments: assigned.map((a) => ({ org_id: a.org_id, name: nameOf(a.org_id), lead: a.lead })),
    events,
    draft,
    sent,
    attachments,
  };
}

export async function rightsOn(
  ctx: AppContext,
  detail: LetterDetail,
  me: { id: string; grants: readonly Grant[] },
): Promise<LetterRights> {
  const inOrg = (permission: 'case.handle' | 'letter.review') =>
    detail.assignments.some((a) => can(me.grants, permission, `org:${a.org_id}`));
  const draft = detail.draft;
  return {
    triage: await canTriage(ctx, me.grants),
    handle: inOrg('case.handle'),
    review:
      draft?.status === 'in_review' &&
      draft.author_id !== me.id &&
      can(me.grants, 'letter.review', `org:${draft.org_id}`),
  };
}
