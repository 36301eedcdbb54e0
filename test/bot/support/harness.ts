import { ConversationState, MemoryStorage, TestAdapter, UserState, type Activity, type ConversationAccount } from 'botbuilder';
import type { Retriever } from '../../../embeddings/index.js';
import type { KnowledgeBase } from '../../../knowledge/index.js';
import { openFeedbackStore, openQuestionLogStore } from '../../../adapters/storage/index.js';
import { createFaqBot, createIdHasher, createOnTurnError, type BotLogger, type FaqBot, type FeedbackStore, type QuestionLogStore } from '../../../bot/index.js';

export const BOT_ACCOUNT = { id: 'bot', name: 'FAQ Bot' };
export const USER_ACCOUNT = { id: 'user-1', name: 'Camille' };

export interface LogLine {
  readonly level: 'info' | 'warn' | 'error' | 'debug';
  readonly obj: object;
  readonly msg?: string;
}

export interface HarnessOptions {
  readonly kb: KnowledgeBase;
  readonly retriever: Retriever;
  readonly channelId?: string;
  readonly conversationType?: 'personal' | 'channel' | 'groupChat';
}

/** A bot wired as in production (real store, real state, the one onTurnError) on botbuilder's TestAdapter. */
export interface Harness {
  readonly adapter: TestAdapter;
  readonly bot: FaqBot;
  /** The bot state (conversation and user), as botbuilder's MemoryStorage keeps it. */
  readonly storage: MemoryStorage;
  readonly store: FeedbackStore;
  readonly questionLog: QuestionLogStore;
  readonly logs: LogLine[];
  readonly conversation: ConversationAccount;
  /** Sends one activity through the adapter (awaited TestFlow) and returns every reply of that turn. */
  send(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
  close(): Promise<void>;
}

export async function createHarness(options: HarnessOptions): Promise<Harness> {
  const logs: LogLine[] = [];
  const log =
    (level: LogLine['level']) =>
    (obj: object, msg?: string): void => {
      logs.push({ level, obj, msg });
    };
  const logger: BotLogger = { info: log('info'), warn: log('warn'), error: log('error'), debug: log('debug') };
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const store = await openFeedbackStore({ feedbackDb: ':memory:' });
  const questionLog = await openQuestionLogStore({ questionLogDb: ':memory:' });
  const hashId = createIdHasher('test-salt');
  let tick = Date.parse('2026-01-01T09:00:00.000Z');
  const bot = createFaqBot({
    knowledgeBase: options.kb,
    retriever: options.retriever,
    feedbackStore: store,
    questionLog,
    hashId,
    logger,
    conversationState,
    userState,
    clock: () => new Date((tick += 1_000)),
  });
  const conversation: ConversationAccount = {
    id: 'conversation-1',
    name: 'transcript',
    isGroup: options.conversationType === 'channel' || options.conversationType === 'groupChat',
    conversationType: options.conversationType ?? 'personal',
  };
  const adapter = new TestAdapter(async (context) => bot.run(context), {
    channelId: options.channelId ?? 'webchat',
    conversation,
  });
  adapter.onTurnError = createOnTurnError(logger, conversationState, hashId);
  return {
    adapter,
    bot,
    storage,
    store,
    questionLog,
    logs,
    conversation,
    async send(activity) {
      await adapter.send({ from: USER_ACCOUNT, recipient: BOT_ACCOUNT, ...activity });
      return adapter.activeQueue.splice(0);
    },
    close: async () => {
      await store.close();
      await questionLog.close();
    },
  };
}
