import { BotAdapter, TurnContext } from 'botbuilder';
import type { Activity, ConversationReference, ResourceResponse } from 'botbuilder';
import type { Clock } from '../clock.js';
import type { TurnGate } from '../TurnGate.js';
import type { PostResult } from './DirectLineConversations.js';
import type { DirectLineStore } from './DirectLineStore.js';

/** Longest `delay` activity honoured, so a bot cannot hold a turn open indefinitely. */
export const MAX_DELAY_MS = 5_000;
/** Activity types a Direct Line client never receives. */
const NOT_DELIVERED = new Set(['trace', 'invokeResponse']);

export type TurnLogic = (context: TurnContext) => Promise<void>;

/**
 * Runs the bot in-process for the built-in Direct Line endpoint: what the bot sends is
 * appended to the conversation's activity log instead of being POSTed to a channel.
 * Turns of one conversation run one after the other through the {@link TurnGate}, as a
 * channel would deliver them, so conversation state is never written by two turns at once
 * (across instances too, with the PostgreSQL gate).
 */
export class DirectLineBotAdapter extends BotAdapter {
  constructor(
    private readonly conversations: DirectLineStore,
    private readonly clock: Clock,
    private readonly gate: TurnGate,
  ) {
    super();
  }

  /** Runs a turn once the conversation's previous turns have finished; resolves when this turn has run. */
  processActivity(activity: Partial<Activity>, logic: TurnLogic): Promise<void> {
    const key = activity.conversation?.id;
    if (!key) return Promise.reject(new Error('DirectLineBotAdapter.processActivity: activity without conversation id'));
    return this.gate.run(key, () => this.runMiddleware(new TurnContext(this, activity), logic));
  }

  /**
   * A visitor's post and its turn, in one turn of the gate: `post` stores the activity, and the bot's turn runs on
   * it when it was stored. Inside the turn, so that a store whose turns are transactions (PostgreSQL) stores the
   * post with the turn's replies, or not at all when the turn fails.
   */
  processPost(conversationId: string, post: () => Promise<PostResult>, logic: TurnLogic): Promise<PostResult> {
    return this.gate.run(conversationId, async () => {
      const posted = await post();
      if (posted.kind === 'stored') await this.runMiddleware(new TurnContext(this, posted.activity), logic);
      return posted;
    });
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        const ms = typeof activity.value === 'number' ? activity.value : 1000;
        await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(ms, 0), MAX_DELAY_MS)));
        responses.push({ id: '' });
        continue;
      }
      if (activity.type && NOT_DELIVERED.has(activity.type)) {
        responses.push({ id: '' });
        continue;
      }
      const conversationId = activity.conversation?.id ?? context.activity.conversation.id;
      const now = this.clock.now();
      const stored = await this.conversations.append(conversationId, { ...activity, timestamp: new Date(now) }, now);
      if (stored.kind === 'too-large') {
        // A defect of the bot (no reply is meant to be this big): the turn fails and onTurnError answers instead.
        throw new Error(`DirectLineBotAdapter.sendActivities: a reply of ${stored.bytes} bytes is over the per-activity limit`);
      }
      responses.push({ id: stored.activity.id ?? '' });
    }
    return responses;
  }

  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<void> {
    const conversationId = activity.conversation?.id ?? context.activity.conversation.id;
    // An activity already trimmed from the log cannot be updated any more; that is not an error for the bot.
    await this.conversations.replace(conversationId, activity);
  }

  override async deleteActivity(context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    const conversationId = reference.conversation?.id ?? context.activity.conversation.id;
    if (reference.activityId) await this.conversations.remove(conversationId, reference.activityId);
  }

  override async continueConversation(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true);
    await this.processActivity(activity, logic);
  }
}
