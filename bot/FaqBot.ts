import {
  ActivityHandler,
  Channels,
  TurnContext,
  type InvokeResponse,
  type StatePropertyAccessor,
} from 'botbuilder';
import { runDialog, type DialogState } from 'botbuilder-dialogs';
import { findAnswerByActivity, type FaqConversationData } from './conversationData.js';
import type { FaqBotDependencies } from './dependencies.js';
import { MainDialog } from './MainDialog.js';
import { parseTeamsFeedback, SUBMIT_ACTION_INVOKE } from './teamsFeedback.js';

/** Conversation-state property names (stable: they are keys in the storage). */
export const DIALOG_STATE_PROPERTY = 'faqDialogState';
export const CONVERSATION_DATA_PROPERTY = 'faqConversation';

/**
 * The FAQ bot: greets new members, runs MainDialog on every message, answers
 * Teams' native feedback invoke, and saves state at the end of every turn.
 */
export class FaqBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly conversationData: StatePropertyAccessor<FaqConversationData>;
  private readonly dialog: MainDialog;

  constructor(private readonly deps: FaqBotDependencies) {
    super();
    this.dialogState = deps.conversationState.createProperty<DialogState>(DIALOG_STATE_PROPERTY);
    this.conversationData = deps.conversationState.createProperty<FaqConversationData>(CONVERSATION_DATA_PROPERTY);
    this.dialog = new MainDialog(deps, this.conversationData);

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
      if (isTeamsChannel(context) && !hasCardValue(context)) {
        // In a channel the bot speaks only when @mentioned; the mention is not part of the question.
        if (!isBotMentioned(context)) {
          deps.logger.debug({ conversation: deps.hashId(context.activity.conversation.id) }, 'channel message without mention ignored');
          await next();
          return;
        }
      }
      if (context.activity.text) TurnContext.removeRecipientMention(context.activity);
      await this.runDialog(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
    await this.deps.userState?.saveChanges(context, false);
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== SUBMIT_ACTION_INVOKE) return super.onInvokeActivity(context);
    const parsed = parseTeamsFeedback(context.activity.value);
    if (parsed.kind === 'notFeedback') return super.onInvokeActivity(context);
    const conversation = this.deps.hashId(context.activity.conversation.id);
    if (parsed.kind === 'invalid') {
      this.deps.logger.warn({ conversation, reason: parsed.reason }, 'malformed Teams feedback');
      return { status: 400 };
    }
    const data = await this.dialog.replies.state(context);
    const answer = context.activity.replyToId ? findAnswerByActivity(data, context.activity.replyToId) : undefined;
    if (!answer) {
      // The answer is older than what the conversation remembers: nothing to tie the vote to.
      this.deps.logger.warn({ conversation }, 'Teams feedback on an unknown answer');
      return { status: 200 };
    }
    await this.dialog.replies.teamsVote(context, answer, parsed.vote.helpful, parsed.vote.comment);
    return { status: 200 };
  }

  private async runDialog(context: TurnContext): Promise<void> {
    await runDialog(this.dialog, context, this.dialogState);
  }
}

/** Builds the bot from its dependencies (the composition root's single entry point into bot/). */
export function createFaqBot(deps: FaqBotDependencies): FaqBot {
  return new FaqBot(deps);
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
