import pg from 'pg';

/** Pause between reconnection attempts, doubling from the first to the last. */
export const RECONNECT_DELAYS_MS = { first: 250, max: 2_000 } as const;
/** How often the dedicated connection is pinged: a dead database is noticed within this, even when idle. */
export const HEALTH_PING_MS = 2_000;
/** A ping slower than this counts as a lost database. */
export const HEALTH_PING_TIMEOUT_MS = 2_000;

export type NotificationHandler = (payload: string) => void;

/** The part of a pino logger the listener uses. */
export interface ListenerLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/**
 * The instance's dedicated PostgreSQL connection: it LISTENs for notifications and says
 * whether the database is reachable (/healthz). It pings the database, and when the
 * connection drops (a database restart, a network cut) it reconnects with a growing pause,
 * LISTENs again and tells `onReconnect` subscribers, who re-read what they may have missed
 * (notifications sent while nobody listened are lost by design).
 */
export class PostgresListener {
  private client: pg.Client | undefined;
  private up = false;
  private closed = false;
  private everUp = false;
  private delayMs: number = RECONNECT_DELAYS_MS.first;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly handlers = new Map<string, Set<NotificationHandler>>();
  private readonly reconnectHandlers = new Set<() => void>();
  private readonly pingTimer: NodeJS.Timeout;

  constructor(
    private readonly clientConfig: pg.ClientConfig,
    private readonly log: ListenerLog,
  ) {
    this.pingTimer = setInterval(() => void this.ping(), HEALTH_PING_MS);
    this.pingTimer.unref();
  }

  /** Connects for the first time; rejects when the database cannot be reached. */
  async start(): Promise<void> {
    await this.connect();
  }

  /** Whether the dedicated connection is up (the database answered its last ping). */
  get isUp(): boolean {
    return this.up;
  }

  /** Subscribes to a channel (a plain SQL identifier); returns the unsubscribe function. */
  async listen(channel: string, handler: NotificationHandler): Promise<() => void> {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      if (this.up && this.client) await this.client.query(`LISTEN ${channel}`);
    }
    set.add(handler);
    return () => set.delete(handler);
  }

  /** Called after each reconnection, when notifications may have been missed. */
  onReconnect(handler: () => void): () => void {
    this.reconnectHandlers.add(handler);
    return () => this.reconnectHandlers.delete(handler);
  }

  /** A query on the pool failed for a connection reason: check now rather than at the next ping. */
  suspect(): void {
    void this.ping();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.pingTimer);
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    this.up = false;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(this.clientConfig);
    // Without a listener, an 'error' on an idle client would end the process.
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, undefined));
    client.on('notification', (message) => {
      for (const handler of this.handlers.get(message.channel) ?? []) handler(message.payload ?? '');
    });
    await client.connect();
    for (const channel of this.handlers.keys()) await client.query(`LISTEN ${channel}`);
    if (this.closed) {
      await client.end();
      return;
    }
    const reconnected = this.everUp;
    this.everUp = true;
    this.client = client;
    this.up = true;
    this.delayMs = RECONNECT_DELAYS_MS.first;
    if (reconnected) {
      this.log.info({}, 'database reachable again: LISTEN restored');
      for (const handler of this.reconnectHandlers) handler();
    }
  }

  private lost(client: pg.Client, err: Error | undefined): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.up = false;
    if (this.closed) return;
    this.log.warn({ err }, 'database connection lost: answering 503 until it is back');
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connect().catch(() => {
        this.delayMs = Math.min(this.delayMs * 2, RECONNECT_DELAYS_MS.max);
        this.scheduleReconnect();
      });
    }, this.delayMs);
    this.retryTimer.unref();
  }

  private async ping(): Promise<void> {
    const client = this.client;
    if (!client || this.closed) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('PostgresListener.ping: timeout')), HEALTH_PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([client.query('SELECT 1'), timeout]);
    } catch (err) {
      this.lost(client, err instanceof Error ? err : undefined);
    } finally {
      clearTimeout(timer);
    }
  }
}
