import type { Request, Response, Server } from 'restify';
import type { FeedbackStore, QuestionLogStore } from '../../bot/index.js';
import { buildKbPatch, type KnowledgeBase } from '../../knowledge/index.js';
import type { Clock } from '../clock.js';
import { parisDay } from '../storage/index.js';
import { entryReports } from './answers.js';
import type { ConsoleAssets } from './ConsoleAssets.js';
import { redirect, type ConsoleAuth } from './ConsoleAuth.js';
import { readForm } from './consoleHttp.js';
import type { ClusterUnanswered, DeriveProposals } from './curation.js';
import { parseDecisionForm } from './curationActions.js';
import { improvementsOf } from './curationTools.js';
import { patchPage } from './pages/patchPage.js';
import type { CurationDecision, CurationStore } from './CurationStore.js';
import { isUnanswered, questionsCsv, unansweredCsv, votesCsv } from './exports.js';
import { buildOverview } from './overview.js';
import { answersPage } from './pages/answersPage.js';
import { proposalsPage, unansweredPage } from './pages/curationPages.js';
import { parseFilters, toQuestionFilter } from './pages/filters.js';
import { sendHtml } from './pages/html.js';
import { overviewPage } from './pages/overviewPage.js';
import type { ConsoleSession } from './SessionCodec.js';

/** Questions read for the pages that look at individual questions (answers, clusters, proposals). */
export const MAX_QUESTIONS_READ = 20_000;

export interface ConsoleRouteDeps {
  readonly auth: ConsoleAuth;
  readonly assets: ConsoleAssets;
  readonly questionLog: QuestionLogStore;
  readonly feedbackStore: FeedbackStore;
  readonly knowledgeBase: Pick<KnowledgeBase, 'entries'>;
  /** Folder of the KB's YAML files the patch is made against. */
  readonly kbDir: string;
  readonly clock: Clock;
  readonly curation: CurationStore;
  readonly clusterUnanswered: ClusterUnanswered;
  readonly deriveProposals: DeriveProposals;
}

type PageHandler = (req: Request, res: Response, session: ConsoleSession) => Promise<void>;

/**
 * /console: sign-in, pages, exports and assets. Pages redirect to the sign-in
 * form without a session; exports answer 401; every POST also needs the
 * session's CSRF token (403 without).
 */
