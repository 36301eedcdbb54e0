import type { Activity } from 'botbuilder';
import { messages } from '../../../bot/messages.js';
import { expect, vi } from 'vitest';
import type { Retriever } from '../../../embeddings/index.js';
import type { KnowledgeBase } from '../../../knowledge/index.js';
import { cardsOf, isAnswer, readableText } from './activities.js';
import { FakeRetriever } from '../../fakes/FakeRetriever.js';
import { BOT_ACCOUNT, createHarness, USER_ACCOUNT, type Harness } from './harness.js';
import { summarizeQuestion } from './questionLogSummary.js';
import { asArray, type Transcript } from './transcriptFile.js';

export { loadTranscript, type Transcript } from './transcriptFile.js';
import { isRecord } from '../../../knowledge/index.js';

export interface RunOptions {
  readonly kb: KnowledgeBase;
  readonly realRetriever: () => Promise<Retriever>;
}

export async function runTranscript(transcript: Transcript, options: RunOptions): Promise<void> {
  const scripted = transcript.retriever !== 'real';
  const fake = scripted ? new FakeRetriever(options.kb.entries, transcript.retrieval ?? []) : undefined;
  // A slow scripted search runs on fake timers, which each turn moves forward until it ends (no real waiting).
  const fakeTimers = (transcript.retrieval ?? []).some((rule) => rule.searchMs !== undefined);
  if (fakeTimers) vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  const harness = await createHarness({
    kb: options.kb,
    retriever: fake ?? (await options.realRetriever()),
    channelId: transcript.channel,
    conversationType: transcript.conversationType,
  });
  const run = new Run(harness, options.kb, fake, fakeTimers);
  try {
    for (const [index, step] of transcript.steps.entries()) {
      await run.step(step, `${transcript.title}, step ${index + 1}`);
    }
    const errors = harness.logs.filter((line) => line.level === 'error');
    expect(errors, 'no turn may fail').toEqual([]);
  } finally {
    if (fakeTimers) vi.useRealTimers();
    await harness.close();
  }
}

/** Fake time moves by this step while a turn runs on fake timers. */
const FAKE_TIME_STEP_MS = 100;

class Run {
  private batch: Partial<Activity>[] = [];
  private readonly history: Partial<Activity>[] = [];
  private callsBefore = 0;

  constructor(
    private readonly harness: Harness,
    private readonly kb: KnowledgeBase,
    private readonly fake: FakeRetriever | undefined,
    private readonly fakeTimers: boolean,
  ) {}

  async step(step: unknown, where: string): Promise<void> {
    if (step === 'user joins') return this.send({ type: 'conversationUpdate', membersAdded: [USER_ACCOUNT, BOT_ACCOUNT] });
    if (step === 'bot types') return void expect(this.batch.findIndex((a) => a.type === 'typing'), `${where}: typing before the first message`).toBe(0);
    if (step === 'bot does not type') return void expect(this.batch.filter((a) => a.type === 'typing'), where).toEqual([]);
    if (step === 'bot is silent') return void expect(this.batch, where).toEqual([]);
    if (!isRecord(step) || Object.keys(step).length !== 1) throw new Error(`${where}: a step is a one-key mapping`);
    const [[key, arg]] = Object.entries(step);
    switch (key) {
      case 'user says':
        return this.userSays(arg);
      case 'user pastes':
        return this.send({ type: 'message', text: String(field(arg, 'repeat')).repeat(Number(field(arg, 'times'))) });
      case 'user sends value':
        return this.send({ type: 'message', value: arg });
      case 'user sends activity':
        if (!isRecord(arg)) throw new Error(`${where}: "user sends activity" needs a mapping`);
        return this.send(arg);
      case 'user clicks':
        return this.click(arg, where);
      case 'user gives teams feedback':
        return this.teamsFeedback(arg, where);
      case 'bot says':
        for (const text of strings(arg)) expect(this.texts(), `${where}: bot says "${text}"`).toContain(looseSpaces(text));
        return;
      case 'bot does not say':
        for (const text of strings(arg)) expect(this.texts(), `${where}: bot does not say "${text}"`).not.toContain(looseSpaces(text));
        return;
      case 'bot shows buttons': {
        const shown = this.batch.flatMap(cardsOf).map((card) => card.buttons.map((b) => looseSpaces(b.title)));
        expect(shown, where).toContainEqual(strings(arg).map(looseSpaces));
        return;
      }
      case 'bot answers':
        return this.expectAnswer(String(arg), where);
      case 'bot replies':
        expect(this.batch.filter((a) => a.type === 'message').length, where).toBe(arg);
        return;
      case 'store has':
        return this.expectStore(arg, where);
      case 'question log has':
        return this.expectQuestionLog(arg, where);
      case 'retriever was asked':
        return this.expectRetrieval(arg, where);
      case 'invoke responds': {
        const response = this.batch.find((a) => a.type === 'invokeResponse');
        expect(response?.value, where).toMatchObject({ status: arg });
        return;
      }
      case 'answer channelData': {
        const answer = this.batch.find(isAnswer);
        expect(answer, `${where}: an answer in this turn`).toBeDefined();
        expect(answer?.channelData ?? null, where).toEqual(arg);
        return;
      }
      default:
        throw new Error(`${where}: unknown step "${key}"`);
    }
  }

