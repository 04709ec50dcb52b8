// Content production: items, revisions, 三审 review, scheduling, pushes,
// attachments, the sensitive-term dictionary.
import type { YimenModule } from '../../platform/module.ts';
import { registerContentAdmin } from './admin/index.ts';
import { seedDemoContent } from './demo/seed.ts';
import { describePrune, filesCli } from './file-cli.ts';
import { PRUNE_JOB, pruneStoredFiles } from './file-prune.ts';
import * as items from './migrations/202611261110_content_items.ts';
import * as liveTags from './migrations/202611261130_content_live_tags.ts';
import * as publicIndexes from './migrations/202611281000_content_public_indexes.ts';
import * as fileOrphans from './migrations/202611301000_content_file_orphans.ts';
import { runScheduledPublication } from './review.ts';
import { contentSearchProvider } from './search-provider.ts';
import { insertMissingTerms, STARTER_TERMS } from './starter-terms.ts';
import './tables.ts';

export const contentModule: YimenModule = {
  name: 'content',
  // Attachments; covers in the fields and images in the body of every
  // revision, so that restoring an old revision finds its files.
  storedFiles: {
    columns: [{ table: 'content_attachment', column: 'sha256' }],
    texts: [
      { table: 'content_item', column: 'fields', like: '%coverSha256%' },
      { table: 'content_revision', column: 'fields', like: '%coverSha256%' },
      { table: 'content_item', column: 'body_html', like: '%/files/%' },
      { table: 'content_revision', column: 'body_html', like: '%/files/%' },
    ],
  },
  migrations: {
    '202611261110_content_items': items,
    '202611281000_content_public_indexes': publicIndexes,
    '202611261130_content_live_tags': liveTags,
    '202611301000_content_file_orphans': fileOrphans,
  },
  jobs: {
    'content.scheduled-publication': {
      async run(_payload, { app, logger }) {
        const done = await runScheduledPublication(app);
        if (done.published + done.withdrawn > 0) logger.info(done, 'scheduled publication ran');
      },
    },
    [PRUNE_JOB]: {
      async run(_payload, { app, logger }) {
        const result = await pruneStoredFiles(app);
        logger.info(result, describePrune(result, false));
      },
    },
  },
  cli: filesCli,
  routes: registerContentAdmin,
  searchProviders: [contentSearchProvider],
  async seed(ctx, { progress }) {
    const added = await insertMissingTerms(ctx);
    progress(`sensitive terms: ${added} added, ${STARTER_TERMS.length - added} already present`);
    await seedDemoContent(ctx, progress);
  },
  schedules: [
    {
      name: 'content.scheduled-publication',
      cron: '* * * * *',
      job: 'content.scheduled-publication',
    },
    { name: PRUNE_JOB, cron: '40 3 * * *', job: PRUNE_JOB },
  ],
};
