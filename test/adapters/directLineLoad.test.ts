import { afterEach, describe, expect, it } from 'vitest';
import { LOOPBACK_ADDRESSES, runDirectLineLoad } from './directLineLoad.js';
import { startEchoServer, type StartedServer } from './helpers/echoBot.js';
import { startRealApp, type RealApp } from './helpers/realApp.js';

/** Vendor questions and commands the real bot answers in one turn each. */
const QUESTIONS = [
  'Qu’est-ce que le MOS ?',
  'Le référencement au catalogue est-il obligatoire ?',
  'Quelles données sont disponibles dans Mon espace santé ?',
  'aide',
  'Comment collaborer avec l’équipe innovation de l’ANS ?',
  'Quand les nomenclatures NOS sont-elles mises à jour ?',
  'menu',
];

describe('built-in Direct Line under a bounded load (50 concurrent conversations × 10 turns, loopback)', () => {
  let echo: StartedServer | undefined;
  let real: RealApp | undefined;
  afterEach(async () => {
    await echo?.app.close();
    await real?.stop();
    echo = real = undefined;
  });

  it('echo bot (the endpoint alone): no error, no lost reply', async () => {
    echo = await startEchoServer();
    const report = await runDirectLineLoad({ baseUrl: echo.url, conversations: 50, turns: 10, addresses: LOOPBACK_ADDRESSES, timeLimitMs: 45_000 });
    console.info(`Direct Line load, echo bot: ${JSON.stringify(report)}`);
    expect(report.errors).toEqual([]);
    expect(report.lostReplies).toBe(0);
    expect(report.turnsCompleted).toBe(500);
    expect(echo.bot.seen).toHaveLength(500);
  }, 60_000);

  it('real FAQ bot with lexical retrieval: no error, no lost reply', async () => {
    real = await startRealApp({ EMBEDDINGS_PROVIDER: 'none' });
    const report = await runDirectLineLoad({
      baseUrl: real.url, conversations: 50, turns: 10, messages: QUESTIONS, addresses: LOOPBACK_ADDRESSES, timeLimitMs: 60_000,
    });
    console.info(`Direct Line load, real bot: ${JSON.stringify(report)}`);
    expect(report.errors).toEqual([]);
    expect(report.lostReplies).toBe(0);
    expect(report.turnsCompleted).toBe(500);
  }, 90_000);
});
