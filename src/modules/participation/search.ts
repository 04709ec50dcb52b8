// Solicitations and surveys in the one search index: a published one whose
// window has begun is a public document (its draft text, and the feedback
// summary once published); anything else is removed from the index.
import type { SearchDocument, SearchProvider } from '../../platform/search.ts';
import { listPublicConsultations, publicConsultation } from './consultations.ts';
import { listPublicSurveys, publicSurvey } from './surveys.ts';
import type { ConsultationRow, SurveyRow } from './tables.ts';

function consultationDocument(c: ConsultationRow): SearchDocument {
  return {
    source: 'consultations',
    sourceId: c.id,
    title: c.title,
    body: [c.department, c.body, c.summary ?? ''].join('\n\n'),
    url: `/consultations/${c.id}`,
    siteCode: c.site_code,
    type: 'consultation',
    audiences: [],
    topics: [],
    publishedAt: c.opens_at,
    updatedAt: c.updated_at,
  };
}

function surveyDocument(s: SurveyRow): SearchDocument {
  return {
    source: 'surveys',
    sourceId: s.id,
    title: s.title,
    body: s.intro,
    url: `/surveys/${s.id}`,
    siteCode: s.site_code,
    type: 'survey',
    audiences: [],
    topics: [],
    publishedAt: s.opens_at,
    updatedAt: s.updated_at,
  };
}

export const searchProviders: SearchProvider[] = [
  {
    source: 'consultations',
    async load(ctx, id) {
      const row = await publicConsultation(ctx, id);
      return row ? consultationDocument(row) : null;
    },
    async *all(ctx) {
      yield (await listPublicConsultations(ctx)).map(consultationDocument);
    },
  },
  {
    source: 'surveys',
    async load(ctx, id) {
      const row = await publicSurvey(ctx, id);
      return row ? surveyDocument(row) : null;
    },
    async *all(ctx) {
      yield (await listPublicSurveys(ctx)).map(surveyDocument);
    },
  },
];
