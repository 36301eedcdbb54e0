import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isMainModule } from '../../../knowledge/index.js';

describe('isMainModule', () => {
  const script = '/srv/bot/adapters/cli/ask.ts';

  it('is true for the script node was started with', () => {
    expect(isMainModule(pathToFileURL(script).href, ['node', script])).toBe(true);
  });

  it('is false for an imported module, or without a script', () => {
    expect(isMainModule(pathToFileURL('/srv/bot/adapters/cli/feedback.ts').href, ['node', script])).toBe(false);
    expect(isMainModule(pathToFileURL(script).href, ['node'])).toBe(false);
  });
});
