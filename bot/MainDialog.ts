import { ActivityTypes } from 'botbuilder';
import { ComponentDialog, Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Facet, KnowledgeBase } from '../knowledge/index.js';
import { COMMENT_DIALOG, CommentDialog } from './CommentDialog.js';
import type { Conversation, ConversationMemory } from './ConversationMemory.js';
import type { BotLogger } from './dependencies.js';
import type { FaqPresenter } from './FaqPresenter.js';
import type { FeedbackRecorder } from './FeedbackRecorder.js';
import { messages } from './messages.js';
import type { FaqPayload } from './payload.js';
import { contactReply, staleButtonReply } from './replies.js';
import { isKnownChoice, matchTypedChoice, offerContacts } from './triage.js';
import { TRIAGE_DIALOG, TriageDialog } from './TriageDialog.js';
import { classifyInput, looksLikeQuestion } from './userInput.js';

export const MAIN_DIALOG = 'faq.main';

/** What MainDialog routes to. */
export interface MainDialogParts {
  readonly knowledgeBase: Pick<KnowledgeBase, 'entries' | 'taxonomy'>;
  readonly memory: Pick<ConversationMemory, 'load'>;
  readonly presenter: Pick<FaqPresenter, 'triageStep' | 'answerText' | 'answerChosen' | 'noneOfThese'>;
  readonly feedback: Pick<FeedbackRecorder, 'recordComment'>;
  readonly logger: BotLogger;
}

/**
 * How FaqBot begins MainDialog again after recording a card vote: the vote
 * ended the triage or a pending comment, and a 👎 asks for a comment on it.
 */
export interface AfterVote {
  readonly afterVote: true;
  readonly commentOn?: string;
}

/**
 * The whole conversation. MainDialog stays on the stack for the life of the
 * conversation and routes every turn (the interruption pattern of the
 * BotBuilder samples, applied in `onContinueDialog`): commands, card clicks and
 * free text are handled here at any time; the triage and the optional comment
 * after a 👎 are child waterfalls that only see the input meant for them.
 * Votes never reach it: FaqBot records them, then begins it again (`AfterVote`).
 */
export class MainDialog extends ComponentDialog<AfterVote> {
  constructor(private readonly parts: MainDialogParts) {
    super(MAIN_DIALOG);
    this.addDialog(new TriageDialog(parts.memory, parts.presenter));
    this.addDialog(new CommentDialog(parts.memory, parts.feedback));
  }

  protected override async onBeginDialog(innerDc: DialogContext, options?: AfterVote): Promise<DialogTurnResult> {
    if (options?.afterVote) {
      if (options.commentOn !== undefined) await innerDc.beginDialog(COMMENT_DIALOG, { voteKey: options.commentOn });
      return Dialog.EndOfTurn;
    }
    await this.route(innerDc);
    return Dialog.EndOfTurn;
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    await this.route(innerDc);
    return Dialog.EndOfTurn;
  }

  private async route(dc: DialogContext): Promise<void> {
    const { context } = dc;
    const { activity } = context;
    const conversation = await this.parts.memory.load(context);
    if (activity.type === ActivityTypes.ConversationUpdate) {
      await context.sendActivity(messages.welcome);
      return this.restart(dc, conversation);
    }
    if (activity.type !== ActivityTypes.Message) return;
    const input = classifyInput(activity.text, activity.value);
    switch (input.kind) {
      case 'payload':
        return this.onPayload(dc, conversation, input.payload);
      case 'invalidPayload':
        this.parts.logger.warn({ reason: input.reason }, 'unusable card payload');
        return void (await context.sendActivity(staleButtonReply(messages.unknownPayload)));
      case 'command':
        return input.command === 'restart' ? this.restart(dc, conversation) : void (await context.sendActivity(messages.help));
      case 'empty':
        return void (await context.sendActivity(messages.emptyMessage));
      case 'noWords':
        return void (await context.sendActivity(messages.emojiOnly));
      case 'text':
        if (this.active(dc) === COMMENT_DIALOG) {
          if (!looksLikeQuestion(input.text)) return void (await dc.continueDialog());
          // The user asked something new instead of commenting: the vote stays, without a comment.
          conversation.comment.end();
          await dc.cancelAllDialogs();
        }
        if (await this.typedChoice(dc, conversation, input.text)) return;
        return this.parts.presenter.answerText(context, conversation, input.text, input.truncated);
    }
  }

