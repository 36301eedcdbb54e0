/**
 * The measuring part shared by the scale benchmark's runs (faqRun.ts, oramaRun.ts): each
 * question once with its wall and CPU time, then a second, warm pass, and the one JSON
 * line a run prints (ScaleRun in scaleReport.ts).
 */

/** Marks taken by a run as it starts: `performance.now()` values and the CPU used by then. */
export interface RunMarks {
  readonly processStart: number;
  readonly importsDone: number;
  readonly kbLoaded: number;
  readonly ready: number;
  /** CPU from the end of the imports to the retriever's readiness. */
  readonly readyCpu: NodeJS.CpuUsage;
}

export interface QuestionTimings {
  readonly samples: number[];
  readonly cpuSamples: number[];
  readonly warmCpuSamples: number[];
}

const cpuMs = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1000;

/** `ask` runs every question twice; `onFirstPass` sees each first-pass result (the bot's run hashes them). */
export async function timeQuestions<T>(
  questions: readonly string[],
  ask: (question: string) => T | Promise<T>,
  onFirstPass: (result: T) => void = () => {},
): Promise<QuestionTimings> {
  const samples: number[] = [];
  // CPU time too: on a shared machine the wall clock counts the time other processes held the cores.
  const cpuSamples: number[] = [];
  for (const question of questions) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const result = await ask(question);
    samples.push(performance.now() - start);
    cpuSamples.push(cpuMs(process.cpuUsage(cpuStart)));
    onFirstPass(result);
  }
  // A second pass: the same questions once the code is compiled and the caches warm, as a long-running server answers.
  const warmCpuSamples: number[] = [];
  for (const question of questions) {
    const cpuStart = process.cpuUsage();
    await ask(question);
    warmCpuSamples.push(cpuMs(process.cpuUsage(cpuStart)));
  }
  return { samples, cpuSamples, warmCpuSamples };
}

/** The run's JSON line; `extra` adds what only one engine reports. */
export function printRun(marks: RunMarks, timings: QuestionTimings, extra: Record<string, unknown> = {}): void {
  console.log(
    JSON.stringify({
      importsMs: marks.importsDone - marks.processStart,
      kbLoadMs: marks.kbLoaded - marks.importsDone,
      indexMs: marks.ready - marks.kbLoaded,
      firstQuestionMs: timings.samples[0],
      startCpuMs: cpuMs(marks.readyCpu) + timings.cpuSamples[0],
      ...timings,
      ...extra,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
    }),
  );
}
