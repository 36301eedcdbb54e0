import { expect, it } from 'vitest';
import { createIdHasher } from '../../../bot/index.js';
import { loopbackAddresses } from '../../bench/robustness/fuzzServer.js';
import { createTestSchema, describePostgres, sql } from '../storage/postgres/testDatabase.js';
import { CLUSTER_SALT, faqQuestions, startCluster } from './cluster.js';
import { runVisitor, type VisitorResult } from './webChatVisitor.js';

/** Kill -9 runs: 1 in `npm test`; MULTI_INSTANCE_RUNS=3 for the target. */
const RUNS = Number(process.env.MULTI_INSTANCE_RUNS ?? '1');
const CONVERSATIONS = 50;
const TURNS = 10;
/** Share of all turns done when the second instance is killed. */
const KILL_AT = 0.3;

describePostgres('two instances behind a round-robin proxy, one killed with kill -9 mid-run', () => {
  it(`loses no acknowledged vote, leaves no conversation stuck and duplicates nothing (${RUNS} run(s), ${CONVERSATIONS} conversations × ${TURNS} turns)`, async () => {
    const questions = await faqQuestions(TURNS);
    const hash = createIdHasher(CLUSTER_SALT);
    const addresses = loopbackAddresses(7, 25);
    for (let run = 0; run < RUNS; run += 1) {
      const schema = await createTestSchema();
      const cluster = await startCluster(2, { url: schema.config.url, schema: schema.config.schema });
      try {
        let done = 0;
        let servedBeforeKill: number[] = [];
        let killing: Promise<void> | undefined;
        const onTurn = (): void => {
          done += 1;
          if (killing === undefined && done >= CONVERSATIONS * TURNS * KILL_AT) {
            servedBeforeKill = [...cluster.proxy.served];
            killing = cluster.instances[1].kill();
          }
        };
        const results: VisitorResult[] = await Promise.all(
          Array.from({ length: CONVERSATIONS }, (_, i) => runVisitor({ baseUrl: cluster.proxy.url, questions, localAddress: addresses[i % addresses.length], onTurn })),
        );
        await killing;

        // The kill happened mid-run, after both instances had served requests.
        expect(killing).toBeDefined();
        expect(cluster.instances[1].alive()).toBe(false);
        expect(Math.min(...servedBeforeKill)).toBeGreaterThan(0);
        // Every conversation went on to its last turn, and no activity reached a client twice.
        expect(results.map((result) => result.turnsDone)).toEqual(results.map(() => TURNS));
        expect(results.reduce((sum, result) => sum + result.duplicates, 0)).toBe(0);
        // Every acknowledged vote is in the database, with the choice acknowledged, once.
        const rows = await sql(schema.config.url, `SELECT conversation_hash, question, helpful FROM ${schema.config.schema}.feedback_records WHERE kind = 'feedback'`);
        const stored = new Map<string, boolean[]>();
        for (const row of rows) {
          const key = `${String(row.conversation_hash)}\n${String(row.question)}`;
          stored.set(key, [...(stored.get(key) ?? []), Boolean(row.helpful)]);
        }
        const votes = results.flatMap((result) => result.votes);
        expect(votes).toHaveLength(CONVERSATIONS * TURNS);
        const missing = votes.filter((vote) => JSON.stringify(stored.get(`${hash(vote.conversationId)}\n${vote.question}`)) !== JSON.stringify([vote.helpful]));
        expect(missing).toEqual([]);
        console.log(
          `multi-instance run ${run + 1}/${RUNS}: ${votes.length} votes acknowledged, ${missing.length} lost; ` +
            `requests per instance before the kill ${servedBeforeKill.join('/')}, after ${cluster.proxy.served.join('/')}; ` +
            `${results.reduce((sum, result) => sum + result.reconnections, 0)} stream reconnections, ${results.reduce((sum, result) => sum + result.retriedPosts, 0)} retried requests`,
        );
      } finally {
        await cluster.stop();
        await schema.drop();
      }
    }
  }, 240_000 * RUNS);
});
