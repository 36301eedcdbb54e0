/**
 * What every QuestionLogStore must do, whatever engine it runs on (SQLite
 * today, PostgreSQL for several instances): an implementation's test file calls
 * `questionLogStoreContract(name, factory)` with a factory that opens an empty
 * store. Days are Europe/Paris days.
 */
import { describe, expect, it } from 'vitest';
import type { LoggedQuestion, QuestionEvent, QuestionFilter, QuestionLogStore, QuestionRecord } from '../../../bot/index.js';
import { disposedAfterEach } from '../helpers/disposedAfterEach.js';

/** One empty store, a way to open its data again, and the clean-up. */
export interface QuestionLogContractSubject {
  readonly store: QuestionLogStore;
  /** A new store over the same data (the first one is closed before). */
  reopen(): Promise<QuestionLogStore>;
  dispose(): Promise<void>;
}

export type QuestionLogContractFactory = () => Promise<QuestionLogContractSubject>;

let next = 0;
function question(time: string, extra: Partial<QuestionRecord> = {}): QuestionRecord {
  next += 1;
  return {
    id: `q${next}`, time, channel: 'webchat', kbVersion: 'kb1', conversationHash: 'c'.repeat(32), source: 'typed',
    text: 'Le référencement est-il obligatoire ?', facets: { offer: 'msante' }, decision: 'answer',
    candidates: [{ id: 'entry-a', score: 0.81 }, { id: 'entry-b', score: 0.4 }], ...extra,
  };
}

const event = (questionId: string, time: string, kind: QuestionEvent['kind'], extra: Partial<QuestionEvent> = {}): QuestionEvent => ({
  questionId, time, kind, ...extra,
});

