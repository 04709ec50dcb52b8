// The letters' documents for the one search index: answered, publishable,
// non-举报 letters only (public.ts decides), question and reply with personal
// data removed, linked to their public page.
import type { SearchDocument, SearchProvider } from '../../platform/search.ts';
import { SEARCH_SOURCE } from './handling.ts';
import { allPublicLetters, type PublicLetter, publicLetter } from './public.ts';

export function letterPath(id: string): string {
  return `/letters/${id}`;
}

function toDocument(letter: PublicLetter): SearchDocument {
  return {
    source: SEARCH_SOURCE,
    sourceId: letter.id,
    title: letter.subject,
    body: `${letter.body}\n答复：${letter.reply}\n答复单位：${letter.department}`,
    url: letterPath(letter.id),
    siteCode: null,
    type: 'letter',
    audiences: ['citizen'],
    topics: [],
    publishedAt: letter.repliedAt,
  };
}

export const letterSearchProvider: SearchProvider = {
  source: SEARCH_SOURCE,
  async load(ctx, sourceId) {
    const letter = await publicLetter(ctx, sourceId);
    return letter ? toDocument(letter) : null;
  },
  async *all(ctx) {
    for await (const batch of allPublicLetters(ctx)) yield batch.map(toDocument);
  },
};
