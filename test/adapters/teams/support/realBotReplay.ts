import { afterAll, beforeAll } from 'vitest';
import { createRealBot, type RealBot } from './realBot.js';
import { TeamsReplay } from './teamsReplay.js';

/** The real bot and the Teams replay around it, started once for a test file. */
export class RealBotReplay {
  private started?: { readonly real: RealBot; readonly replay: TeamsReplay };

  get real(): RealBot {
    return this.session().real;
  }

  get replay(): TeamsReplay {
    return this.session().replay;
  }

  async start(): Promise<void> {
    const real = await createRealBot();
    this.started = { real, replay: await TeamsReplay.start(real.bot, real.onTurnError) };
  }

  async close(): Promise<void> {
    await this.started?.replay.close();
    await this.started?.real.store.close();
  }

  private session(): { readonly real: RealBot; readonly replay: TeamsReplay } {
    if (!this.started) throw new Error('RealBotReplay: used before beforeAll started it');
    return this.started;
  }
}

/** Starts the real bot and its Teams replay before the file's tests and closes both after them. */
export function realBotReplayAroundAll(): RealBotReplay {
  const session = new RealBotReplay();
  beforeAll(() => session.start());
  afterAll(() => session.close());
  return session;
}