export function questionLogStoreContract(name: string, factory: QuestionLogContractFactory): void {
  describe(`QuestionLogStore contract: ${name}`, () => {
    const open = disposedAfterEach(factory);

    it('starts empty', async () => {
      const { store } = await open();
      expect(await store.list()).toEqual([]);
      expect(await store.dailyCounts()).toEqual([]);
      expect(await store.entryCounts()).toEqual([]);
      expect(await store.dimensions()).toEqual({ channels: [], kbVersions: [] });
      await store.close();
    });

    it('gives back a question as recorded, with its events in order, newest question first', async () => {
      const { store } = await open();
      const first = question('2026-03-01T09:00:00.000Z', { decision: 'clarify', facets: {} });
      const second = question('2026-03-01T09:01:00.000Z', { source: 'triage', text: 'offer=innovation', decision: 'empty', candidates: [], facets: { theme: 'x', offer: 'innovation' } });
      await store.recordQuestion(first);
      await store.recordQuestion(second);
      await store.recordEvent(event(first.id, '2026-03-01T09:00:10.000Z', 'clicked', { entryId: 'entry-b' }));
      await store.recordEvent(event(first.id, '2026-03-01T09:00:20.000Z', 'voted', { entryId: 'entry-b', helpful: true, voteKey: 'v1' }));
      const [newest, oldest] = await store.list();
      expect(newest).toEqual({ ...second, events: [] });
      expect(Object.keys(newest.facets)).toEqual(['theme', 'offer']);
      expect(oldest).toEqual({
        ...first,
        events: [
          { questionId: first.id, time: '2026-03-01T09:00:10.000Z', kind: 'clicked', entryId: 'entry-b' },
          { questionId: first.id, time: '2026-03-01T09:00:20.000Z', kind: 'voted', entryId: 'entry-b', helpful: true, voteKey: 'v1' },
        ],
      });
      await store.close();
    });

    it('ignores an event about an unknown question', async () => {
      const { store } = await open();
      const known = question('2026-03-01T08:00:00.000Z');
      await store.recordQuestion(known);
      await store.recordEvent(event('missing', '2026-03-01T09:00:00.000Z', 'voted', { entryId: 'entry-a', helpful: true, voteKey: 'v-missing' }));
      await store.recordEvent({ time: '2026-03-01T09:00:00.000Z', kind: 'commented', voteKey: 'nobody', comment: 'x' });
      expect(await store.list()).toEqual([{ ...known, events: [] }]);
      expect((await store.dailyCounts())[0]).toMatchObject({ questions: 1, up: 0, down: 0 });
      expect((await store.entryCounts()).map((each) => each.up + each.down + each.comments)).toEqual([0]);
      await store.close();
    });

    it('keeps one vote per vote key (the last choice), and ties a comment to its vote by the key', async () => {
      const { store } = await open();
      const asked = question('2026-03-02T10:00:00.000Z');
      await store.recordQuestion(asked);
      await store.recordEvent(event(asked.id, '2026-03-02T10:00:05.000Z', 'voted', { entryId: 'entry-a', helpful: true, voteKey: 'k' }));
      await store.recordEvent(event(asked.id, '2026-03-02T10:00:06.000Z', 'voted', { entryId: 'entry-a', helpful: false, voteKey: 'k' }));
      await store.recordEvent({ time: '2026-03-02T10:00:30.000Z', kind: 'commented', voteKey: 'k', comment: 'Il manque la date' });
      const [logged] = await store.list();
      expect(logged.events.map((e) => [e.kind, e.helpful, e.entryId, e.comment])).toEqual([
        ['voted', false, 'entry-a', undefined],
        ['commented', undefined, 'entry-a', 'Il manque la date'],
      ]);
      expect(await store.entryCounts()).toEqual([{ entryId: 'entry-a', shown: 1, up: 0, down: 1, comments: 1 }]);
      expect((await store.dailyCounts())[0]).toMatchObject({ up: 0, down: 1 });
      await store.close();
    });

    it('counts per Europe/Paris day, channel and KB version: decisions and last votes', async () => {
      const { store } = await open();
      // 23:30 UTC on 31 March is 01:30 on 1 April in Paris (summer time).
      const late = question('2026-03-31T23:30:00.000Z', { decision: 'none', candidates: [] });
      const answered = question('2026-04-01T08:00:00.000Z');
      const listed = question('2026-04-01T08:05:00.000Z', { source: 'triage', decision: 'list' });
      const teams = question('2026-04-01T09:00:00.000Z', { channel: 'msteams', decision: 'clarify' });
      const older = question('2026-03-31T10:00:00.000Z', { kbVersion: 'kb0', decision: 'empty', candidates: [] });
      for (const q of [late, answered, listed, teams, older]) await store.recordQuestion(q);
      await store.recordEvent(event(answered.id, '2026-04-01T08:00:10.000Z', 'voted', { entryId: 'entry-a', helpful: true, voteKey: 'a' }));
      expect(await store.dailyCounts()).toEqual([
        { day: '2026-03-31', channel: 'webchat', kbVersion: 'kb0', questions: 1, answered: 0, clarified: 0, declined: 1, up: 0, down: 0 },
        { day: '2026-04-01', channel: 'msteams', kbVersion: 'kb1', questions: 1, answered: 0, clarified: 1, declined: 0, up: 0, down: 0 },
        { day: '2026-04-01', channel: 'webchat', kbVersion: 'kb1', questions: 3, answered: 1, clarified: 1, declined: 1, up: 1, down: 0 },
      ]);
      expect(await store.dailyCounts({ fromDay: '2026-04-01', channel: 'webchat' })).toHaveLength(1);
      expect(await store.dailyCounts({ toDay: '2026-03-31' })).toHaveLength(1);
      expect(await store.dailyCounts({ kbVersion: 'kb0' })).toHaveLength(1);
      expect((await store.list({ decisions: ['none', 'empty'] })).map((q) => q.id)).toEqual([late.id, older.id]);
      expect((await store.list({}, 2)).map((q) => q.id)).toEqual([teams.id, listed.id]);
      expect(await store.dimensions()).toEqual({ channels: ['msteams', 'webchat'], kbVersions: ['kb0', 'kb1'] });
      await store.close();
    });

    it('counts an entry as shown when it was the answer or a clicked candidate', async () => {
      const { store } = await open();
      const clarified = question('2026-04-02T08:00:00.000Z', { decision: 'clarify' });
      await store.recordQuestion(question('2026-04-02T07:00:00.000Z'));
      await store.recordQuestion(clarified);
      await store.recordEvent(event(clarified.id, '2026-04-02T08:00:05.000Z', 'clicked', { entryId: 'entry-b' }));
      await store.recordEvent(event(clarified.id, '2026-04-02T08:00:09.000Z', 'voted', { entryId: 'entry-b', helpful: true, voteKey: 'b' }));
      expect(await store.entryCounts()).toEqual([
        { entryId: 'entry-a', shown: 1, up: 0, down: 0, comments: 0 },
        { entryId: 'entry-b', shown: 1, up: 1, down: 0, comments: 0 },
      ]);
      expect(await store.entryCounts({ fromDay: '2026-04-03' })).toEqual([]);
      await store.close();
    });

    it('purges the free text of questions older than the cut-off, keeping the rest and the counts', async () => {
      const { store } = await open();
      const old = question('2026-01-01T08:00:00.000Z');
      const recent = question('2026-06-01T08:00:00.000Z');
      await store.recordQuestion(old);
      await store.recordQuestion(recent);
      await store.recordEvent(event(old.id, '2026-01-01T08:00:05.000Z', 'voted', { entryId: 'entry-a', helpful: false, voteKey: 'o' }));
      await store.recordEvent({ time: '2026-01-01T08:00:09.000Z', kind: 'commented', voteKey: 'o', comment: 'mon numéro est 06…' });
      expect(await store.purgeText('2026-03-01T00:00:00.000Z')).toBe(1);
      expect(await store.purgeText('2026-03-01T00:00:00.000Z')).toBe(0);
      const [kept, purged] = await store.list();
      expect(kept.text).toBe(recent.text);
      expect(purged.text).toBe('');
      expect(purged.events.map((e) => e.comment)).toEqual([undefined, undefined]);
      expect(await store.entryCounts()).toEqual([{ entryId: 'entry-a', shown: 2, up: 0, down: 1, comments: 1 }]);
      await store.close();
    });

    it('filters by source, by unanswered (declined, dead ends, lists refused) and by follow-up', async () => {
      const { store } = await open();
      const declined = question('2026-04-05T08:00:00.000Z', { decision: 'none', candidates: [] });
      const refused = question('2026-04-05T08:01:00.000Z', { decision: 'clarify' });
      const picked = question('2026-04-05T08:02:00.000Z', { decision: 'clarify' });
      const deadEnd = question('2026-04-05T08:03:00.000Z', { source: 'triage', text: 'offer=x', decision: 'empty', candidates: [] });
      const answered = question('2026-04-05T08:04:00.000Z');
      for (const q of [declined, refused, picked, deadEnd, answered]) await store.recordQuestion(q);
      await store.recordEvent(event(refused.id, '2026-04-05T08:01:10.000Z', 'rejected'));
      await store.recordEvent(event(picked.id, '2026-04-05T08:02:10.000Z', 'clicked', { entryId: 'entry-b' }));
      await store.recordEvent(event(answered.id, '2026-04-05T08:04:10.000Z', 'voted', { entryId: 'entry-a', helpful: true, voteKey: 'f' }));
      const ids = async (filter: QuestionFilter): Promise<string[]> => (await store.list(filter)).map((q) => q.id);
      expect(await ids({ unanswered: true })).toEqual([deadEnd.id, refused.id, declined.id]);
      expect(await ids({ unanswered: true, source: 'typed' })).toEqual([refused.id, declined.id]);
      expect(await ids({ source: 'triage' })).toEqual([deadEnd.id]);
      expect(await ids({ followedBy: ['clicked', 'voted'] })).toEqual([answered.id, picked.id]);
      expect(await ids({ followedBy: ['clicked'], decisions: ['clarify'], source: 'typed' })).toEqual([picked.id]);
      expect(await ids({ followedBy: [] })).toEqual([]);
      await store.close();
    });

    it('counts distinct texts, most asked first, leaving purged (empty) texts out', async () => {
      const { store } = await open();
      const texts = ['Où est le DMP ?', 'Tarif ?', 'Où est le DMP ?', 'Tarif ?', 'Où est le DMP ?', 'Autre', ''];
      for (const [i, text] of texts.entries()) await store.recordQuestion(question(`2026-04-06T08:0${i}:00.000Z`, { text, decision: 'none' }));
      await store.recordQuestion(question('2026-04-07T08:00:00.000Z', { text: 'Autre', decision: 'answer' }));
      expect(await store.textCounts({ decisions: ['none'] }, 10)).toEqual([
        { text: 'Où est le DMP ?', count: 3 },
        { text: 'Tarif ?', count: 2 },
        { text: 'Autre', count: 1 },
      ]);
      expect(await store.textCounts({}, 2)).toEqual([{ text: 'Où est le DMP ?', count: 3 }, { text: 'Autre', count: 2 }]);
      expect(await store.textCounts({ fromDay: '2026-04-07' }, 10)).toEqual([{ text: 'Autre', count: 1 }]);
      await store.close();
    });

    it('counts, per click, the other entries the question offered', async () => {
      const { store } = await open();
      const three = [{ id: 'entry-a' }, { id: 'entry-b', score: 0.5 }, { id: 'entry-c' }];
      const first = question('2026-04-08T08:00:00.000Z', { decision: 'clarify', candidates: three });
      const second = question('2026-04-08T09:00:00.000Z', { decision: 'clarify', candidates: three });
      const later = question('2026-04-09T09:00:00.000Z', { source: 'triage', decision: 'list', candidates: three });
      for (const q of [first, second, later]) await store.recordQuestion(q);
      await store.recordEvent(event(first.id, '2026-04-08T08:00:10.000Z', 'clicked', { entryId: 'entry-b' }));
      await store.recordEvent(event(second.id, '2026-04-08T09:00:10.000Z', 'clicked', { entryId: 'entry-b' }));
      await store.recordEvent(event(second.id, '2026-04-08T09:00:20.000Z', 'voted', { entryId: 'entry-b', helpful: true, voteKey: 'p' }));
      await store.recordEvent(event(later.id, '2026-04-09T09:00:10.000Z', 'clicked', { entryId: 'entry-a' }));
      expect(await store.pickCounts()).toEqual([
        { picked: 'entry-a', offered: 'entry-b', times: 1 },
        { picked: 'entry-a', offered: 'entry-c', times: 1 },
        { picked: 'entry-b', offered: 'entry-a', times: 2 },
        { picked: 'entry-b', offered: 'entry-c', times: 2 },
      ]);
      expect(await store.pickCounts({ toDay: '2026-04-08', source: 'typed' })).toEqual([
        { picked: 'entry-b', offered: 'entry-a', times: 2 },
        { picked: 'entry-b', offered: 'entry-c', times: 2 },
      ]);
      await store.close();
    });

    it('scans every matching question in pages, in list order, ties on time included', async () => {
      const { store } = await open();
      const asked = Array.from({ length: 7 }, (_, i) => question(`2026-04-10T08:00:0${Math.floor(i / 2)}.000Z`, { decision: i === 3 ? 'none' : 'answer' }));
      for (const q of asked) await store.recordQuestion(q);
      await store.recordEvent(event(asked[0].id, '2026-04-10T08:01:00.000Z', 'rephrased'));
      const pages: LoggedQuestion[][] = [];
      for await (const page of store.scan({}, 3)) pages.push(page);
      expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
      expect(pages.flat()).toEqual(await store.list({}, 100));
      expect(pages.flat().at(-1)?.events.map((e) => e.kind)).toEqual(['rephrased']);
      const declined: LoggedQuestion[][] = [];
      for await (const page of store.scan({ decisions: ['none'] }, 3)) declined.push(page);
      expect(declined.flat().map((q) => q.id)).toEqual([asked[3].id]);
      const none: LoggedQuestion[][] = [];
      for await (const page of store.scan({ fromDay: '2030-01-01' })) none.push(page);
      expect(none).toEqual([]);
      await store.close();
    });

    it('keeps everything when opened again, and closing twice is harmless', async () => {
      const subject = await open();
      const asked = question('2026-05-01T08:00:00.000Z');
      await subject.store.recordQuestion(asked);
      await subject.store.close();
      await subject.store.close();
      const again = await subject.reopen();
      expect(await again.list()).toEqual([{ ...asked, events: [] }]);
      await again.close();
    });
  });
}
