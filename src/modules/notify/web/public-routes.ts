// Public routes. /notify/unsubscribe/:token: GET shows what would end and
// changes nothing; POST ends it. The POST needs no CSRF token: the signed
// token in the address is the authority, and mail clients that honour
// List-Unsubscribe-Post send "List-Unsubscribe=One-Click" from outside the
// site (RFC 8058), sometimes as multipart/form-data.
// /account/subscriptions: a signed-in member's own subscriptions.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { DomainError, notFound } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { sendPage } from '../../../web/view.ts';
import { ownPhone } from '../../identity/accounts.ts';
import {
  CHANNEL_LABELS,
  decryptAddress,
  endOwnSubscription,
  listSubscriptions,
  type Owner,
  subscribe,
  TARGET_LABELS,
} from '../subscriptions.ts';
import type { Channel, Frequency, TargetKind } from '../tables.ts';
import { findSubscription, unsubscribeById, verifyUnsubscribeToken } from '../unsubscribe.ts';
import { maskAddress } from './parts.tsx';
import { SubscriptionsPage, UnsubscribedPage, UnsubscribePage } from './public-pages.tsx';

const TokenParams = Type.Object({ token: Type.String({ maxLength: 100 }) });
const opt = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const member = { access: 'member' as const };
const AddBody = Type.Object(
  {
    target_kind: opt(16),
    target_value: opt(200),
    channel: opt(8),
    email: opt(254),
    frequency: opt(16),
  },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f-]{36}$' }) });
const DoneQuery = Type.Object({ done: opt(16) });
const FLASH: Record<string, string> = { added: '订阅成功。', ended: '已退订。' };

function ownerOf(request: FastifyRequest): Owner {
  const account = request.auth?.account;
  if (!account) throw new DomainError('unauthenticated', '请先登录');
  return { kind: 'account', id: account.id };
}

function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store');
}

export function notifyPublicRoutes(app: FastifyInstance, ctx: AppContext): void {
  const subscriptionOf = async (token: string) => {
    const id = verifyUnsubscribeToken(ctx.config.secret, token);
    const sub = id ? await findSubscription(ctx, id) : undefined;
    if (!sub) throw notFound('退订链接无效：请使用邮件中的完整链接');
    return sub;
  };

  app.get(
    '/notify/unsubscribe/:token',
    { schema: { params: TokenParams } },
    async (request, reply) => {
      const { token } = request.params as { token: string };
      const sub = await subscriptionOf(token);
      const info = {
        target: `${TARGET_LABELS[sub.target_kind]}：${sub.target_value}`,
        channel: CHANNEL_LABELS[sub.channel],
        address: maskAddress(sub.channel, decryptAddress(ctx, sub)),
        active: sub.status === 'active',
      };
      return sendPage(request, noStore(reply), (view) => h(UnsubscribePage, { view, token, info }));
    },
  );

  app.register(async (scope) => {
    // One-click POSTs may come as multipart/form-data; their only field is
    // List-Unsubscribe=One-Click, which this route does not need to read.
    scope.addContentTypeParser('multipart/form-data', (_request, payload, done) => {
      payload.resume();
      payload.on('end', () => done(null, {}));
      payload.on('error', done);
    });
    scope.post(
      '/notify/unsubscribe/:token',
      { config: { csrf: false }, schema: { params: TokenParams } },
      async (request, reply) => {
        const { token } = request.params as { token: string };
        const sub = await subscriptionOf(token);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const count = await unsubscribeById(ctx, sub.id, 'link', body.all === '1');
        return sendPage(request, noStore(reply), (view) => h(UnsubscribedPage, { view, count }));
      },
    );
  });

  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string | undefined>,
    errors?: Record<string, string>,
    flash?: string,
  ) => {
    const subscriptions = await listSubscriptions(ctx, ownerOf(request));
    return sendPage(
      request,
      noStore(reply),
      (view) => h(SubscriptionsPage, { view, subscriptions, values, errors, flash }),
      errors ? 400 : 200,
    );
  };

  app.get(
    '/account/subscriptions',
    { config: member, schema: { querystring: DoneQuery } },
    async (request, reply) => {
      const email = request.auth?.account.email ?? undefined;
      const done = (request.query as { done?: string }).done;
      return page(
        request,
        reply,
        { email, channel: 'sms', frequency: 'immediate' },
        undefined,
        FLASH[done ?? ''],
      );
    },
  );

  app.post(
    '/account/subscriptions',
    { config: member, schema: { body: AddBody } },
    async (request, reply) => {
      const body = request.body as Record<string, string | undefined>;
      const account = request.auth!.account;
      const channel = body.channel as Channel;
      const phone = ownPhone(ctx, account) ?? '';
      try {
        await subscribe(ctx, {
          owner: ownerOf(request),
          targetKind: body.target_kind as TargetKind,
          targetValue: body.target_value ?? '',
          channel,
          address: channel === 'sms' ? phone : (body.email ?? ''),
          frequency: body.frequency as Frequency,
        });
      } catch (err) {
        if (!(err instanceof DomainError) || !err.fields) throw err;
        return page(request, reply, body, err.fields);
      }
      return reply.redirect('/account/subscriptions?done=added', 303);
    },
  );

  app.post(
    '/account/subscriptions/:id/end',
    { config: member, schema: { params: IdParams } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      if (!(await endOwnSubscription(ctx, ownerOf(request), id))) throw notFound('没有这项订阅');
      return reply.redirect('/account/subscriptions?done=ended', 303);
    },
  );
}
