import { describe, expect, it } from 'vitest';
import { jsonShapeProblem } from '../../../adapters/http/jsonShape.js';

const nested = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth));

describe('jsonShapeProblem', () => {
  const limits = { maxDepth: 32, maxValues: 100 };

  it('accepts documents within the depth and value limits', () => {
    expect(jsonShapeProblem({ type: 'message', value: { a: [1, 2, { b: null }] } }, limits)).toBeUndefined();
    expect(jsonShapeProblem(nested(32), limits)).toBeUndefined();
    expect(jsonShapeProblem('texte', limits)).toBeUndefined();
  });

  it('refuses nesting beyond the limit, objects and arrays alike', () => {
    expect(jsonShapeProblem(nested(33), limits)).toBe('the JSON document is nested deeper than 32 levels');
    expect(jsonShapeProblem(JSON.parse('{"a":'.repeat(40) + '1' + '}'.repeat(40)), limits)).toMatch(/deeper than 32/);
  });

  it('measures a document nested 100,000 levels deep without overflowing the stack', () => {
    expect(jsonShapeProblem(nested(100_000), limits)).toMatch(/deeper than 32/);
  });

  it('refuses documents with too many values', () => {
    expect(jsonShapeProblem(Array.from({ length: 99 }, () => 0), limits)).toBeUndefined();
    expect(jsonShapeProblem(Array.from({ length: 100 }, () => 0), limits)).toBe('the JSON document holds more than 100 values');
  });
});