  private async send(activity: Partial<Activity>): Promise<void> {
    this.callsBefore = this.fake?.calls.length ?? 0;
    const sending = this.harness.send(activity);
    if (this.fakeTimers) {
      let done = false;
      const settled = sending.finally(() => (done = true)).catch(() => undefined);
      while (!done) await vi.advanceTimersByTimeAsync(FAKE_TIME_STEP_MS);
      await settled;
    }
    this.batch = await sending;
    this.history.push(...this.batch);
  }

  private userSays(arg: unknown): Promise<void> {
    if (typeof arg === 'string') return this.send({ type: 'message', text: arg });
    const text = String(field(arg, 'text'));
    if (field(arg, 'mention') !== true) return this.send({ type: 'message', text });
    const mention = `<at>${BOT_ACCOUNT.name}</at>`;
    return this.send({
      type: 'message',
      text: `${mention} ${text}`,
      entities: [{ type: 'mention', mentioned: BOT_ACCOUNT, text: mention }],
    });
  }

  /** Clicks a button by title (exact, else the only title containing it) on the latest card showing it, or the oldest. */
  private click(arg: unknown, where: string): Promise<void> {
    const title = typeof arg === 'string' ? arg : String(field(arg, 'button'));
    const oldest = isRecord(arg) && arg.card === 'oldest';
    const cards = this.history.flatMap(cardsOf);
    const ordered = oldest ? cards : [...cards].reverse();
    for (const card of ordered) {
      const exact = card.buttons.filter((b) => looseSpaces(b.title) === looseSpaces(title));
      const partial = card.buttons.filter((b) => looseSpaces(b.title).includes(looseSpaces(title)));
      const button = exact[0] ?? (partial.length === 1 ? partial[0] : undefined);
      if (button) return this.send({ type: 'message', value: button.data });
    }
    throw new Error(`${where}: no button "${title}" on any card`);
  }

  private teamsFeedback(arg: unknown, where: string): Promise<void> {
    const answer = [...this.history].reverse().find(isAnswer);
    if (!answer?.id) throw new Error(`${where}: no answer to give feedback on`);
    const text = isRecord(arg) ? arg.text : undefined;
    return this.send({
      type: 'invoke',
      name: 'message/submitAction',
      replyToId: answer.id,
      value: {
        actionName: 'feedback',
        actionValue: { reaction: field(arg, 'reaction'), ...(typeof text === 'string' && { feedback: JSON.stringify({ feedbackText: text }) }) },
      },
    });
  }

