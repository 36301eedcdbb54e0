/**
 * `npm run index`: rebuilds the persisted vector index for the configured
 * embedding provider, with a progress bar. The server and `ask` reuse it while
 * its manifest (provider, model, dimension, KB version, HNSW parameters) matches.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { loadKnowledgeBase } from '../../knowledge/index.js';
import { buildRetriever, chooseProvider } from '../buildRetriever.js';
import { loadConfig } from '../config.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const kb = await loadKnowledgeBase(config.kbDir);
  const choice = await chooseProvider(config);
  const { provider } = choice;
  if (!provider) {
    console.log(`Lexical retrieval only (${choice.reason}): the BM25 index is built in memory at start-up, nothing to persist.`);
    return;
  }
  // A rebuild is what was asked for: drop the saved index so loadOrBuild cannot reuse it.
  await rm(path.join(config.indexDir, provider.name), { recursive: true, force: true });
  const bar = new cliProgress.SingleBar({ format: 'Embedding {bar} {value}/{total} texts | {duration_formatted}' }, cliProgress.Presets.shades_classic);
  const started = performance.now();
  let barStarted = false;
  const built = await buildRetriever(config, kb, {
    choice,
    ignoreCalibration: true,
    onProgress: (done, total) => {
      if (!barStarted) {
        bar.start(total, 0);
        barStarted = true;
      }
      bar.update(done);
    },
  });
  if (barStarted) bar.stop();
  await provider.dispose?.();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Index ${built.status.indexState} in ${seconds} s: ${built.status.provider} (${built.status.model}), KB ${kb.version.slice(0, 12)}, ${kb.entries.length} entries → ${path.join(config.indexDir, built.status.provider)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
