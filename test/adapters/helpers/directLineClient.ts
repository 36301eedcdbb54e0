import { Agent, request } from 'node:http';
import WebSocket from 'ws';

/** A Direct Line activity as the tests read it. */
export interface DlActivity {
  readonly id?: string;
  readonly type?: string;
  readonly text?: string;
  readonly replyToId?: string;
  readonly from?: { readonly id?: string; readonly role?: string };
  readonly channelData?: Record<string, unknown>;
}

export interface HttpResult {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: unknown;
}

/**
 * Minimal HTTP over node:http so a test can pick the source address (`localAddress`):
 * the load test spreads its clients over several loopback addresses like real users.
 */
const agents = new Map<string, Agent>();
/** Keep-alive connections per source address, as a browser keeps its connection to the site. */
function agentFor(localAddress = ''): Agent {
  let agent = agents.get(localAddress);
  if (!agent) {
    agent = new Agent({ keepAlive: true, ...(localAddress && { localAddress }) });
    agents.set(localAddress, agent);
  }
  return agent;
}

export function httpJson(
  method: string,
  url: string,
  options: { headers?: Record<string, string>; body?: string; localAddress?: string } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: options.headers, agent: agentFor(options.localAddress) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          // Not JSON: the raw text is what the test inspects.
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (options.body !== undefined) {
      req.setHeader('Content-Type', 'application/json');
      req.setHeader('Content-Length', Buffer.byteLength(options.body));
      req.end(options.body);
    } else {
      req.end();
    }
  });
}

function field<T>(value: unknown, name: string, check: (v: unknown) => v is T): T {
  const found: unknown = typeof value === 'object' && value !== null && name in value ? Reflect.get(value, name) : undefined;
  if (!check(found)) throw new Error(`directLineClient: response without a valid "${name}": ${JSON.stringify(value)}`);
  return found;
}
const isString = (v: unknown): v is string => typeof v === 'string';

/** A string field of a JSON response body; throws with the body when absent. */
export function stringField(body: unknown, name: string): string {
  return field(body, name, isString);
}
export function numberField(body: unknown, name: string): number {
  return field(body, name, (v: unknown): v is number => typeof v === 'number');
}
const isActivityList = (v: unknown): v is DlActivity[] => Array.isArray(v) && v.every((a) => typeof a === 'object' && a !== null);

/** A Direct Line 3.0 client speaking to the built-in endpoint, as Web Chat does. */
export class DirectLineTestClient {
  private constructor(
    readonly baseUrl: string,
    readonly conversationId: string,
    readonly userId: string,
    public token: string,
    readonly streamUrl: string,
    readonly startStatus: number,
    private readonly localAddress?: string,
  ) {}

  /** Gets a token from the page endpoint and starts the conversation. */
  static async connect(baseUrl: string, localAddress?: string): Promise<DirectLineTestClient> {
    const issued = await httpJson('POST', `${baseUrl}/api/directline/token`, { localAddress });
    if (issued.status !== 200) throw new Error(`token endpoint answered ${issued.status}: ${JSON.stringify(issued.body)}`);
    const token = field(issued.body, 'token', isString);
    const started = await httpJson('POST', `${baseUrl}${field(issued.body, 'domain', isString)}/conversations`, {
      headers: { Authorization: `Bearer ${token}` }, body: '{}', localAddress,
    });
    if (started.status !== 201) throw new Error(`start answered ${started.status}: ${JSON.stringify(started.body)}`);
    return new DirectLineTestClient(
      baseUrl, field(started.body, 'conversationId', isString), field(issued.body, 'userId', isString),
      field(started.body, 'token', isString), field(started.body, 'streamUrl', isString), started.status, localAddress,
    );
  }

  /** The same visitor (conversation, user, token) talking to another server, e.g. the one that replaced a stopped one. */
  at(baseUrl: string): DirectLineTestClient {
    return new DirectLineTestClient(baseUrl, this.conversationId, this.userId, this.token, this.streamUrl, this.startStatus, this.localAddress);
  }

