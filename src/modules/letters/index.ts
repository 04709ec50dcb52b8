// Citizen letters (互动交流): the 市长信箱 and the departments' mailboxes —
// writing, triage, handling and review, deadlines and supervision, ratings,
// the public letter pages and statistics.
import type { YimenModule } from '../../platform/module.ts';
import { DEMO_LETTERS } from './demo-letters.ts';
import * as letters from './migrations/202611261200_letters_letters.ts';
import * as fileIndex from './migrations/202612011000_letters_file_index.ts';
import { letterSearchProvider } from './search-provider.ts';
import { seedDemoLetters } from './seed.ts';
import { superviseLetters } from './supervision.ts';
import './tables.ts';
import { registerAccountLetterRoutes } from './web/account-routes.ts';
import { registerAdminLetterRoutes } from './web/admin-routes.ts';
import { registerPublicLetterRoutes } from './web/public-routes.ts';
import { registerWriteRoutes } from './web/write-routes.ts';

export const SUPERVISE_JOB = 'letters.supervise';

export const lettersModule: YimenModule = {
  name: 'letters',
  storedFiles: { columns: [{ table: 'letter_attachment', column: 'sha256' }] },
  migrations: {
    '202611261200_letters_letters': letters,
    '202612011000_letters_file_index': fileIndex,
  },
  jobs: {
    [SUPERVISE_JOB]: {
      async run(_payload, { app, logger }) {
        const done = await superviseLetters(app);
        if (done.overdue + done.stale > 0) logger.info(done, 'letters went to supervision');
      },
    },
  },
  // Hourly in office hours: a letter that passes its deadline overnight is escalated by 08:00.
  schedules: [{ name: SUPERVISE_JOB, cron: '0 8-18 * * *', job: SUPERVISE_JOB }],
  searchProviders: [letterSearchProvider],
  async seed(ctx, { progress }) {
    const added = await seedDemoLetters(ctx);
    progress(`letters: ${added} added, ${DEMO_LETTERS.length - added} already present`);
  },
  routes(app, ctx) {
    registerPublicLetterRoutes(app, ctx);
    registerWriteRoutes(app, ctx);
    registerAccountLetterRoutes(app, ctx);
    registerAdminLetterRoutes(app, ctx);
  },
};
