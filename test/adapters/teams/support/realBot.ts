/**
 * The real FAQ bot for the Teams replays: the fixture knowledge base, the real retrieval in its
 * lexical mode, the SQLite feedback store in a temp folder, and a logger that keeps every line
 * so the tests can check what reaches the logs.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConversationState, MemoryStorage, type TurnContext } from 'botbuilder';
import { openFeedbackStore, openQuestionLogStore } from '../../../../adapters/storage/index.js';
import { createFaqBot, createIdHasher, createOnTurnError, type BotLogger, type FaqBot, type FeedbackStore } from '../../../../bot/index.js';
import { createKbRetriever } from '../../../../embeddings/index.js';
import type { KnowledgeBase } from '../../../../knowledge/index.js';
import { loadFixtureKnowledgeBase } from '../../../fixtures/kb.js';


export interface LogLine {
  readonly level: 'info' | 'warn' | 'error' | 'debug';
  readonly obj: object;
  readonly msg?: string;
}

export interface RealBot {
  readonly bot: FaqBot;
  readonly kb: KnowledgeBase;
  readonly store: FeedbackStore;
  readonly logs: LogLine[];
  /** Errors that reached onTurnError: a replay expects none. */
  readonly turnErrors: Error[];
  readonly onTurnError: (context: TurnContext, error: Error) => Promise<void>;
  readonly hash: (id: string) => string;
}

export async function createRealBot(): Promise<RealBot> {
  const kb = await loadFixtureKnowledgeBase();
  // The production wiring in its model-free mode: deterministic, and no model to download.
  const { retriever } = await createKbRetriever({ kb, mode: 'lexical' });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'teams-replay-'));
  const store = await openFeedbackStore({ feedbackDb: path.join(dir, 'feedback.db') });
  const logs: LogLine[] = [];
  const logger: BotLogger = {
    info: (obj, msg) => void logs.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => void logs.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => void logs.push({ level: 'error', obj, msg }),
    debug: (obj, msg) => void logs.push({ level: 'debug', obj, msg }),
  };
  const hash = createIdHasher('teams-replay-salt');
  const conversationState = new ConversationState(new MemoryStorage());
  const questionLog = await openQuestionLogStore({ questionLogDb: ':memory:' });
  const bot = createFaqBot({ knowledgeBase: kb, retriever, feedbackStore: store, questionLog, hashId: hash, logger, conversationState });
  const turnErrors: Error[] = [];
  const handleError = createOnTurnError(logger, conversationState, hash);
  const onTurnError = async (context: TurnContext, error: Error): Promise<void> => {
    turnErrors.push(error);
    await handleError(context, error);
  };
  return { bot, kb, store, logs, turnErrors, onTurnError, hash };
}
