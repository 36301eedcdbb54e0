/**
 * The load generator of `npm run bench -- --instances`, in its own process so that its CPU
 * is not the servers': `conversations` Web Chat-like visitors (each from its own loopback
 * address) each run `turns` turns (question, answer on the stream, vote) through the
 * proxy, or, given several base URLs, sending each request to the next instance in turn
 * themselves (client-side round robin, one counter for all visitors, as a proxy's);
 * prints one JSON line with the turn latencies and the elapsed time per load it is asked for
 * (one JSON request per line on stdin; it exits when stdin closes).
 */
import { createInterface } from 'node:readline';
import { loopbackAddresses } from '../robustness/fuzzServer.js';
import { runVisitor } from '../../adapters/multiInstance/webChatVisitor.js';
import { KeepAliveHttpClient } from './KeepAliveHttpClient.js';

export interface LoadRequest {
  /** The proxy, or every instance (client-side round robin). */
  readonly baseUrls: readonly string[];
  readonly conversations: number;
  readonly questions: readonly string[];
}

export interface LoadReport {
  readonly turns: number;
  readonly elapsedMs: number;
  readonly latenciesMs: number[];
  readonly failures: number;
  /** CPU this process used while the visitors ran (user + system). */
  readonly cpuMs: number;
}

/**
 * Source addresses: one per visitor, as on the website. Visitors sharing an address share its rate-limit bucket
 * (4 requests a second per address per instance, IP_RATE_POLICY): at 200 conversations from 25 addresses, one
 * instance measured its rate limiter (about 50 turns a second, half its event loop idle), not its engine.
 */
const MAX_ADDRESSES = 1_000;

/** One client per source address, kept from one load to the next, as a browser keeps its connections to the site. */
const clients = new Map<string, KeepAliveHttpClient>();
function clientFor(address: string): KeepAliveHttpClient {
  let client = clients.get(address);
  if (!client) {
    client = new KeepAliveHttpClient(address);
    clients.set(address, client);
  }
  return client;
}

/**
 * One load: `conversations` visitors at once, each request sent to the proxy, or to the next instance when there are
 * several base URLs (one counter for all visitors, as a proxy's round robin).
 */
async function load(request: unknown): Promise<LoadReport> {
  const baseUrls: unknown = Reflect.get(Object(request), 'baseUrls');
  const conversations = Number(Reflect.get(Object(request), 'conversations'));
  const questions: unknown = Reflect.get(Object(request), 'questions');
  if (!Array.isArray(baseUrls) || baseUrls.length === 0 || !Array.isArray(questions) || !Number.isInteger(conversations)) {
    throw new Error('loadGenerator: expects {"baseUrls","conversations","questions"}');
  }
  const urls = baseUrls.map(String);
  let next = 0;
  const baseUrl = urls.length === 1 ? urls[0] : () => urls[next++ % urls.length];
  const addresses = loopbackAddresses(8, Math.min(conversations, MAX_ADDRESSES));
  const clients = addresses.map(clientFor);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const results = await Promise.allSettled(
    Array.from({ length: conversations }, (_, i) => {
      const at = i % addresses.length;
      return runVisitor({ baseUrl, questions: questions.map(String), localAddress: addresses[at], answerTimeoutMs: 60_000, http: clients[at].request });
    }),
  );
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const latenciesMs = results.flatMap((result) => (result.status === 'fulfilled' ? result.value.turnLatenciesMs : []));
  const failures = results.filter((result) => result.status === 'rejected').length;
  return { turns: latenciesMs.length, elapsedMs, latenciesMs, failures, cpuMs: (cpu.user + cpu.system) / 1000 };
}

// One request per line on stdin, one report per line on stdout: the warm-up and the measured load run in the same
// process, so the measured load's client is warm (compiled, connections kept alive), as visitors' browsers are.
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue;
  process.stdout.write(`${JSON.stringify(await load(JSON.parse(line)))}\n`);
}
process.exit(0);
