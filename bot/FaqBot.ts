import {
  ActivityHandler,
  Channels,
  TurnContext,
  type ConversationState,
  type InvokeResponse,
  type StatePropertyAccessor,
  type UserState,
} from 'botbuilder';
import { DialogSet, runDialog, type DialogState } from 'botbuilder-dialogs';
import type { ConversationMemory } from './ConversationMemory.js';
import type { BotLogger } from './dependencies.js';
import type { FaqPresenter } from './FaqPresenter.js';
import type { FeedbackRecorder } from './FeedbackRecorder.js';
import type { IdHasher } from './hashId.js';
import { MAIN_DIALOG, type AfterVote, type MainDialog } from './MainDialog.js';
import { messages } from './messages.js';
import { parsePayload } from './payload.js';
import { parseTeamsFeedback, SUBMIT_ACTION_INVOKE } from './teamsFeedback.js';

/** Conversation-state property name of the dialog stack (stable: it is a key in the storage). */
export const DIALOG_STATE_PROPERTY = 'faqDialogState';

/** What FaqBot runs and records with (built by `createFaqBot`). */
export interface FaqBotParts {
  readonly conversationState: ConversationState;
  readonly userState?: UserState;
  readonly memory: Pick<ConversationMemory, 'load'>;
  readonly presenter: Pick<FaqPresenter, 'offerNextBest'>;
  readonly feedback: Pick<FeedbackRecorder, 'recordVote'>;
  readonly dialog: MainDialog;
  readonly hashId: IdHasher;
  readonly logger: BotLogger;
}

/**
 * The FAQ bot: greets new members, speaks in Teams channels only when
 * @mentioned, records feedback (the answer cards' 👍 / 👎 and Teams' native
 * `message/submitAction` alike), runs MainDialog for everything else, and saves
 * state at the end of every turn.
 */
export class FaqBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;

  constructor(private readonly parts: FaqBotParts) {
    super();
    this.dialogState = parts.conversationState.createProperty<DialogState>(DIALOG_STATE_PROPERTY);

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const added = context.activity.membersAdded ?? [];
      const humanJoined = added.some((member) => member.id !== botId);
      // Installing the app in Teams personal scope adds only the bot: the user still expects a greeting.
      const installedInPersonalChat = isTeamsPersonal(context) && added.some((member) => member.id === botId);
      // In a Teams channel a greeting would go to the whole team each time someone joins: stay quiet there.
      if ((humanJoined || installedInPersonalChat) && !isTeamsChannel(context)) await this.runDialog(context);
      await next();
    });

    this.onMessage(async (context, next) => {
      if (isTeamsChannel(context) && !hasCardValue(context) && !isBotMentioned(context)) {
        // In a channel the bot speaks only when @mentioned; the mention is not part of the question.
        parts.logger.debug({ conversation: parts.hashId(context.activity.conversation.id) }, 'channel message without mention ignored');
        await next();
        return;
      }
      if (context.activity.text) TurnContext.removeRecipientMention(context.activity);
      const payload = hasCardValue(context) ? parsePayload(context.activity.value) : undefined;
      if (payload?.kind === 'payload' && payload.payload.action === 'vote') await this.onCardVote(context, payload.payload.helpful, payload.payload.turn);
      else await this.runDialog(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.parts.conversationState.saveChanges(context, false);
    await this.parts.userState?.saveChanges(context, false);
  }

  /** Teams' native 👍 / 👎 (and optional text) on the answer whose activity id is `replyToId`. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== SUBMIT_ACTION_INVOKE) return super.onInvokeActivity(context);
    const parsed = parseTeamsFeedback(context.activity.value);
    if (parsed.kind === 'notFeedback') return super.onInvokeActivity(context);
    const conversation = this.parts.hashId(context.activity.conversation.id);
    if (parsed.kind === 'invalid') {
      this.parts.logger.warn({ conversation, reason: parsed.reason }, 'malformed Teams feedback');
      return { status: 400 };
    }
    const { replyToId } = context.activity;
    const answer = replyToId ? (await this.parts.memory.load(context)).shown.answerFor(replyToId) : undefined;
    if (!answer) {
      // The answer is older than what the conversation remembers: nothing to tie the vote to.
      this.parts.logger.warn({ conversation }, 'Teams feedback on an unknown answer');
      return { status: 200 };
    }
    await this.parts.feedback.recordVote(context.activity, answer, parsed.vote.helpful, parsed.vote.comment);
    return { status: 200 };
  }

  /** 👍 / 👎 from an answer card: thanks, or next best answers and an optional comment; a click on a forgotten answer changes nothing. */
  private async onCardVote(context: TurnContext, helpful: boolean, turn: number): Promise<void> {
    const conversation = await this.parts.memory.load(context);
    const answer = conversation.shown.answerAt(turn);
    if (!answer) {
      await context.sendActivity(messages.staleButton);
      return;
    }
    const voteKey = await this.parts.feedback.recordVote(context.activity, answer, helpful);
    if (helpful) {
      await context.sendActivity(messages.thanksHelpful);
    } else {
      await context.sendActivity(messages.sorryNotHelpful);
      await this.parts.presenter.offerNextBest(context, conversation, answer);
    }
    // The vote ends the triage or a pending comment; a 👎 then waits for its own comment.
    const dialogs = new DialogSet(this.dialogState).add(this.parts.dialog);
    const dc = await dialogs.createContext(context);
    await dc.cancelAllDialogs();
    await dc.beginDialog(MAIN_DIALOG, { afterVote: true, ...(!helpful && { commentOn: voteKey }) } satisfies AfterVote);
  }

  private async runDialog(context: TurnContext): Promise<void> {
    await runDialog(this.parts.dialog, context, this.dialogState);
  }
}

function isTeamsChannel(context: TurnContext): boolean {
  return context.activity.channelId === Channels.Msteams && context.activity.conversation?.conversationType === 'channel';
}

function isTeamsPersonal(context: TurnContext): boolean {
  return context.activity.channelId === Channels.Msteams && context.activity.conversation?.conversationType === 'personal';
}

function hasCardValue(context: TurnContext): boolean {
  return context.activity.value !== undefined && context.activity.value !== null;
}

function isBotMentioned(context: TurnContext): boolean {
  const botId = context.activity.recipient?.id;
  return TurnContext.getMentions(context.activity).some((mention) => mention.mentioned?.id === botId);
}
