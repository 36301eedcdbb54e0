/**
 * The curation pages: « Questions sans réponse » (clusters, their decisions,
 * and the new-entry form) and « Propositions de formulations ». Each reads
 * only what it shows: text counts for the clusters, and the typed questions
 * followed by a pick or a vote for the proposals (see `QuestionLogStore`).
 */
import type { Request, Response, Server } from 'restify';
import type { QuestionFilter } from '../../bot/index.js';
import { redirect } from './ConsoleAuth.js';
import { parseDecisionForm, parseNewEntryForm, type NewEntryInput } from './curationActions.js';
import type { CurationDecision } from './CurationStore.js';
import type { ConsoleRouteDeps, RouteKit } from './consoleRoutes.js';
import { proposalsPage, unansweredPage } from './pages/curationPages.js';
import { toQuestionFilter } from './pages/filters.js';
import { sendHtml } from './pages/html.js';
import { newEntryPage } from './pages/newEntryPage.js';

/** Distinct unanswered texts clustered (the most asked). */
export const MAX_UNANSWERED_TEXTS = 5_000;
/** Questions read for the proposals: typed, clarified or declined, then followed by a pick or a vote (the newest). */
export const MAX_PROPOSAL_QUESTIONS = 20_000;

/** The unanswered questions a cluster is made of: typed ones (triage dead ends have no text to cluster). */
const UNANSWERED_TYPED: QuestionFilter = { source: 'typed', unanswered: true };
/** The questions a phrasing proposal can come from (bot/curation/phrasingProposals.ts reads their picks and votes). */
const PROPOSAL_SOURCES: QuestionFilter = { source: 'typed', decisions: ['clarify', 'none'], followedBy: ['clicked', 'voted'] };
/** The period parameters the cluster page passes on to the new-entry form. */
const PERIOD_PARAMS = ['du', 'au', 'canal', 'version'];

export function registerCurationRoutes(server: Server, deps: ConsoleRouteDeps, kit: RouteKit): void {
  const { entries, page, action, user, filtersOf, query } = kit;
  const decisions = async (): Promise<Map<string, CurationDecision>> => new Map((await deps.curation.decisions()).map((d) => [d.key, d]));
  const context = (session: { user: string }) => ({ user: session.user, time: new Date(deps.clock.now()).toISOString(), isEntry: (id: string) => entries.has(id) });
  const clusters = async (req: Request) =>
    deps.clusterUnanswered(await deps.questionLog.textCounts({ ...toQuestionFilter(filtersOf(req)), ...UNANSWERED_TYPED }, MAX_UNANSWERED_TEXTS));
  const decide = (kind: CurationDecision['kind'], back: string) =>
    action(async (_req, res, session, form) => {
      const parsed = parseDecisionForm(kind, form, context(session));
      if (parsed.kind === 'refused') return sendHtml(res, 400, `Action refusée : ${parsed.reason}`);
      await deps.curation.decide(parsed.decision);
      redirect(res, back);
    });

  server.get('/console/sans-reponse', page(async (req, res, session) => {
    const period = new URLSearchParams([...query(req)].filter(([name]) => PERIOD_PARAMS.includes(name)));
    const newEntryHref = (key: string): string => `/console/sans-reponse/nouvelle-entree?${new URLSearchParams([...period, ['cle', key]])}`;
    const [items, decided] = await Promise.all([clusters(req), decisions()]);
    sendHtml(res, 200, unansweredPage({ items, decisions: decided, questionOf: kit.questionOf, user: user(session), newEntryHref }));
  }));
  server.post('/console/sans-reponse/decision', decide('cluster', '/console/sans-reponse'));

  const sortedEntries = [...entries.values()].sort((a, b) => a.offer.localeCompare(b.offer) || a.theme.localeCompare(b.theme) || a.id.localeCompare(b.id));
  const sendForm = (res: Response, status: number, session: Parameters<typeof user>[0], input: NewEntryInput, questions: { text: string; count?: number }[], error?: string) =>
    sendHtml(res, status, newEntryPage({ input, questions, entries: sortedEntries, user: user(session), ...(error !== undefined && { error }) }));

  server.get('/console/sans-reponse/nouvelle-entree', page(async (req, res, session) => {
    const key = query(req).get('cle') ?? '';
    const [found, saved] = await Promise.all([clusters(req), decisions()]);
    const cluster = found.find((c) => c.key === key || c.memberKeys.includes(key));
    const draft = saved.get(key)?.draft;
    if (cluster === undefined && draft === undefined) return sendHtml(res, 404, 'Ce groupe de questions n’est plus dans la période : revenez à « Questions sans réponse ».');
    const questions = [...(cluster?.members ?? []), ...(draft?.phrasings ?? []).map((text) => ({ text }))]
      .filter((q, i, all) => all.findIndex((other) => other.text === q.text) === i);
    const input: NewEntryInput = {
      key: cluster?.key ?? key,
      phrasings: draft?.phrasings ?? questions.map((q) => q.text),
      entryId: saved.get(key)?.entryId ?? cluster?.nearestEntryId ?? '',
      answer: draft?.answer ?? '',
    };
    sendForm(res, 200, session, input, questions);
  }));
  server.post('/console/sans-reponse/nouvelle-entree', action(async (_req, res, session, form) => {
    const parsed = parseNewEntryForm(form, context(session));
    if (parsed.kind === 'refused') {
      const questions = form.getAll('offered').map((text) => ({ text }));
      return sendForm(res, 400, session, parsed.input, questions, parsed.reason);
    }
    await deps.curation.decide(parsed.decision);
    redirect(res, '/console/correctif');
  }));

  server.get('/console/propositions', page(async (req, res, session) => {
    const questions = await deps.questionLog.list({ ...toQuestionFilter(filtersOf(req)), ...PROPOSAL_SOURCES }, MAX_PROPOSAL_QUESTIONS);
    sendHtml(res, 200, proposalsPage({ items: deps.deriveProposals(questions), decisions: await decisions(), questionOf: kit.questionOf, user: user(session) }));
  }));
  server.post('/console/propositions/decision', decide('proposal', '/console/propositions'));
}
