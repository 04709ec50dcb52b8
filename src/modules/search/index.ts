// One search over everything: the index every module's providers feed, the
// public search pages and API, and the editors' tools (synonyms, dictionary,
// best bets, query statistics).
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { YimenModule } from '../../platform/module.ts';
import { SEARCH_UPDATE_JOB } from '../../platform/search.ts';
import { searchCli } from './cli.ts';
import { refreshDocument, reindex } from './indexer.ts';
import * as indexMigration from './migrations/202611261000_search_index.ts';
import * as alsoOnMigration from './migrations/202611291000_search_also_on.ts';
import * as windowMigration from './migrations/202611300900_search_window.ts';
import * as searcherMigration from './migrations/202612021000_search_query_searcher.ts';
import * as stemsMigration from './migrations/202612031000_search_english_stems.ts';
import * as validityMigration from './migrations/202612041000_search_validity.ts';
import * as vectorStorageMigration from './migrations/202612051000_search_vector_storage.ts';
import * as typeLexemeMigration from './migrations/202612061000_search_type_lexeme.ts';
import { SEARCH_REINDEX_JOB, searchReindexJob } from './reindex-job.ts';
import { registerSearchRoutes } from './routes.ts';
import { insertStarterVocabulary } from './starter-vocabulary.ts';
import './tables.ts';

const UpdatePayload = Type.Object(
  {
    source: Type.String({ minLength: 1, maxLength: 40 }),
    sourceId: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const searchModule: YimenModule = {
  name: 'search',
  migrations: {
    '202611261000_search_index': indexMigration,
    '202611291000_search_also_on': alsoOnMigration,
    '202611300900_search_window': windowMigration,
    '202612021000_search_query_searcher': searcherMigration,
    '202612031000_search_english_stems': stemsMigration,
    '202612041000_search_validity': validityMigration,
    '202612051000_search_vector_storage': vectorStorageMigration,
    '202612061000_search_type_lexeme': typeLexemeMigration,
  },
  jobs: {
    [SEARCH_REINDEX_JOB]: searchReindexJob,
    [SEARCH_UPDATE_JOB]: {
      backoffBaseMs: 1000,
      async run(payload, { app, logger }) {
        if (!Value.Check(UpdatePayload, payload))
          throw new Error('search.update: malformed payload');
        const outcome = await refreshDocument(app, payload.source, payload.sourceId);
        // A source no module provides any more: nothing to do, and no retry would help.
        if (outcome === 'unknown-source')
          logger.warn(payload, 'search.update for an unknown source');
      },
    },
  },
  routes: registerSearchRoutes,
  cli: searchCli,
  async seed(ctx, { progress }) {
    const added = await insertStarterVocabulary(ctx);
    progress(`search vocabulary: ${added.sets} synonym sets, ${added.words} words added`);
    const result = await reindex(ctx);
    progress(`search index: ${result.documents} documents in ${result.seconds.toFixed(1)} s`);
  },
};
