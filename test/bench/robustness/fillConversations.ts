/**
 * Memory bound benchmark: 1,000 Direct Line conversations each filled with maximum-size
 * messages (20,000 '€', about 60 KB of JSON: the largest text the endpoint takes) until
 * each has asked for more than its per-conversation budget, against `adapters/main.ts`
 * in its own process. Reports the bytes the server holds (its own count, on /healthz)
 * against the documented total budget, and the process's peak resident memory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { MAX_CONVERSATION_BYTES, MAX_TOTAL_CONVERSATION_BYTES } from '../../../adapters/directline/index.js';
import { DirectLineTestClient } from '../../adapters/helpers/directLineClient.js';
import { startMainProcess } from '../../adapters/helpers/mainProcess.js';
import { loopbackAddresses } from './fuzzServer.js';

export interface FillReport {
  readonly conversations: number;
  readonly postsPerConversation: number;
  readonly postBytes: number;
  readonly accepted: number;
  readonly refused: Record<string, number>;
  readonly bytesRequested: number;
  readonly maxHeldBytes: number;
  readonly budgetBytes: number;
  readonly largestPollBytes: number;
  readonly perConversationBudget: number;
  readonly peakRssMiB: number;
  readonly durationMs: number;
}

const CONCURRENCY = 16;

export async function runFillBench(options: { conversations: number; postsPerConversation: number; workDir: string }): Promise<FillReport> {
  const began = Date.now();
  const dataDir = await mkdtemp(path.join(options.workDir, 'fill-'));
  const server = await startMainProcess({ PORT: '0', EMBEDDINGS_PROVIDER: 'none', DATA_DIR: dataDir, LOG_LEVEL: 'info' });
  const text = '€'.repeat(20_000);
  const postBytes = Buffer.byteLength(JSON.stringify({ type: 'message', text }));
  const addresses = loopbackAddresses(2, options.conversations);
  const refused: Record<string, number> = {};
  let accepted = 0;
  let maxHeldBytes = 0;
  let largestPollBytes = 0;

  const sampleHealth = async (): Promise<void> => {
    const health: unknown = await (await fetch(`${server.url}/healthz`)).json();
    const held = typeof health === 'object' && health !== null && 'conversationBytes' in health ? Number(health.conversationBytes) : Number.NaN;
    maxHeldBytes = Math.max(maxHeldBytes, held);
  };
  const sampler = setInterval(() => void sampleHealth().catch(() => undefined), 250);

  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < options.conversations) {
      const index = next++;
      const client = await DirectLineTestClient.connect(server.url, addresses[index]);
      for (let post = 0; post < options.postsPerConversation; post += 1) {
        const result = await client.send(text);
        if (result.status === 200) accepted += 1;
        else refused[result.status] = (refused[result.status] ?? 0) + 1;
      }
      if (index % 50 === 0) {
        const page = await client.call('GET', `/conversations/${client.conversationId}/activities`);
        largestPollBytes = Math.max(largestPollBytes, Buffer.byteLength(JSON.stringify(page.body)));
      }
    }
  }));
  clearInterval(sampler);
  await sampleHealth();
  const peakRssMiB = server.peakRssMiB();
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
  return {
    conversations: options.conversations, postsPerConversation: options.postsPerConversation, postBytes, accepted, refused,
    bytesRequested: accepted * postBytes, maxHeldBytes, budgetBytes: MAX_TOTAL_CONVERSATION_BYTES, largestPollBytes,
    perConversationBudget: MAX_CONVERSATION_BYTES, peakRssMiB, durationMs: Date.now() - began,
  };
}
