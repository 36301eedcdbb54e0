import { IN_SCOPE_KINDS, OUT_OF_SCOPE_KINDS, type InScopeKind, type OutOfScopeKind } from './evalSet.js';

/**
 * What the user saw for one question, as `npm run eval` scores it: the
 * decision, the entry given first (the direct answer, or the first
 * « Vouliez-vous dire… » candidate) and the entries offered as buttons.
 * `smallTalk` is the kind reply to a greeting, thanks or help request.
 */
export interface SeenOutcome {
  readonly decision: 'answer' | 'clarify' | 'none' | 'smallTalk';
  readonly firstId?: string;
  readonly shownIds: readonly string[];
  /** The ranking's best entry, whatever was decided (for top-1). */
  readonly topId?: string;
}

export interface InScopeRecord extends SeenOutcome {
  readonly expectedId: string;
  readonly kind?: InScopeKind;
}

export interface OutOfScopeRecord extends SeenOutcome {
  readonly kind?: OutOfScopeKind;
}

/** The outcome figures of a group of answerable questions (shares in [0, 1]). */
export interface InScopeOutcomes {
  readonly n: number;
  /** A direct answer with the labelled entry, or the labelled entry as first « Vouliez-vous dire… » candidate. */
  readonly answeredRight: number;
  /** Answered right, or the labelled entry among the buttons shown (one click away). */
  readonly oneClick: number;
  /** A direct answer with another entry: the vendor is misled. */
  readonly confidentlyWrong: number;
  /** The labelled entry ranked first, whatever was decided. */
  readonly top1: number;
}

/** Right when the entry given first is the labelled one and the decision gave something. */
export function answeredRight(record: InScopeRecord): boolean {
  return (record.decision === 'answer' || record.decision === 'clarify') && record.firstId === record.expectedId;
}

export function reachableInOneClick(record: InScopeRecord): boolean {
  return answeredRight(record) || record.shownIds.includes(record.expectedId);
}

export function confidentlyWrong(record: InScopeRecord): boolean {
  return record.decision === 'answer' && record.firstId !== record.expectedId;
}

const share = (n: number, total: number): number => (total === 0 ? 0 : n / total);

/** Pure: aggregates answerable questions' outcomes. */
export function inScopeOutcomes(records: readonly InScopeRecord[]): InScopeOutcomes {
  const count = (test: (record: InScopeRecord) => boolean): number => share(records.filter(test).length, records.length);
  return {
    n: records.length,
    answeredRight: count(answeredRight),
    oneClick: count(reachableInOneClick),
    confidentlyWrong: count(confidentlyWrong),
    top1: count((record) => record.topId === record.expectedId),
  };
}

/** Share of out-of-scope questions given no answer (decision `none`; the nearby buttons are not answers). */
export function rejection(records: readonly OutOfScopeRecord[]): { readonly n: number; readonly rejected: number } {
  return { n: records.length, rejected: share(records.filter((record) => record.decision === 'none').length, records.length) };
}

/** Small talk: how many got the kind reply, and how many were declined (so stored as unanswered questions). */
export function smallTalkOutcomes(records: readonly SeenOutcome[]): { readonly n: number; readonly handled: number; readonly storedAsUnanswered: number } {
  return {
    n: records.length,
    handled: records.filter((record) => record.decision === 'smallTalk').length,
    storedAsUnanswered: records.filter((record) => record.decision === 'none').length,
  };
}

/** Groups records by their kind ('all' first, then each kind present, in the order given). */
export function byKind<R extends { readonly kind?: string }>(records: readonly R[], kinds: readonly string[]): [string, R[]][] {
  const groups: [string, R[]][] = [['all', [...records]]];
  for (const kind of kinds) {
    const members = records.filter((record) => record.kind === kind);
    if (members.length > 0) groups.push([kind, members]);
  }
  return groups;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

/** The outcome table `npm run eval` and `npm run eval:fit` print: answerable questions per kind, out of scope per kind, small talk. */
export function outcomeTable(
  inScope: readonly InScopeRecord[],
  outOfScope: readonly OutOfScopeRecord[],
  smallTalk: readonly SeenOutcome[] = [],
): Record<string, Record<string, string | number>> {
  const rows: Record<string, Record<string, string | number>> = {};
  for (const [kind, records] of byKind(inScope, IN_SCOPE_KINDS)) {
    const o = inScopeOutcomes(records);
    rows[`in scope: ${kind}`] = { n: o.n, 'answered right': pct(o.answeredRight), 'one click': pct(o.oneClick), 'confidently wrong': pct(o.confidentlyWrong), 'top-1': pct(o.top1) };
  }
  for (const [kind, records] of byKind(outOfScope, OUT_OF_SCOPE_KINDS)) {
    const o = rejection(records);
    rows[`out of scope: ${kind}`] = { n: o.n, rejected: pct(o.rejected) };
  }
  if (smallTalk.length > 0) {
    const o = smallTalkOutcomes(smallTalk);
    rows['small talk'] = { n: o.n, 'kind reply': o.handled, 'stored as unanswered': o.storedAsUnanswered };
  }
  return rows;
}