  private async onPayload(dc: DialogContext, conversation: Conversation, payload: FaqPayload): Promise<void> {
    const { context } = dc;
    const { presenter } = this.parts;
    switch (payload.action) {
      case 'choose':
        return this.onChoice(dc, conversation, payload);
      // These clicks end the triage or the pending comment only when they are acted on:
      // a stale one gets a kind reply and leaves the current question working.
      case 'answer':
        if (await presenter.answerChosen(context, conversation, payload.id, payload.turn)) await dc.cancelAllDialogs();
        else await context.sendActivity(staleButtonReply(messages.unknownPayload));
        return;
      case 'none':
        if (await presenter.noneOfThese(context, conversation, payload.turn)) await dc.cancelAllDialogs();
        else await context.sendActivity(staleButtonReply(messages.staleButton));
        return;
      case 'skip':
        if (this.active(dc) === COMMENT_DIALOG && conversation.comment.pending?.turn === payload.turn) await dc.continueDialog();
        else await context.sendActivity(messages.commentSkipped);
        return;
      case 'restart':
        return this.restart(dc, conversation);
      case 'ask':
        return void (await context.sendActivity(messages.askNow));
      case 'contact': {
        const contacts = offerContacts(this.parts.knowledgeBase, conversation.triage.facets);
        return void (await context.sendActivity(contacts.length > 0 ? contactReply(contacts) : staleButtonReply(messages.staleButton)));
      }
      case 'vote':
        // Recorded by FaqBot, which then begins this dialog again (see AfterVote).
        return;
    }
  }

  /** A triage click counts only on the question waiting for it; an older card gets the current question again. */
  private async onChoice(dc: DialogContext, conversation: Conversation, payload: Extract<FaqPayload, { action: 'choose' }>): Promise<void> {
    const pending = conversation.triage.pendingChoice;
    const triageActive = this.active(dc) === TRIAGE_DIALOG;
    const current =
      triageActive && pending?.turn === payload.turn && pending.facet === payload.facet && isKnownChoice(this.parts.knowledgeBase, payload.facet, payload.value);
    if (current) return this.applyChoice(dc, conversation, payload.facet, payload.value);
    if (triageActive) {
      await dc.context.sendActivity(messages.staleChoice);
      await dc.replaceDialog(TRIAGE_DIALOG);
      return;
    }
    await dc.context.sendActivity(staleButtonReply(messages.staleButton));
  }

  /** A typed message that names a choice of the pending question counts as a click on it. */
  private async typedChoice(dc: DialogContext, conversation: Conversation, text: string): Promise<boolean> {
    const pending = conversation.triage.pendingChoice;
    if (this.active(dc) !== TRIAGE_DIALOG || !pending) return false;
    const value = matchTypedChoice(this.parts.knowledgeBase, conversation.triage.facets, pending.facet, text);
    if (value === undefined) return false;
    await this.applyChoice(dc, conversation, pending.facet, value);
    return true;
  }

  private async applyChoice(dc: DialogContext, conversation: Conversation, facet: Facet, value: string): Promise<void> {
    conversation.triage.choose(facet, value);
    await dc.replaceDialog(TRIAGE_DIALOG);
  }

  private async restart(dc: DialogContext, conversation: Conversation): Promise<void> {
    await dc.cancelAllDialogs();
    conversation.restart();
    await dc.beginDialog(TRIAGE_DIALOG);
  }

  private active(dc: DialogContext): string | undefined {
    return dc.activeDialog?.id;
  }
}

