/**
 * nginx (Debian's `nginx-light`) as the round-robin proxy of `npm run bench -- --instances --proxy nginx`: the
 * configuration README's « Run several instances » gives operators (WebSocket upgrades, the client's Host,
 * X-Forwarded-For, one connection per request to the instances), with one worker process like the Node proxy's one
 * thread. Kept-alive upstream connections (`keepalive 64`) were tried: near saturation they left 6 % of the embedded
 * default's turns waiting 0.7–2.3 s behind busy connections (p95 0.8–1.3 s against 0.12–0.26 s without).
 * Only the bench uses it; the tests keep the Node RoundRobinProxy, so they need no nginx.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const NGINX = '/usr/sbin/nginx';
const START_TIMEOUT_MS = 10_000;

export class NginxProxy {
  private constructor(
    readonly url: string,
    private readonly master: ChildProcess,
    private readonly dir: string,
  ) {}

  /** Whether nginx is installed (`apt-get install -y nginx-light`). */
  static available(): boolean {
    return spawnSync(NGINX, ['-v']).status === 0;
  }

  static async start(backendUrls: readonly string[]): Promise<NginxProxy> {
    const dir = await mkdtemp(path.join(tmpdir(), 'bench-nginx-'));
    // Worker processes may run as another user: they must be able to write their temporary files here.
    await chmod(dir, 0o777);
    const port = await freePort();
    await writeFile(path.join(dir, 'nginx.conf'), config(dir, port, backendUrls.map((url) => new URL(url).host)));
    const master = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    master.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    const reap = (): void => void master.kill('SIGKILL');
    process.once('exit', reap);
    master.once('exit', () => process.off('exit', reap));
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!(await accepts(port))) {
      if (master.exitCode !== null || Date.now() > deadline) {
        master.kill('SIGKILL');
        throw new Error(`NginxProxy.start: nginx is not listening on ${port}: ${errors || (await readFile(path.join(dir, 'error.log'), 'utf8').catch(() => ''))}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return new NginxProxy(`http://127.0.0.1:${port}`, master, dir);
  }

  /** The master and its workers, for their CPU time. */
  pids(): number[] {
    const pid = this.master.pid;
    if (pid === undefined) return [];
    return [pid, ...childrenOf(pid)];
  }

  async close(): Promise<void> {
    if (this.master.exitCode === null) {
      const exited = new Promise((resolve) => this.master.once('exit', resolve));
      // TERM: nginx's fast shutdown (the bench's WebSockets are closed by then).
      this.master.kill('SIGTERM');
      await exited;
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}

function config(dir: string, port: number, backends: readonly string[]): string {
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `  ${name}_temp_path ${path.join(dir, name)};`).join('\n');
  return `worker_processes 1;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
${temp}
  # As in the README: an upgrade asks for one, a plain request closes its upstream connection.
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream faqbot {
${backends.map((host) => `    server ${host};`).join('\n')}
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://faqbot;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 120s;
      proxy_buffering off;
    }
  }
}
`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
