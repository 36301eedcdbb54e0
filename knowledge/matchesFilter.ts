import { FACETS, type FacetFilter, type FaqEntry } from './types.js';

/**
 * Whether an entry belongs to the branch the user chose. An entry without a
 * value for a facet applies to every value of it (e.g. an answer about Mon
 * espace santé as a whole matches each of its products).
 */
export function matchesFilter(entry: FaqEntry, filter: FacetFilter): boolean {
  return FACETS.every((facet) => {
    const wanted = filter[facet];
    const actual = entry[facet];
    return wanted === undefined || actual === undefined || actual === wanted;
  });
}
