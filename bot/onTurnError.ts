import { ActivityTypes, Channels, type ConversationState, type TurnContext } from 'botbuilder';
import type { BotLogger } from './dependencies.js';
import type { IdHasher } from './hashId.js';
import { messages } from './messages.js';

/**
 * The one `onTurnError` of every adapter: logs the failure (hashed ids, no
 * message text), tells the user kindly, clears the conversation state so the
 * next turn starts clean, and sends a trace activity to the Emulator.
 */
export function createOnTurnError(
  logger: BotLogger,
  conversationState: ConversationState,
  hashId?: IdHasher,
): (context: TurnContext, error: Error) => Promise<void> {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const activity = context.activity;
    logger.error(
      {
        err: error,
        // Raw ids never reach the logs: without a hasher they are left out.
        conversation: hashId && activity?.conversation?.id ? hashId(activity.conversation.id) : undefined,
        user: hashId && activity?.from?.id ? hashId(activity.from.id) : undefined,
        channel: activity?.channelId,
        activityType: activity?.type,
      },
      'unhandled error in turn',
    );
    try {
      await context.sendActivity(messages.turnError);
      if (activity?.channelId === Channels.Emulator) {
        await context.sendActivity({
          type: ActivityTypes.Trace,
          name: 'TurnError Trace',
          label: 'TurnError',
          valueType: 'https://www.botframework.com/schemas/error',
          value: `${error}`,
        });
      }
    } catch (sendError) {
      logger.error({ err: sendError }, 'onTurnError could not reply');
    }
    try {
      await conversationState.delete(context);
      await conversationState.saveChanges(context, true);
    } catch (stateError) {
      logger.error({ err: stateError }, 'onTurnError could not clear the conversation state');
    }
  };
}
