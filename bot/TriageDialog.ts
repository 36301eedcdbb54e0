import { Dialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { ConversationMemory } from './ConversationMemory.js';
import type { FaqPresenter } from './FaqPresenter.js';

export const TRIAGE_DIALOG = 'faq.triage';

/**
 * The guided questions. One step: it asks the next clarifying question, or
 * ends with the results; a choice (clicked or typed) is applied by MainDialog,
 * which restarts this dialog from the new facets.
 */
export class TriageDialog extends WaterfallDialog {
  constructor(
    private readonly memory: Pick<ConversationMemory, 'load'>,
    private readonly presenter: Pick<FaqPresenter, 'triageStep'>,
  ) {
    super(TRIAGE_DIALOG);
    this.addStep((step) => this.askStep(step));
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const outcome = await this.presenter.triageStep(step.context, await this.memory.load(step.context));
    return outcome === 'waiting' ? Dialog.EndOfTurn : step.endDialog();
  }
}
