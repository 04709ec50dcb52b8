// Citizen participation (互动交流) other than letters: 我为政府网站找错 (error
// reports on any public page), 意见征集 (solicitations of comments on
// drafts, moderated, with a published feedback summary) and 在线调查
// (surveys, one response per account, results as charts and CSV).
import type { YimenModule } from '../../platform/module.ts';
import { seedParticipation } from './demo.ts';
import * as feedback from './migrations/202611261000_participation_feedback.ts';
import * as consultations from './migrations/202611261001_participation_consultations.ts';
import * as surveys from './migrations/202611261002_participation_surveys.ts';
import { participationRoutes } from './routes.ts';
import { searchProviders } from './search.ts';
import './tables.ts';

export const participationModule: YimenModule = {
  name: 'participation',
  migrations: {
    '202611261000_participation_feedback': feedback,
    '202611261001_participation_consultations': consultations,
    '202611261002_participation_surveys': surveys,
  },
  routes: participationRoutes,
  searchProviders,
  seed: (ctx, { progress }) => seedParticipation(ctx, progress),
};