  /** Reconnects as Web Chat does (GET the conversation): the same visitor with a fresh token and stream URL. */
  async reconnected(): Promise<DirectLineTestClient> {
    const result = await this.call('GET', `/conversations/${encodeURIComponent(this.conversationId)}`);
    if (result.status !== 200) throw new Error(`reconnect answered ${result.status}: ${JSON.stringify(result.body)}`);
    return new DirectLineTestClient(this.baseUrl, this.conversationId, this.userId, field(result.body, 'token', isString),
      field(result.body, 'streamUrl', isString), this.startStatus, this.localAddress);
  }

  call(method: string, path: string, body?: unknown, token: string = this.token): Promise<HttpResult> {
    return httpJson(method, `${this.baseUrl}/v3/directline${path}`, {
      headers: { Authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
      localAddress: this.localAddress,
    });
  }

  send(text: string): Promise<HttpResult> {
    return this.call('POST', `/conversations/${this.conversationId}/activities`, { type: 'message', text, from: { id: this.userId } });
  }

  async poll(watermark?: string): Promise<{ activities: DlActivity[]; watermark: string }> {
    const query = watermark === undefined ? '' : `?watermark=${watermark}`;
    const result = await this.call('GET', `/conversations/${this.conversationId}/activities${query}`);
    if (result.status !== 200) throw new Error(`poll answered ${result.status}`);
    return { activities: field(result.body, 'activities', isActivityList), watermark: field(result.body, 'watermark', isString) };
  }

  /** Polls until an activity matches, returning every activity seen and the last watermark. */
  async pollUntil(match: (activity: DlActivity) => boolean, watermark?: string, timeoutMs = 5_000): Promise<{ seen: DlActivity[]; watermark: string }> {
    const deadline = Date.now() + timeoutMs;
    const seen: DlActivity[] = [];
    let mark = watermark;
    for (;;) {
      const page = await this.poll(mark);
      seen.push(...page.activities);
      mark = page.watermark;
      if (page.activities.some(match)) return { seen, watermark: mark };
      if (Date.now() > deadline) throw new Error(`pollUntil: no matching activity in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  openStream(url: string = this.streamUrl): Promise<DirectLineStreamClient> {
    return DirectLineStreamClient.open(url, this.localAddress);
  }
}

/** The client side of the WebSocket stream: collects activity sets and waits for matches. */
export class DirectLineStreamClient {
  readonly received: DlActivity[] = [];
  readonly watermarks: string[] = [];
  closeCode: number | undefined;
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      if (!text) return;
      const set: unknown = JSON.parse(text);
      this.received.push(...field(set, 'activities', isActivityList));
      this.watermarks.push(field(set, 'watermark', isString));
      for (const wake of this.waiters.splice(0)) wake();
    });
    socket.on('close', (code: number) => {
      this.closeCode = code;
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static open(url: string, localAddress?: string): Promise<DirectLineStreamClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { localAddress });
      socket.once('open', () => resolve(new DirectLineStreamClient(socket)));
      socket.once('unexpected-response', (_req, res) => reject(new Error(`stream refused with HTTP ${res.statusCode}`)));
      socket.once('error', reject);
    });
  }

  /** Resolves with the first received activity matching, waiting up to `timeoutMs`. */
  async waitFor(match: (activity: DlActivity) => boolean, timeoutMs = 5_000): Promise<DlActivity> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(match);
      if (found) return found;
      if (this.closeCode !== undefined) throw new Error(`waitFor: stream closed (${this.closeCode})`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`waitFor: no matching activity in ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async waitForClose(timeoutMs = 5_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.closeCode === undefined) {
      if (Date.now() > deadline) throw new Error('waitForClose: still open');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.closeCode;
  }

  close(): void {
    this.socket.close();
  }
}
