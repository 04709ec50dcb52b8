// Notifications: the durable outbox and its delivery. SMS over SMPP, email over
// SMTP, templates editing and subscriptions join this module.
import type { YimenModule } from '../../platform/module.ts';
import * as outbox from './migrations/202611260630_notify_outbox.ts';
import { DELIVER_JOB, deliverMessage } from './outbox.ts';
import './tables.ts';

export const notifyModule: YimenModule = {
  name: 'notify',
  migrations: { '202611260630_notify_outbox': outbox },
  jobs: {
    [DELIVER_JOB]: {
      async run(payload, { app }) {
        await deliverMessage(app, (payload as { id: string }).id);
      },
    },
  },
};
