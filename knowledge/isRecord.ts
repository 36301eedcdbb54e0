/** A plain JSON object (not null, not an array): what parsed YAML, JSON files and client payloads are checked with. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
