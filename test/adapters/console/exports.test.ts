import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendCsv } from '../../../adapters/console/consoleHttp.js';
import { toCsv, type CsvValue } from '../../../adapters/console/csv.js';
import { questionsExport, unansweredExport, type CsvExport } from '../../../adapters/console/exports.js';
import { SqliteQuestionLogStore } from '../../../adapters/storage/SqliteQuestionLogStore.js';
import type { QuestionRecord } from '../../../bot/index.js';

const asked = (i: number, extra: Partial<QuestionRecord> = {}): QuestionRecord => ({
  id: `q${i}`, time: `2026-05-0${i}T08:00:00.000Z`, channel: 'webchat', kbVersion: 'kb1', conversationHash: `c${i}`, source: 'typed',
  text: `Question ${i} ; « citée »`, facets: {}, decision: 'answer', candidates: [{ id: 'entry-a', score: 0.8 }], ...extra,
});

async function rowsOf(csv: CsvExport): Promise<{ batches: number; rows: (readonly CsvValue[])[] }> {
  const rows: (readonly CsvValue[])[] = [];
  let batches = 0;
  for await (const batch of csv.batches) {
    batches += 1;
    rows.push(...batch);
  }
  return { batches, rows };
}

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server whose only route streams `csv`; resolves with its URL and the error sendCsv threw, if any. */
async function serve(csv: () => CsvExport): Promise<{ url: string; failure: Promise<unknown> }> {
  let report: (error: unknown) => void = () => undefined;
  const failure = new Promise<unknown>((resolve) => (report = resolve));
  server = createServer((_req, res) => void sendCsv(res, 'x.csv', csv()).then(() => report(undefined), report));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, failure };
}

describe('CSV exports, streamed page by page', () => {
  it('reads the whole log in pages, newest first, and the unanswered questions through the store filter', async () => {
    const store = await SqliteQuestionLogStore.create(':memory:');
    await store.recordBatch([asked(1), asked(2, { decision: 'none', candidates: [] }), asked(3), asked(4, { decision: 'clarify' }), asked(5)], []);
    await store.recordEvent({ questionId: 'q4', time: '2026-05-04T08:00:05.000Z', kind: 'rejected' });
    const all = await rowsOf(questionsExport(store, 2));
    expect(all.batches).toBe(3);
    expect(all.rows.map((row) => row[5])).toEqual([5, 4, 3, 2, 1].map((i) => `Question ${i} ; « citée »`));
    const unanswered = await rowsOf(unansweredExport(store, 2));
    expect(unanswered.rows.map((row) => [row[2], row[3], row[5]])).toEqual([
      ['Question 4 ; « citée »', 'clarify', 'rejected'],
      ['Question 2 ; « citée »', 'none', ''],
    ]);
    await store.close();
  });

  it('sends exactly what toCsv would build, BOM and header first', async () => {
    const store = await SqliteQuestionLogStore.create(':memory:');
    await store.recordBatch([1, 2, 3].map((i) => asked(i)), []);
    const { url, failure } = await serve(() => questionsExport(store, 2));
    const response = await fetch(url);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const expected = await rowsOf(questionsExport(store, 100));
    expect(text).toBe(toCsv(questionsExport(store).header, expected.rows));
    expect(await failure).toBeUndefined();
    await store.close();
  });

  it('cuts the download when the store fails midway, and reports the failure', async () => {
    async function* failing(): AsyncIterable<(readonly CsvValue[])[]> {
      yield [['première ligne']];
      throw new Error('disk I/O error');
    }
    const { url, failure } = await serve(() => ({ header: ['a'], batches: failing() }));
    await expect(fetch(url).then((response) => response.text())).rejects.toThrow();
    const error = await failure;
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/sendCsv: the export of x\.csv failed midway/);
    expect(((error as Error).cause as Error).message).toBe('disk I/O error');
  });
});
