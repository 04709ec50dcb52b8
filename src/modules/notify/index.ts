// Notifications: the durable outbox and its delivery (SMS over SMPP, email
// over SMTP, a development sink when neither is configured), editable
// templates, subscriptions with daily digests, and the back-office and public
// pages. Other modules send through enqueueMessage and publishEvent.
import type { YimenModule } from '../../platform/module.ts';
import { DIGEST_JOB, sendDigests } from './digest.ts';
import { dispatchDue } from './dispatch.ts';
import * as outbox from './migrations/202611260630_notify_outbox.ts';
import * as delivery from './migrations/202611270900_notify_outbox_delivery.ts';
import * as receipts from './migrations/202611270901_notify_receipts.ts';
import * as templates from './migrations/202611270910_notify_templates.ts';
import * as subscriptions from './migrations/202611270920_notify_subscriptions.ts';
import { DELIVER_JOB } from './outbox.ts';
import { notifyRoutes } from './routes.ts';
import { closeTransports } from './transports.ts';
import './tables.ts';

export { enqueueMessage, enqueueMessages, listOutbox } from './outbox.ts';
export { type PublicationEvent, publishEvent } from './publish.ts';
export { subscribe } from './subscriptions.ts';

export const notifyModule: YimenModule = {
  name: 'notify',
  migrations: {
    '202611260630_notify_outbox': outbox,
    '202611270900_notify_outbox_delivery': delivery,
    '202611270901_notify_receipts': receipts,
    '202611270910_notify_templates': templates,
    '202611270920_notify_subscriptions': subscriptions,
  },
  jobs: {
    // Runs the dispatcher: woken by each enqueue, by retries and deferrals at
    // their time, and every minute by the sweep below.
    [DELIVER_JOB]: {
      async run(_payload, { app, signal }) {
        await dispatchDue(app, { signal });
      },
    },
    [DIGEST_JOB]: {
      async run(_payload, { app, logger }) {
        const sent = await sendDigests(app);
        logger.info({ digests: sent }, 'daily digests queued');
      },
    },
  },
  schedules: [
    // The safety net: finds messages whose wake-up was lost and 'sending'
    // leases left by a node that died, and keeps the SMPP bind open.
    { name: 'notify.sweep', cron: '* * * * *', job: DELIVER_JOB },
    { name: 'notify.digest', cron: '0 8 * * *', job: DIGEST_JOB },
  ],
  routes: notifyRoutes,
  stop: closeTransports,
};
