import { afterEach } from 'vitest';

/**
 * Wraps a contract suite's factory: every subject it opens is disposed of after
 * the test that opened it (files, schemas), whatever the test's outcome.
 * Call it inside the suite's `describe`.
 */
export function disposedAfterEach<A extends unknown[], S extends { dispose(): Promise<void> }>(
  factory: (...args: A) => Promise<S>,
): (...args: A) => Promise<S> {
  const opened: S[] = [];
  afterEach(async () => {
    for (const subject of opened.splice(0)) await subject.dispose();
  });
  return async (...args) => {
    const subject = await factory(...args);
    opened.push(subject);
    return subject;
  };
}
