/** The options of `npm run bench -- --instances` (see runInstancesBench.ts). */
import path from 'node:path';
import { DEFAULT_CLUSTER_POOL_SIZE } from '../../adapters/multiInstance/cluster.js';

const LEVELS = [10, 50, 200];

export const SETUPS = [
  { name: 'embedded', engine: 'embedded', instances: 1 },
  { name: 'pg1', engine: 'postgres', instances: 1 },
  { name: 'pg2', engine: 'postgres', instances: 2 },
] as const;
export type Setup = (typeof SETUPS)[number];

/**
 * The round-robin proxy in front of a set-up: nginx (NginxProxy.ts, the default: what a deployment runs, and its
 * CPU per turn is a tenth of the Node proxy's, which shares the bench's two cores), the tests' Node proxy, or none:
 * the load generator sends each request to the next instance itself (client-side round robin, as a deployment
 * without a load balancer would), which measures the instances without a proxy's CPU on the same two cores.
 */
export type ProxyKind = 'node' | 'nginx' | 'none';

export interface Options {
  readonly levels: readonly number[];
  readonly setups: readonly Setup[];
  readonly statements: boolean;
  readonly cpuProfDir?: string;
  readonly poolSize: number;
  readonly baseline?: string;
  readonly rounds: number;
  readonly proxies: readonly ProxyKind[];
}

export function parseOptions(args: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const levels = value('--levels')?.split(',').map(Number) ?? LEVELS;
  if (levels.some((level) => !Number.isInteger(level) || level < 1)) throw new Error(`runInstancesBench: --levels takes positive integers, got ${value('--levels')}`);
  const names = value('--setups')?.split(',') ?? SETUPS.map((setup) => setup.name);
  const setups = SETUPS.filter((setup) => names.includes(setup.name));
  if (setups.length !== names.length) throw new Error(`runInstancesBench: --setups takes ${SETUPS.map((setup) => setup.name).join(',')}`);
  const cpuProfDir = value('--cpu-prof');
  const poolSize = Number(value('--pool-size') ?? DEFAULT_CLUSTER_POOL_SIZE);
  if (!Number.isInteger(poolSize) || poolSize < 1) throw new Error(`runInstancesBench: --pool-size takes a positive integer, got ${value('--pool-size')}`);
  const baseline = value('--baseline');
  const rounds = Number(value('--rounds') ?? 1);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`runInstancesBench: --rounds takes a positive integer, got ${value('--rounds')}`);
  const proxies = (value('--proxy') ?? 'nginx').split(',');
  if (proxies.length === 0 || !proxies.every(isProxyKind)) throw new Error(`runInstancesBench: --proxy takes nginx, node, none or several of them (nginx,none), got ${value('--proxy')}`);
  return {
    levels, setups, statements: args.includes('--statements'), poolSize, rounds, proxies,
    ...(cpuProfDir !== undefined && { cpuProfDir: path.resolve(cpuProfDir) }),
    ...(baseline !== undefined && { baseline: path.resolve(baseline) }),
  };
}

function isProxyKind(value: string): value is ProxyKind {
  return value === 'node' || value === 'nginx' || value === 'none';
}
