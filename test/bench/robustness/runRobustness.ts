/**
 * `npm run bench -- --robustness`: the targets of issue 9, measured against the server
 * in its own process (`adapters/main.ts`, production limits, lexical retrieval).
 * Options: --fuzz-cases N (per surface, default 10,000), --fill-conversations N (default 1,000),
 * --kill-runs N (default 3), --restarts N (default 3), --only fuzz|fill|kill|restart.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runFillBench } from './fillConversations.js';
import { runFuzzBench } from './fuzzServer.js';
import { runKillVotesBench } from './killVotes.js';
import { runWebChatRestarts } from './webChatRestarts.js';

const CHROMIUM = '/usr/bin/chromium';
const MiB = 1024 * 1024;

function option(args: readonly string[], name: string, fallback: number): number {
  const index = args.indexOf(name);
  return index >= 0 ? Number(args[index + 1]) : fallback;
}

export async function runRobustness(args: readonly string[]): Promise<void> {
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const wanted = (part: string): boolean => only === undefined || only === part;
  const workDir = await mkdtemp(path.join(tmpdir(), 'faq-robustness-'));
  try {
    if (wanted('fuzz')) {
      const cases = option(args, '--fuzz-cases', 10_000);
      console.log(`\nFuzz: ${cases} cases per surface against adapters/main.ts (own process, production limits, EMULATOR_ENABLED so /api/messages reaches the bot)`);
      const fuzz = await runFuzzBench({ casesPerSurface: cases, workDir });
      console.table(fuzz.surfaces.map((s) => ({
        surface: s.surface, cases: s.cases, '2xx/101': Object.entries(s.byStatus).filter(([k]) => Number(k) < 300).reduce((n, [, v]) => n + v, 0),
        '4xx': Object.entries(s.byStatus).filter(([k]) => Number(k) >= 400 && Number(k) < 500).reduce((n, [, v]) => n + v, 0),
        '501/503': (s.byStatus['501'] ?? 0) + (s.byStatus['503'] ?? 0), 'unexpected 5xx': s.unexpected5xx, unanswered: s.unanswered, leaks: s.leaks, crashes: s.crashes,
      })));
      for (const s of fuzz.surfaces) if (s.examples.length > 0) console.log(`  ${s.surface} examples:`, s.examples);
      const total = fuzz.surfaces.reduce((sum, s) => sum + s.cases, 0);
      console.log(`Fuzz: ${total} cases in ${(fuzz.durationMs / 1000).toFixed(0)} s; crashes ${fuzz.surfaces.reduce((n, s) => n + s.crashes, 0)}, ` +
        `unexpected 5xx ${fuzz.surfaces.reduce((n, s) => n + s.unexpected5xx, 0)}, peak RSS of the server ${fuzz.peakRssMiB.toFixed(0)} MiB, serving at the end: ${fuzz.aliveAtEnd}`);
    }
    if (wanted('fill')) {
      const conversations = option(args, '--fill-conversations', 1_000);
      console.log(`\nMemory bound: ${conversations} conversations × 10 maximum-size messages (20,000 '€')`);
      const fill = await runFillBench({ conversations, postsPerConversation: 10, workDir });
      console.log(`  ${fill.accepted} posts accepted (${JSON.stringify(fill.refused)} refused), ${(fill.bytesRequested / MiB).toFixed(0)} MiB sent in ${(fill.durationMs / 1000).toFixed(0)} s; ` +
        `held at most ${fill.maxHeldBytes} bytes (${(fill.maxHeldBytes / MiB).toFixed(2)} MiB) of the ${fill.budgetBytes}-byte budget; largest poll ${(fill.largestPollBytes / 1024).toFixed(0)} KiB ` +
        `(per-conversation budget ${(fill.perConversationBudget / 1024).toFixed(0)} KiB); peak RSS of the server ${fill.peakRssMiB.toFixed(0)} MiB`);
    }
    if (wanted('kill')) {
      console.log('\nDurability: votes through Direct Line, the server killed with SIGKILL mid-run, restarted, store checked');
      const runs = await runKillVotesBench({ runs: option(args, '--kill-runs', 3), workDir });
      console.log(`  ${runs.reduce((n, r) => n + r.acknowledged, 0)} acknowledged votes across ${runs.length} kill -9 runs, ${runs.reduce((n, r) => n + r.lost, 0)} lost`);
    }
    if (wanted('restart')) {
      if (!existsSync(CHROMIUM)) {
        console.log(`\nWeb Chat restarts: skipped (${CHROMIUM} is absent)`);
      } else {
        console.log('\nWeb Chat across server crashes (Chromium, SIGKILL, restart on the same port and data folder)');
        const rounds = await runWebChatRestarts({ rounds: option(args, '--restarts', 3), workDir, chromium: CHROMIUM });
        const recovered = rounds.filter((round) => round.recovered).length;
        const outage = rounds.map((round) => round.outageMessage).join(', ');
        console.log(`  recovered without a reload: ${recovered}/${rounds.length}; message typed during each outage: ${outage}; ` +
          `answer after restart in ${rounds.map((round) => (round.recoveryMs / 1000).toFixed(1)).join(', ')} s`);
      }
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
