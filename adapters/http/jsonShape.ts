/** How deep and how big a parsed JSON document may be. */
export interface JsonShapeLimits {
  /** Nesting levels of arrays and objects; the top-level value is level 1. */
  readonly maxDepth: number;
  /** Values in the document (objects, arrays, strings, numbers, booleans, nulls), keys not counted. */
  readonly maxValues: number;
}

/**
 * What makes a parsed JSON document too deep or too big, or undefined when it is
 * within the limits. Pure and iterative: a document nested 100,000 levels deep,
 * which `JSON.parse` accepts, is measured without recursion and refused here,
 * before anything can serialise it recursively (JSON.stringify would throw a
 * RangeError on it later, in a poll or a stream).
 */
export function jsonShapeProblem(value: unknown, limits: JsonShapeLimits): string | undefined {
  const pending: Array<{ readonly value: unknown; readonly depth: number }> = [{ value, depth: 1 }];
  let values = 0;
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === undefined) break;
    values += 1;
    if (values > limits.maxValues) return `the JSON document holds more than ${limits.maxValues} values`;
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth > limits.maxDepth) return `the JSON document is nested deeper than ${limits.maxDepth} levels`;
    const children = Array.isArray(next.value) ? next.value : Object.values(next.value);
    for (const child of children) pending.push({ value: child, depth: next.depth + 1 });
  }
  return undefined;
}
