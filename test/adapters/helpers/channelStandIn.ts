import { createServer } from 'node:http';

/** A stand-in for a Bot Framework channel's serviceUrl on loopback: records each request and accepts it. */
export interface ChannelStandIn {
  readonly url: string;
  /** `METHOD path` of every request received. */
  readonly hits: readonly string[];
  close(): Promise<void>;
}

export async function startChannelStandIn(): Promise<ChannelStandIn> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    req.resume();
    // Not chained: restify patches ServerResponse in a process that loaded it, and its writeHead returns nothing.
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ id: `reply-${hits.length}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('startChannelStandIn: no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
