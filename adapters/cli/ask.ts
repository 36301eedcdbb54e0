/**
 * `npm run --silent ask -- [--json] [--filter facet=value]... "<question>"`
 * `npm run --silent ask -- --json --batch FILE` (one question per line in, one JSON line per question out)
 *
 * JSON contract (one line per question, other tools rely on it):
 * {"query", "answered", "answer": {"id","question","text","score"} | null, "candidates": [{"id","question","score"}],
 *  "decision": "answer" | "clarify" | "none", "shown": [entry ids offered as buttons, in order]}
 * plus, when they apply, "confidence" (the calibrated probability that the best entry is right) and "smallTalk"
 * (the kind of a greeting, thanks, help request… the bot answers kindly; its decision is "none", nothing is shown).
 * `answered` is false only when the decision is `none`; on `clarify` the answer is the best candidate.
 * The question goes through `answerQuestion`, the bot's own path: `--filter` facets act as the triage's
 * choices, set aside when nothing fits inside them or an entry outside is clearly better.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { answerQuestion, shownEntries, type Answer, type Retriever, type SmallTalkKind } from '../../embeddings/index.js';
import { FACETS, isMainModule, loadKnowledgeBase, type Facet, type FacetFilter, type KnowledgeBase } from '../../knowledge/index.js';
import { buildRetriever } from '../buildRetriever.js';
import { loadConfig } from '../config.js';

/** What `npm run ask` prints for one query (also as JSON with --json). */
export interface AskResult {
  readonly query: string;
  readonly answered: boolean;
  readonly answer: { readonly id: string; readonly question: string; readonly text: string; readonly score: number } | null;
  readonly candidates: readonly { readonly id: string; readonly question: string; readonly score: number }[];
  readonly decision: 'answer' | 'clarify' | 'none';
  /** Entry ids the bot offers as buttons, in order: the « Vouliez-vous dire… » candidates or the nearby questions. */
  readonly shown: readonly string[];
  readonly confidence?: number;
  readonly smallTalk?: SmallTalkKind;
}

const SCORE_DECIMALS = 4;
const round = (score: number): number => Number(score.toFixed(SCORE_DECIMALS));

/** Pure: the JSON contract of one answer. */
export function toAskResult(answer: Answer): AskResult {
  const best = answer.kind === 'answer' ? answer.best : answer.kind === 'clarify' ? answer.candidates[0] : undefined;
  return {
    query: answer.retrieval.query,
    answered: answer.kind === 'answer' || answer.kind === 'clarify',
    answer: best ? { id: best.entry.id, question: best.entry.question, text: best.entry.answer, score: round(best.score) } : null,
    candidates: answer.retrieval.ranked.map((r) => ({ id: r.entry.id, question: r.entry.question, score: round(r.score) })),
    decision: answer.kind === 'smallTalk' ? 'none' : answer.kind,
    shown: shownEntries(answer).map((r) => r.entry.id),
    ...(answer.kind !== 'smallTalk' && answer.confidence !== undefined && { confidence: round(answer.confidence) }),
    ...(answer.kind === 'smallTalk' && { smallTalk: answer.talk }),
  };
}

/** One question as `npm run ask` answers it: the answer the bot would give, and the JSON line printed for it. */
export async function ask(retriever: Retriever, query: string, filter: FacetFilter): Promise<{ answer: Answer; result: AskResult }> {
  const answer = await answerQuestion(retriever, query, filter);
  return { answer, result: toAskResult(answer) };
}

/** Parses `facet=value` flags against the taxonomy; every problem is reported. */
export function parseFilters(flags: readonly string[], kb: KnowledgeBase): { filter: FacetFilter; problems: string[] } {
  const filter: Partial<Record<Facet, string>> = {};
  const problems: string[] = [];
  for (const flag of flags) {
    const [facet, value] = flag.split('=', 2);
    const question = kb.taxonomy.questions.find((q) => q.facet === facet);
    if (!question || !(FACETS as readonly string[]).includes(facet)) {
      problems.push(`--filter ${flag}: unknown facet (one of ${FACETS.join(', ')})`);
    } else if (!value || !question.choices.some((c) => c.value === value)) {
      problems.push(`--filter ${flag}: unknown value (one of ${question.choices.map((c) => c.value).join(', ')})`);
    } else {
      filter[question.facet] = value;
    }
  }
  return { filter, problems };
}

function readable(result: AskResult, answer: Answer): string {
  const asked = `« ${result.query} »${answer.relaxed ? '\n(the --filter facets were set aside, as the bot does: nothing fits within them, or an entry outside fits clearly better)' : ''}`;
  if (answer.kind === 'smallTalk') return `${asked}\nSmall talk (${answer.talk}): the bot replies kindly and records nothing.`;
  if (!result.answer) return `${asked}\nNo answer in the knowledge base (out of scope).${result.shown.length > 0 ? ` Nearby questions shown: ${result.shown.join(', ')}` : ''}`;
  const others = result.candidates.slice(1, 4).map((c) => `  - ${c.question} [${c.id}, ${c.score}]`).join('\n');
  const header = answer.kind === 'clarify' ? 'Several answers are close; the best one:' : 'Answer:';
  return `${asked}\n${header} ${result.answer.question} [${result.answer.id}, score ${result.answer.score}]\n\n${result.answer.text}\n\nOther candidates:\n${others}`;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, batch: { type: 'string' }, filter: { type: 'string', multiple: true, default: [] } },
  });
  const config = loadConfig(process.env);
  const kb = await loadKnowledgeBase(config.kbDir);
  const { filter, problems } = parseFilters(values.filter ?? [], kb);
  const questions = values.batch
    ? (await readFile(values.batch, 'utf8')).split('\n').map((line) => line.trim()).filter((line) => line !== '')
    : [positionals.join(' ').trim()].filter((q) => q !== '');
  if (questions.length === 0) problems.push('give a question, or --batch FILE');
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    return 2;
  }
  // The JSON lines own stdout: the provider line goes to stderr.
  const { retriever, status, provider } = await buildRetriever(config, kb);
  console.error(`retrieval: ${status.mode} (${status.provider}, ${status.model}) — ${status.reason}`);
  for (const query of questions) {
    const { answer, result } = await ask(retriever, query, filter);
    console.log(values.json ? JSON.stringify(result) : readable(result, answer));
  }
  await provider?.dispose?.();
  return 0;
}

// Run only as a script, so tests can import the pure helpers.
if (isMainModule(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
