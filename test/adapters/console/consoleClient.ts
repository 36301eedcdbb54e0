/** A tiny browser stand-in for the console tests: a cookie jar, manual redirects, form posts. */

export interface ConsoleResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The URL requested. */
  readonly url: string;
}

export class ConsoleClient {
  readonly cookies = new Map<string, string>();
  /** Raw Set-Cookie lines of the last response. */
  lastSetCookies: string[] = [];

  constructor(
    readonly base: string,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  async get(path: string): Promise<ConsoleResponse> {
    return this.request(path, { method: 'GET' });
  }

  async post(path: string, form: Record<string, string>): Promise<ConsoleResponse> {
    return this.request(path, { method: 'POST', body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  /** The CSRF token in the last page's first form. */
  static csrfOf(page: string): string {
    const match = /name="_csrf" value="([^"]+)"/.exec(page);
    if (!match) throw new Error('no CSRF token in the page');
    return match[1];
  }

  /** Signs in with the local account; returns the overview page's HTML. */
  async signIn(username: string, password: string): Promise<ConsoleResponse> {
    const form = await this.get('/console/login');
    const posted = await this.post('/console/login', { _csrf: ConsoleClient.csrfOf(form.text), username, password });
    if (posted.status !== 303) throw new Error(`sign-in failed: ${posted.status}`);
    return this.get('/console');
  }

  /** The Cookie header this client sends (for a raw fetch that streams the body). */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(path: string, init: RequestInit): Promise<ConsoleResponse> {
    const cookie = this.cookieHeader();
    const headers = { ...this.extraHeaders, ...(init.headers as Record<string, string> | undefined), ...(cookie && { cookie }) };
    const url = new URL(path, this.base).href;
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.lastSetCookies = response.headers.getSetCookie();
    for (const line of this.lastSetCookies) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || attributes.some((a) => a.trim().toLowerCase() === 'max-age=0')) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    // Decoded by hand: Response.text() drops a leading BOM, which the CSV tests look for.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, text, url };
  }
}