  private expectAnswer(id: string, where: string): void {
    const entry = this.kb.entries.find((e) => e.id === id);
    if (!entry) throw new Error(`${where}: unknown entry "${id}"`);
    const answers = this.batch.filter(isAnswer).map(readableText);
    expect(answers.length, `${where}: one answer`).toBe(1);
    const verbatim = entry.answer.split('\n').map((line) => line.trim()).filter(Boolean).join('\n');
    expect(looseSpaces(answers[0]).startsWith(`${looseSpaces(entry.question)}\n`), `${where}: titled with the matched question`).toBe(true);
    expect(answers[0], `${where}: the agency's words, verbatim`).toContain(verbatim);
    expect(answers[0], where).toContain(messages.feedbackQuestion);
  }

  /** The listed records in order, plus what every record must satisfy: current KB version, hashed ids only. */
  private async expectStore(arg: unknown, where: string): Promise<void> {
    const records = await this.harness.store.list();
    expect(records, where).toEqual(asArray(arg).map((record) => expect.objectContaining(record)));
    for (const record of records) {
      expect(record.kbVersion, where).toBe(this.kb.version);
      expect(record.userHash, where).toMatch(/^[0-9a-f]{32}$/);
      expect(record.conversationHash, where).toMatch(/^[0-9a-f]{32}$/);
      expect(JSON.stringify(record), `${where}: no raw id stored`).not.toMatch(new RegExp(`${USER_ACCOUNT.id}|${this.harness.conversation.id}`));
    }
  }

  /** The question log, oldest question first; each item lists the fields it checks. */
  private async expectQuestionLog(arg: unknown, where: string): Promise<void> {
    const logged = (await this.harness.questionLog.list()).reverse();
    expect(logged.map(summarizeQuestion), where).toEqual(asArray(arg).map((item) => expect.objectContaining(item)));
    for (const question of logged) {
      expect(question.kbVersion, where).toBe(this.kb.version);
      expect(question.conversationHash, where).toMatch(/^[0-9a-f]{32}$/);
    }
  }

  private expectRetrieval(arg: unknown, where: string): void {
    if (!this.fake) throw new Error(`${where}: "retriever was asked" needs the scripted retriever`);
    // The small-talk check reads a few words' evidence (QueryScores.evidence) without ranking: every call is a search.
    const calls = this.fake.calls.slice(this.callsBefore);
    if (arg === 'never') return void expect(calls, where).toEqual([]);
    // A misspelt key would otherwise be skipped and the step could not fail.
    if (!isRecord(arg)) throw new Error(`${where}: "retriever was asked" needs "never" or a mapping`);
    const unknown = Object.keys(arg).filter((key) => !RETRIEVAL_CHECKS.includes(key));
    if (unknown.length > 0) throw new Error(`${where}: unknown "retriever was asked" key(s) ${unknown.join(', ')} (known: ${RETRIEVAL_CHECKS.join(', ')})`);
    const last = calls[calls.length - 1];
    expect(last, `${where}: a search ran`).toBeDefined();
    const wanted = arg;
    if ('query' in wanted) expect(last?.query, where).toBe(wanted.query);
    if ('filter' in wanted) expect(calls[0]?.filter ?? null, `${where}: first search filter`).toEqual(wanted.filter);
    if ('then' in wanted) expect(last?.filter ?? null, `${where}: relaxed search filter`).toEqual(wanted.then);
    if ('maxLength' in wanted) expect(last?.query.length ?? Infinity, where).toBeLessThanOrEqual(Number(wanted.maxLength));
  }

  /** The batch's text, French no-break spaces read as spaces so transcripts stay easy to write. */
  private texts(): string {
    return looseSpaces(this.batch.map(readableText).join('\n'));
  }
}

/** French no-break spaces as plain spaces, on both sides of a "bot says" comparison. */
function looseSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

/** The checks a "retriever was asked" step may name. */
const RETRIEVAL_CHECKS: readonly string[] = ['query', 'filter', 'then', 'maxLength'];


function strings(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map(String);
}

function field(value: unknown, name: string): unknown {
  if (!isRecord(value) || !(name in value)) throw new Error(`expected a mapping with "${name}"`);
  return value[name];
}
