import { Dialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { ConversationMemory } from './ConversationMemory.js';
import type { FeedbackRecorder } from './FeedbackRecorder.js';
import { messages } from './messages.js';
import { commentPromptReply } from './replies.js';
import { classifyInput } from './userInput.js';

export const COMMENT_DIALOG = 'faq.comment';

/** Options of the comment dialog: the 👎 vote the comment will be attached to. */
export interface CommentOptions {
  readonly voteKey: string;
}

/**
 * The optional comment after a 👎: asks for it (with a "Passer" button), then
 * stores the next message typed, or notes that the user skipped. MainDialog
 * sends it only text that does not look like a new question.
 */
export class CommentDialog extends WaterfallDialog<CommentOptions> {
  constructor(
    private readonly memory: Pick<ConversationMemory, 'load'>,
    private readonly feedback: Pick<FeedbackRecorder, 'recordComment'>,
  ) {
    super(COMMENT_DIALOG);
    this.addStep((step) => this.promptStep(step));
    this.addStep((step) => this.saveStep(step));
  }

  private async promptStep(step: WaterfallStepContext<CommentOptions>): Promise<DialogTurnResult> {
    const conversation = await this.memory.load(step.context);
    await step.context.sendActivity(commentPromptReply(conversation.comment.await(step.options.voteKey)));
    return Dialog.EndOfTurn;
  }

  private async saveStep(step: WaterfallStepContext<CommentOptions>): Promise<DialogTurnResult> {
    (await this.memory.load(step.context)).comment.end();
    const input = classifyInput(step.context.activity.text, step.context.activity.value);
    if (input.kind === 'text') {
      await this.feedback.recordComment(step.options.voteKey, input.text);
      await step.context.sendActivity(messages.commentThanks);
    } else {
      await step.context.sendActivity(messages.commentSkipped);
    }
    return step.endDialog();
  }
}
