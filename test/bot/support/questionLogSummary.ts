import type { LoggedQuestion, QuestionEvent } from '../../../bot/index.js';

/** A logged question as a transcript writes it: who asked what, the decision, the entries, and what followed in words. */
export interface QuestionSummary {
  readonly source: string;
  readonly text: string;
  readonly decision: string;
  readonly candidates: string[];
  readonly facets: Readonly<Record<string, string>>;
  /** e.g. "clicked mos-definition", "voted 👎 mos-definition", "commented mos-definition: Il manque…", "rejected", "rephrased". */
  readonly events: string[];
}

export function summarizeQuestion(question: LoggedQuestion): QuestionSummary {
  return {
    source: question.source,
    text: question.text,
    decision: question.decision,
    candidates: question.candidates.map((candidate) => candidate.id),
    facets: question.facets,
    events: question.events.map(describeEvent),
  };
}

function describeEvent(event: QuestionEvent): string {
  switch (event.kind) {
    case 'clicked':
      return `clicked ${event.entryId ?? '?'}`;
    case 'voted':
      return `voted ${event.helpful ? '👍' : '👎'} ${event.entryId ?? '?'}`;
    case 'commented':
      return `commented ${event.entryId ?? '?'}: ${event.comment ?? ''}`;
    default:
      return event.kind;
  }
}
