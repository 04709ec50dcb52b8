// Public pages, no sign-in:
//   GET/POST /services/progress   progress by 受理编号 + the phone's last four digits
//   GET      /services/stats      好差评 and timeliness statistics (tables and SVG)
// The lookup answers "not found" alike for an unknown number and a wrong
// phone tail (no enumeration), and is throttled per address and per number:
// five misses lock further tries for a while, so the four digits cannot be
// guessed.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { AppContext } from '../../../platform/module.ts';
import { translator } from '../../../web/i18n/index.ts';
import { sendPage } from '../../../web/view.ts';
import { formErrors } from '../../identity/admin/http.ts';
import { listOrganisations } from '../../identity/organisations.ts';
import { pairKey, releaseAttempt, reserveAttempt } from '../../identity/throttle.ts';
import { serviceNames } from '../catalog.ts';
import { historyOf } from '../events.ts';
import { lookupProgress } from '../queries.ts';
import { applicationStats } from '../stats.ts';
import { TRACKING_PATTERN } from '../tracking-numbers.ts';
import { portalFrame } from './chrome.tsx';
import { ProgressPage, type ProgressResult, StatsPage } from './public-pages.tsx';

const ProgressBody = Type.Object(
  {
    tracking_no: Type.Optional(Type.String({ maxLength: 40 })),
    phone_tail: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);

export function publicRoutes(app: FastifyInstance, ctx: AppContext): void {
  const t = translator('zh-CN');

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    state: {
      values?: Record<string, string>;
      errors?: Record<string, string>;
      message?: string;
      result?: ProgressResult;
    },
    status = 200,
  ) {
    const frame = await portalFrame(ctx);
    reply.header('cache-control', 'no-store');
    return sendPage(
      request,
      reply,
      (view) =>
        h(ProgressPage, {
          view,
          frame,
          values: state.values ?? {},
          errors: state.errors ?? {},
          message: state.message,
          result: state.result,
        }),
      status,
    );
  }

  app.get('/services/progress', async (request, reply) => show(request, reply, {}));

  app.post(
    '/services/progress',
    {
      schema: { body: ProgressBody },
      attachValidation: true,
      config: { rateLimit: { max: 30, timeWindow: 60_000 } },
    },
    async (
      request: FastifyRequest<{ Body: { tracking_no?: string; phone_tail?: string } }>,
      reply,
    ) => {
      if (formErrors(request))
        return show(request, reply, { errors: { tracking_no: '请填写受理编号' } }, 400);
      const trackingNo = (request.body.tracking_no ?? '').trim().toUpperCase();
      const tail = (request.body.phone_tail ?? '').trim();
      const values = { tracking_no: trackingNo, phone_tail: tail };
      const errors: Record<string, string> = {};
      if (!TRACKING_PATTERN.test(trackingNo))
        errors.tracking_no = '受理编号格式不正确，应以 YM 开头';
      if (!/^\d{4}$/.test(tail)) errors.phone_tail = '请填写手机号码的后四位数字';
      if (Object.keys(errors).length > 0) return show(request, reply, { values, errors }, 400);
      const byAddress = pairKey('progress', request.ip);
      const byNumber = pairKey(`progress:${trackingNo}`, '*');
      const state = await reserveAttempt(ctx, [byAddress, byNumber]);
      if (!state.allowed) {
        reply.header('retry-after', String(state.retryAfter));
        const minutes = String(Math.max(1, Math.ceil(state.retryAfter / 60)));
        return show(
          request,
          reply,
          { values, message: t('applications.progress.locked', { minutes }) },
          429,
        );
      }
      const found = await lookupProgress(ctx, trackingNo, tail);
      if (!found)
        return show(request, reply, { values, message: t('applications.progress.notFound') }, 404);
      // A match proves the pair: clear the number's count and give the address its try back.
      await releaseAttempt(ctx, byNumber, byAddress);
      const events = await historyOf(ctx, [found.app.id, ...found.parts.map((p) => p.id)]);
      return show(request, reply, { values, result: { ...found, events } });
    },
  );

  app.get('/services/stats', async (request, reply) => {
    const [byOrg, byService, orgs, services] = [
      await applicationStats(ctx, 'org'),
      await applicationStats(ctx, 'service'),
      await listOrganisations(ctx.db),
      await serviceNames(ctx),
    ];
    const orgNames = new Map(orgs.map((o) => [o.id, o.short_name || o.name]));
    const frame = await portalFrame(ctx);
    reply.header('cache-control', 'public, max-age=60');
    return sendPage(request, reply, (view) =>
      h(StatsPage, { view, frame, byOrg, byService, orgNames, serviceNames: services }),
    );
  });
}
