import type { Request, Response, Server } from 'restify';
import type { FeedbackStore, QuestionLogStore } from '../../bot/index.js';
import { buildKbPatch, type FaqEntry, type KnowledgeBase } from '../../knowledge/index.js';
import type { Clock } from '../clock.js';
import { parisDay } from '../storage/index.js';
import { entryReports, MAX_COMMENTED_QUESTIONS } from './answers.js';
import type { ConsoleAssets } from './ConsoleAssets.js';
import { redirect, type ConsoleAuth } from './ConsoleAuth.js';
import { readForm, sendCsv } from './consoleHttp.js';
import type { ClusterUnanswered, DeriveProposals } from './curation.js';
import { registerCurationRoutes } from './curationRoutes.js';
import { draftGaps, improvementsOf } from './curationTools.js';
import type { CurationStore } from './CurationStore.js';
import { questionsExport, unansweredExport, votesExport, type CsvExport } from './exports.js';
import { buildOverview } from './overview.js';
import { answersPage } from './pages/answersPage.js';
import { parseFilters, toQuestionFilter, type ConsoleFilters } from './pages/filters.js';
import { sendHtml } from './pages/html.js';
import { overviewPage } from './pages/overviewPage.js';
import { patchPage } from './pages/patchPage.js';
import type { ConsoleSession } from './SessionCodec.js';

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
  /** Where a failure after the response started (an export cut midway) is reported. */
  readonly log: { warn(obj: object, msg?: string): void };
}

type PageHandler = (req: Request, res: Response, session: ConsoleSession) => Promise<void>;
type ActionHandler = (req: Request, res: Response, session: ConsoleSession, form: URLSearchParams) => Promise<void>;

/** What every console route is built with: the session checks, the KB's entries and the request's filters. */
export interface RouteKit {
  readonly entries: ReadonlyMap<string, FaqEntry>;
  readonly questionOf: (id: string) => string;
  /** A page: redirected to the sign-in form without a session. */
  readonly page: (handler: PageHandler) => (req: Request, res: Response) => Promise<void>;
  /** A POST: 401 without a session, 403 without the session's CSRF token. */
  readonly action: (handler: ActionHandler) => (req: Request, res: Response) => Promise<void>;
  readonly user: (session: ConsoleSession) => { name: string; csrf: string };
  readonly query: (req: Request) => URLSearchParams;
  readonly filtersOf: (req: Request) => ConsoleFilters;
}

/**
 * /console: sign-in, pages, exports and assets. Pages redirect to the sign-in
 * form without a session; exports answer 401; every POST also needs the
 * session's CSRF token (403 without).
 */
export function registerConsoleRoutes(server: Server, deps: ConsoleRouteDeps): void {
  const { auth } = deps;
  const entries = new Map(deps.knowledgeBase.entries.map((entry) => [entry.id, entry]));
  const query = (req: Request): URLSearchParams => new URL(req.url ?? '/', 'http://console').searchParams;
  const kit: RouteKit = {
    entries,
    questionOf: (id) => entries.get(id)?.question ?? id,
    user: (session) => ({ name: session.user, csrf: auth.csrfToken(session) }),
    query,
    filtersOf: (req) => parseFilters(query(req), parisDay(new Date(deps.clock.now()))),
    page: (handler) => async (req, res) => {
      const session = auth.session(req);
      if (!session) return redirect(res, '/console/login');
      await handler(req, res, session);
    },
    action: (handler) => async (req, res) => {
      const session = auth.session(req);
      if (!session) return sendHtml(res, 401, 'Connexion requise');
      const form = await readForm(req);
      if (form.kind === 'refused') return sendHtml(res, form.status, 'Formulaire refusé');
      if (!auth.checkCsrf(session, form.form.get('_csrf'))) return sendHtml(res, 403, 'Jeton CSRF absent ou invalide');
      await handler(req, res, session, form.form);
    },
  };
  const { page, action, user, filtersOf } = kit;
  const download = (name: string, build: () => CsvExport) => async (req: Request, res: Response) => {
    if (!auth.session(req)) return sendHtml(res, 401, 'Connexion requise');
    try {
      await sendCsv(res, name, build());
    } catch (err) {
      deps.log.warn({ err }, 'console export failed');
    }
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
    const [counts, picks, commented, dimensions] = await Promise.all([
      deps.questionLog.entryCounts(filter), deps.questionLog.pickCounts(filter),
      deps.questionLog.list({ ...filter, followedBy: ['commented'] }, MAX_COMMENTED_QUESTIONS), deps.questionLog.dimensions(),
    ]);
    const reports = entryReports(deps.knowledgeBase.entries, counts, picks, commented, new Date(deps.clock.now()));
    sendHtml(res, 200, answersPage({ reports, questionOf: kit.questionOf, filters, dimensions, user: user(session) }));
  }));

  registerCurationRoutes(server, deps, kit);

  const plan = async () => buildKbPatch(deps.kbDir, improvementsOf(await deps.curation.decisions(), deps.knowledgeBase.entries));
  server.get('/console/correctif', page(async (_req, res, session) => {
    const newEntries = (await deps.curation.decisions())
      .filter((d) => d.status === 'new-entry')
      .map((decision) => ({ decision, gaps: draftGaps(decision, deps.knowledgeBase.entries) }));
    sendHtml(res, 200, patchPage({ plan: await plan(), newEntries, user: user(session) }));
  }));
  server.get('/console/correctif.patch', async (req: Request, res: Response) => {
    if (!auth.session(req)) return sendHtml(res, 401, 'Connexion requise');
    const planned = await plan();
    if (!planned.ok) return sendHtml(res, 409, 'Le correctif rendrait la FAQ invalide : voir /console/correctif');
    res.writeHead(200, { 'Content-Type': 'text/x-diff; charset=utf-8', 'Content-Disposition': 'attachment; filename="faq.patch"', 'Cache-Control': 'no-store' });
    res.end(planned.patch);
  });

  server.get('/console/export/questions.csv', download('questions.csv', () => questionsExport(deps.questionLog)));
  server.get('/console/export/votes.csv', download('votes.csv', () => votesExport(deps.feedbackStore)));
  server.get('/console/export/unanswered.csv', download('unanswered.csv', () => unansweredExport(deps.questionLog)));
}
