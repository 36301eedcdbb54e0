export * from './types.js';
export { matchesFilter } from './matchesFilter.js';
