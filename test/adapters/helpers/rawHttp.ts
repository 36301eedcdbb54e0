import { request } from 'node:http';

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

/**
 * One HTTP request on its own connection with exactly the headers and bytes given
 * (nothing added but Host and Content-Length), as a hostile or careless client sends it.
 */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string; localAddress?: string; timeoutMs?: number } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    const req = request(url, {
      method: options.method ?? 'POST',
      headers: { ...(body !== undefined && { 'Content-Length': String(body.length) }), ...options.headers },
      agent: false,
      localAddress: options.localAddress,
      timeout: options.timeoutMs ?? 30_000,
    }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`rawRequest: no answer within ${options.timeoutMs ?? 30_000} ms`)));
    // The server may answer and close before the whole body is sent (413): once it answered, the answer is what matters.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.end(body);
  });
}
