import { ActivityTypes, type StatePropertyAccessor } from 'botbuilder';
import type { Facet } from '../knowledge/index.js';
import {
  ComponentDialog,
  Dialog,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { nextTurn, type FaqConversationData } from './conversationData.js';
import type { FaqBotDependencies } from './dependencies.js';
import { FaqResponder } from './FaqResponder.js';
import { messages } from './messages.js';
import type { FaqPayload } from './payload.js';
import { isKnownChoice, matchTypedChoice } from './triage.js';
import { classifyInput, looksLikeQuestion } from './userInput.js';

export const MAIN_DIALOG = 'faq.main';
export const TRIAGE_DIALOG = 'faq.triage';
export const COMMENT_DIALOG = 'faq.comment';

/** Options of the comment dialog: the 👎 vote the comment will be attached to. */
interface CommentOptions {
  readonly voteKey: string;
}

/**
 * The whole conversation. MainDialog stays on the stack for the life of the
 * conversation and routes every turn (the interruption pattern of the
 * BotBuilder samples, applied in `onContinueDialog`): commands, card clicks and
 * free text are handled here at any time; the triage and the optional comment
 * after a 👎 are child waterfalls that only see the input meant for them.
 */
export class MainDialog extends ComponentDialog {
  private readonly responder: FaqResponder;

  constructor(
    private readonly deps: FaqBotDependencies,
    private readonly data: StatePropertyAccessor<FaqConversationData>,
  ) {
    super(MAIN_DIALOG);
    this.responder = new FaqResponder(deps, data);
    // One step: a choice (clicked or typed) is applied in `route`, which restarts the triage from the new facets.
    this.addDialog(new WaterfallDialog(TRIAGE_DIALOG, [(step) => this.askStep(step)]));
    this.addDialog(new WaterfallDialog<CommentOptions>(COMMENT_DIALOG, [(step) => this.promptCommentStep(step), (step) => this.saveCommentStep(step)]));
  }

  /** The responder, shared with FaqBot for Teams' feedback invoke. */
  get replies(): FaqResponder {
    return this.responder;
  }

  protected override async onBeginDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    await this.route(innerDc);
    return Dialog.EndOfTurn;
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    await this.route(innerDc);
    return Dialog.EndOfTurn;
  }

  private async route(dc: DialogContext): Promise<void> {
    const { activity } = dc.context;
    if (activity.type === ActivityTypes.ConversationUpdate) {
      await this.responder.welcome(dc.context);
      await this.restart(dc);
      return;
    }
    if (activity.type !== ActivityTypes.Message) return;
    const input = classifyInput(activity.text, activity.value);
    switch (input.kind) {
      case 'payload':
        return this.onPayload(dc, input.payload);
      case 'invalidPayload':
        this.deps.logger.warn({ reason: input.reason }, 'unusable card payload');
        return this.responder.staleButton(dc.context, messages.unknownPayload);
      case 'command':
        return input.command === 'restart' ? this.restart(dc) : this.responder.help(dc.context);
      case 'empty':
        return this.responder.say(dc.context, messages.emptyMessage);
      case 'noWords':
        return this.responder.say(dc.context, messages.emojiOnly);
      case 'text':
        if (this.active(dc) === COMMENT_DIALOG) {
          if (!looksLikeQuestion(input.text)) {
            await dc.continueDialog();
            return;
          }
          await this.dropPendingComment(dc);
        }
        if (await this.typedChoice(dc, input.text)) return;
        return this.responder.answerText(dc.context, input.text, input.truncated);
    }
  }

  private async onPayload(dc: DialogContext, payload: FaqPayload): Promise<void> {
    const { context } = dc;
    switch (payload.action) {
      case 'choose':
        return this.onChoice(dc, payload);
      // These clicks end the triage or the pending comment only when they are acted on:
      // a stale one gets a kind reply and leaves the current question working.
      case 'answer':
        if (await this.responder.answerChosen(context, payload.id, payload.turn)) await dc.cancelAllDialogs();
        else await this.responder.staleButton(context, messages.unknownPayload);
        return;
      case 'vote': {
        const outcome = await this.responder.vote(context, payload.helpful, payload.turn);
        if (outcome.kind === 'stale') return;
        await dc.cancelAllDialogs();
        if (outcome.kind === 'askComment') await dc.beginDialog(COMMENT_DIALOG, { voteKey: outcome.voteKey } satisfies CommentOptions);
        return;
      }
      case 'none':
        if (await this.responder.noneOfThese(context, payload.turn)) await dc.cancelAllDialogs();
        else await this.responder.staleButton(context, messages.staleButton);
        return;
      case 'skip': {
        const data = await this.responder.state(context);
        if (this.active(dc) === COMMENT_DIALOG && data.pendingComment?.turn === payload.turn) {
          await dc.continueDialog();
        } else {
          await this.responder.say(context, messages.commentSkipped);
        }
        return;
      }
      case 'restart':
        return this.restart(dc);
      case 'ask':
        return this.responder.say(context, messages.askNow);
      case 'contact':
        return this.responder.contact(context);
    }
  }

  /** A triage click counts only on the question waiting for it; an older card gets the current question again. */
  private async onChoice(dc: DialogContext, payload: Extract<FaqPayload, { action: 'choose' }>): Promise<void> {
    const data = await this.responder.state(dc.context);
    const pending = data.pendingChoice;
    const current =
      this.active(dc) === TRIAGE_DIALOG &&
      pending?.turn === payload.turn &&
      pending.facet === payload.facet &&
      isKnownChoice(this.deps.knowledgeBase, payload.facet, payload.value);
    if (current) return this.applyChoice(dc, payload.facet, payload.value);
    if (this.active(dc) === TRIAGE_DIALOG) {
      await this.responder.say(dc.context, messages.staleChoice);
      await dc.replaceDialog(TRIAGE_DIALOG);
      return;
    }
    await this.responder.staleButton(dc.context, messages.staleButton);
  }

  /** A typed message that names a choice of the pending question counts as a click on it. */
  private async typedChoice(dc: DialogContext, text: string): Promise<boolean> {
    const data = await this.responder.state(dc.context);
    const pending = data.pendingChoice;
    if (this.active(dc) !== TRIAGE_DIALOG || !pending) return false;
    const value = matchTypedChoice(this.deps.knowledgeBase, data.facets, pending.facet, text);
    if (value === undefined) return false;
    await this.applyChoice(dc, pending.facet, value);
    return true;
  }

  private async applyChoice(dc: DialogContext, facet: Facet, value: string): Promise<void> {
    const data = await this.responder.state(dc.context);
    data.facets = { ...data.facets, [facet]: value };
    await dc.replaceDialog(TRIAGE_DIALOG);
  }

  /** The user asked something new instead of commenting: the vote stays, without a comment. */
  private async dropPendingComment(dc: DialogContext): Promise<void> {
    const data = await this.responder.state(dc.context);
    data.pendingComment = undefined;
    await dc.cancelAllDialogs();
  }

  private async restart(dc: DialogContext): Promise<void> {
    await dc.cancelAllDialogs();
    const data = await this.responder.state(dc.context);
    data.facets = {};
    data.pendingChoice = undefined;
    data.pendingComment = undefined;
    await dc.beginDialog(TRIAGE_DIALOG);
  }

  private active(dc: DialogContext): string | undefined {
    return dc.activeDialog?.id;
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const outcome = await this.responder.triageStep(step.context);
    return outcome === 'waiting' ? Dialog.EndOfTurn : step.endDialog();
  }

  private async promptCommentStep(step: WaterfallStepContext<CommentOptions>): Promise<DialogTurnResult> {
    const data = await this.responder.state(step.context);
    const turn = nextTurn(data);
    data.pendingComment = { voteKey: step.options.voteKey, turn };
    await this.responder.askComment(step.context, turn);
    return Dialog.EndOfTurn;
  }

  private async saveCommentStep(step: WaterfallStepContext<CommentOptions>): Promise<DialogTurnResult> {
    const data = await this.responder.state(step.context);
    data.pendingComment = undefined;
    const input = classifyInput(step.context.activity.text, step.context.activity.value);
    if (input.kind === 'text') await this.responder.saveComment(step.context, step.options.voteKey, input.text);
    else await this.responder.say(step.context, messages.commentSkipped);
    return step.endDialog();
  }
}
