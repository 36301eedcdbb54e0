import { describe, expect, it } from 'vitest';
import { loadRealKnowledgeBase } from '../fixtures/kb.js';

describe('links of knowledge/data', () => {
  it('point only to the agency\'s own sites, over https: an address is added when it is checked, never guessed', async () => {
    const kb = await loadRealKnowledgeBase();
    for (const entry of kb.entries) {
      for (const link of entry.links) {
        const url = new URL(link.url);
        expect(url.protocol, `${entry.id}: ${link.url}`).toBe('https:');
        expect(url.hostname === 'esante.gouv.fr' || url.hostname.endsWith('.esante.gouv.fr'), `${entry.id}: ${link.url}`).toBe(true);
        expect(link.label.trim(), entry.id).not.toBe('');
      }
    }
  });
});
