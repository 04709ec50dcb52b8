// The platform's own tables and housekeeping, registered like any module.

import * as jobs from './migrations/202611260600_platform_jobs.ts';
import * as schedules from './migrations/202611260601_platform_job_schedules.ts';
import * as calendar from './migrations/202611260602_platform_calendar.ts';
import * as calendarData from './migrations/202611260603_platform_calendar_2025_2026.ts';
import type { YimenModule } from './module.ts';
import './jobs/tables.ts';
import './calendar/tables.ts';

const KEEP_SUCCEEDED_JOBS_DAYS = 7;

export const platformModule: YimenModule = {
  name: 'platform',
  migrations: {
    '202611260600_platform_jobs': jobs,
    '202611260601_platform_job_schedules': schedules,
    '202611260602_platform_calendar': calendar,
    '202611260603_platform_calendar_2025_2026': calendarData,
  },
  jobs: {
    'platform.purge-jobs': {
      async run(_payload, { app, logger }) {
        const cutoff = new Date(app.jobs.now().getTime() - KEEP_SUCCEEDED_JOBS_DAYS * 86_400_000);
        const purged = await app.jobs.purgeSucceeded(cutoff);
        logger.info({ purged }, 'purged finished jobs');
      },
    },
  },
  schedules: [{ name: 'platform.purge-jobs', cron: '17 3 * * *', job: 'platform.purge-jobs' }],
};