export function registerConsoleRoutes(server: Server, deps: ConsoleRouteDeps): void {
  const { auth } = deps;
  const entries = new Map(deps.knowledgeBase.entries.map((entry) => [entry.id, entry]));
  const questionOf = (id: string): string => entries.get(id)?.question ?? id;
  const user = (session: ConsoleSession) => ({ name: session.user, csrf: auth.csrfToken(session) });
  const query = (req: Request): URLSearchParams => new URL(req.url ?? '/', 'http://console').searchParams;
  const filtersOf = (req: Request) => parseFilters(query(req), parisDay(new Date(deps.clock.now())));

  const page = (handler: PageHandler) => async (req: Request, res: Response) => {
    const session = auth.session(req);
    if (!session) return redirect(res, '/console/login');
    await handler(req, res, session);
  };
  const download = (name: string, build: () => Promise<string>) => async (req: Request, res: Response) => {
    if (!auth.session(req)) return sendHtml(res, 401, 'Connexion requise');
    const body = Buffer.from(await build(), 'utf8');
    res.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store',
      'Content-Length': String(body.length),
    });
    res.end(body);
  };
  const action = (handler: (req: Request, res: Response, session: ConsoleSession, form: URLSearchParams) => Promise<void>) => async (req: Request, res: Response) => {
    const session = auth.session(req);
    if (!session) return sendHtml(res, 401, 'Connexion requise');
    const form = await readForm(req);
    if (form.kind === 'refused') return sendHtml(res, form.status, 'Formulaire refusé');
    if (!auth.checkCsrf(session, form.form.get('_csrf'))) return sendHtml(res, 403, 'Jeton CSRF absent ou invalide');
    await handler(req, res, session, form.form);
  };

  server.get('/console/login', auth.loginForm);
  server.post('/console/login', auth.login);
  server.get('/console/oidc/start', auth.oidcStart);
  server.get('/console/oidc/callback', auth.oidcCallback);
  server.post('/console/logout', action(auth.logout));
  server.get('/console/assets/:name', deps.assets.handler);

  server.get('/console', page(async (req, res, session) => {
    const filters = filtersOf(req);
    const filter = toQuestionFilter(filters);
    const [days, counts, dimensions] = await Promise.all([deps.questionLog.dailyCounts(filter), deps.questionLog.entryCounts(filter), deps.questionLog.dimensions()]);
    const overview = buildOverview(days, counts, filters.granularity);
    sendHtml(res, 200, overviewPage({ overview, filters, dimensions, entries, user: user(session) }));
  }));

  server.get('/console/reponses', page(async (req, res, session) => {
    const filters = filtersOf(req);
    const filter = toQuestionFilter(filters);
    const [counts, questions, dimensions] = await Promise.all([
      deps.questionLog.entryCounts(filter), deps.questionLog.list(filter, MAX_QUESTIONS_READ), deps.questionLog.dimensions(),
    ]);
    const reports = entryReports(deps.knowledgeBase.entries, counts, questions, new Date(deps.clock.now()));
    sendHtml(res, 200, answersPage({ reports, questionOf, filters, dimensions, user: user(session) }));
  }));

  const decisions = async (): Promise<Map<string, CurationDecision>> => new Map((await deps.curation.decisions()).map((d) => [d.key, d]));
  const decide = (kind: CurationDecision['kind'], back: string) =>
    action(async (_req, res, session, form) => {
      const parsed = parseDecisionForm(kind, form, { user: session.user, time: new Date(deps.clock.now()).toISOString(), isEntry: (id) => entries.has(id) });
      if (parsed.kind === 'refused') return sendHtml(res, 400, `Action refusée : ${parsed.reason}`);
      await deps.curation.decide(parsed.decision);
      redirect(res, back);
    });

  server.get('/console/sans-reponse', page(async (req, res, session) => {
    // Declined, dead ends, and lists refused with « aucune »: the only decisions an unanswered question can have.
    const filter = { ...toQuestionFilter(filtersOf(req)), decisions: ['none', 'empty', 'clarify', 'list'] as const };
    const questions = (await deps.questionLog.list(filter, MAX_QUESTIONS_READ)).filter(isUnanswered);
    const items = await deps.clusterUnanswered(questions);
    sendHtml(res, 200, unansweredPage({ items, decisions: await decisions(), questionOf, user: user(session) }));
  }));
  server.post('/console/sans-reponse/decision', decide('cluster', '/console/sans-reponse'));

  server.get('/console/propositions', page(async (req, res, session) => {
    const questions = await deps.questionLog.list(toQuestionFilter(filtersOf(req)), MAX_QUESTIONS_READ);
    sendHtml(res, 200, proposalsPage({ items: deps.deriveProposals(questions), decisions: await decisions(), questionOf, user: user(session) }));
  }));
  server.post('/console/propositions/decision', decide('proposal', '/console/propositions'));

  const plan = async () => buildKbPatch(deps.kbDir, improvementsOf(await deps.curation.decisions(), deps.knowledgeBase.entries));
  server.get('/console/correctif', page(async (_req, res, session) => {
    const newEntries = (await deps.curation.decisions()).filter((d) => d.status === 'new-entry');
    sendHtml(res, 200, patchPage({ plan: await plan(), newEntries, user: user(session) }));
  }));
  server.get('/console/correctif.patch', async (req: Request, res: Response) => {
    if (!auth.session(req)) return sendHtml(res, 401, 'Connexion requise');
    const planned = await plan();
    if (!planned.ok) return sendHtml(res, 409, 'Le correctif rendrait la FAQ invalide : voir /console/correctif');
    res.writeHead(200, { 'Content-Type': 'text/x-diff; charset=utf-8', 'Content-Disposition': 'attachment; filename="faq.patch"', 'Cache-Control': 'no-store' });
    res.end(planned.patch);
  });

  server.get('/console/export/questions.csv', download('questions.csv', () => questionsCsv(deps.questionLog)));
  server.get('/console/export/votes.csv', download('votes.csv', () => votesCsv(deps.feedbackStore)));
  server.get('/console/export/unanswered.csv', download('unanswered.csv', () => unansweredCsv(deps.questionLog)));
}
