import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { FeedbackRecord, QuestionRecord } from '../../../../bot/index.js';
import { PostgresFeedbackStore, PostgresTurnGate } from '../../../../adapters/storage/index.js';
import { PostgresQuestionLogStore } from '../../../../adapters/storage/postgres/PostgresQuestionLogStore.js';
import { withLiterals, writeWithTurn } from '../../../../adapters/storage/postgres/turnCommitWrites.js';
import { describePostgres, twoInstancesPerTest } from './testDatabase.js';

describe('withLiterals', () => {
  it('writes each $n as a quoted literal, $10 apart from $1', () => {
    const params = ['it\'s', 2, true, null, new Date('2026-01-01T08:00:00.000Z'), ['a', 'b\'c'], 'x', 'y', 'z', 'ten'];
    expect(withLiterals('SELECT $1, $2::int, $3, $4, $5::timestamptz, $6, $10', params)).toBe(
      "SELECT 'it''s', 2::int, TRUE, NULL, '2026-01-01T08:00:00.000Z'::timestamptz, ARRAY['a', 'b''c']::text[], 'ten'",
    );
    expect(withLiterals('SELECT $1', ['back\\slash'])).toBe("SELECT  E'back\\\\slash'");
  });

  it('keeps a negative number from turning a minus sign before it into a comment', () => {
    expect(withLiterals('SELECT 1 -$1, $2', [-5, 0.5])).toBe('SELECT 1 -(-5), 0.5');
  });

  it('refuses a missing parameter and a number SQL cannot spell', () => {
    expect(() => withLiterals('SELECT $2', ['one'])).toThrow('$2 has no parameter');
    expect(() => withLiterals('SELECT $1', [Number.NaN])).toThrow('not a finite number');
  });
});

/** Records every round trip of the simple protocol (BEGIN, COMMIT, PREPARE) as its text, until `restore`. */
function recordSimpleQueries(): { sent: string[]; restore: () => void } {
  const sent: string[] = [];
  const original: unknown = Reflect.get(pg.Client.prototype, 'query');
  if (typeof original !== 'function') throw new Error('pg.Client has no query method');
  Reflect.set(pg.Client.prototype, 'query', function recorded(this: pg.Client, ...args: unknown[]): unknown {
    if (typeof args[0] === 'string') sent.push(args[0]);
    return Reflect.apply(original, this, args);
  });
  return { sent, restore: () => Reflect.set(pg.Client.prototype, 'query', original) };
}

describePostgres('writes sent with the turn\'s COMMIT', () => {
  const instances = twoInstancesPerTest();
  const vote = (question: string): FeedbackRecord & { kind: 'feedback'; voteKey: string } => ({
    kind: 'feedback', voteKey: `key ${question}`, time: '2026-01-01T08:00:00.000Z', channel: 'directline', userHash: 'u', conversationHash: 'c',
    question, answerId: 'e1', score: 0.93, rank: 1, kbVersion: 'kb1', helpful: true,
  });
  const question = (id: string, text: string): QuestionRecord => ({
    id, time: '2026-01-01T08:00:00.000Z', channel: 'directline', kbVersion: 'kb1', conversationHash: 'c', source: 'typed', text, facets: {}, decision: 'answer', candidates: [{ id: 'e1', score: 0.93 }],
  });

  it('commit a turn\'s vote and question with the turn: unseen by another instance while it runs, stored once it ends, byte for byte', async () => {
    const [db, otherDb] = instances().dbs;
    const gate = new PostgresTurnGate(db);
    const [feedback, questions] = [new PostgresFeedbackStore(db), new PostgresQuestionLogStore(db)];
    const [otherFeedback, otherQuestions] = [new PostgresFeedbackStore(otherDb), new PostgresQuestionLogStore(otherDb)];
    const text = 'L’ANS « garde » \\ les $1 et les \'quotes\' ? 🙂';
    let seenDuringTurn: unknown[] = [];
    await gate.run('conv', async () => {
      await feedback.recordFeedback(vote(text));
      await questions.recordQuestion(question('q1', text));
      await questions.recordEvent({ questionId: 'q1', time: '2026-01-01T08:00:05.000Z', kind: 'voted', entryId: 'e1', helpful: true, voteKey: `key ${text}` });
      seenDuringTurn = [...(await otherFeedback.list()), ...(await otherQuestions.list())];
    });
    expect(seenDuringTurn).toEqual([]);
    const { voteKey, ...stored } = vote(text);
    expect(voteKey).toBe(`key ${text}`);
    expect(await otherFeedback.list()).toEqual([stored]);
    expect((await otherQuestions.list()).map((each) => [each.id, each.text, each.events.map((e) => [e.kind, e.voteKey])])).toEqual([['q1', text, [['voted', `key ${text}`]]]]);
  });

  it('drop them with a turn that fails', async () => {
    const [db, otherDb] = instances().dbs;
    const gate = new PostgresTurnGate(db);
    await expect(gate.run('conv', async () => {
      await new PostgresFeedbackStore(db).recordFeedback(vote('lost'));
      await new PostgresQuestionLogStore(db).recordQuestion(question('q-lost', 'lost'));
      await new PostgresQuestionLogStore(db).recordEvent({ questionId: 'q-lost', time: '2026-01-01T08:00:05.000Z', kind: 'voted', entryId: 'e1', helpful: true, voteKey: 'key lost' });
      throw new Error('bot failed');
    })).rejects.toThrow('bot failed');
    expect(await new PostgresFeedbackStore(otherDb).list()).toEqual([]);
    expect(await new PostgresQuestionLogStore(otherDb).list()).toEqual([]);
  });

  it('send them in the COMMIT round trip, which a vote turns synchronous (acknowledged means on disk) and a question alone does not', async () => {
    const { dbs: [db] } = instances();
    const gate = new PostgresTurnGate(db);
    const { sent, restore } = recordSimpleQueries();
    try {
      await gate.run('conv', () => new PostgresQuestionLogStore(db).recordQuestion(question('q2', 'statistics only')));
      await gate.run('conv', async () => {
        await new PostgresFeedbackStore(db).recordFeedback(vote('durable'));
        await new PostgresQuestionLogStore(db).recordEvent({ questionId: 'q2', time: '2026-01-01T08:00:05.000Z', kind: 'voted', entryId: 'e1', helpful: true, voteKey: 'key durable' });
      });
    } finally {
      restore();
    }
    const commits = sent.filter((text) => text.endsWith('COMMIT'));
    expect(commits).toHaveLength(2);
    expect(commits[0]).toContain('INSERT INTO questions');
    expect(commits[0]).not.toContain('synchronous_commit');
    expect(commits[1]).toContain('INSERT INTO feedback_records');
    expect(commits[1]).toContain("set_config('synchronous_commit', 'on', true)");
    // The vote's question-log event shares that round trip: no statement of its own.
    expect(commits[1]).toContain('record_question_event');
    expect(sent.filter((text) => text.includes('record_question_event') && !text.startsWith('PREPARE'))).toHaveLength(1);
    const [logged] = await new PostgresQuestionLogStore(db).list();
    expect(logged.events).toEqual([{ questionId: 'q2', time: '2026-01-01T08:00:05.000Z', kind: 'voted', entryId: 'e1', helpful: true, voteKey: 'key durable' }]);
  });

  it('send them to statements the connection prepared after their first turn, with the same effect', async () => {
    const { dbs: [db, otherDb] } = instances();
    const gate = new PostgresTurnGate(db);
    const { sent, restore } = recordSimpleQueries();
    const text = 'L’ANS « garde » \\ les $1 et les \'quotes\' ? 🙂';
    try {
      for (const n of [1, 2, 3]) {
        await gate.run('conv', async () => {
          await new PostgresQuestionLogStore(db).recordQuestion(question(`q${n}`, `${text} ${n}`));
          await new PostgresFeedbackStore(db).recordFeedback(vote(`${text} ${n}`));
          // PostgreSQL cannot prepare this one (the type of $1 is unknown): it keeps going as literals.
          await writeWithTurn(db, 'test', 'SELECT $1 IS NULL', [`${n}`]);
        });
      }
    } finally {
      restore();
    }
    const commits = sent.filter((each) => each.endsWith('COMMIT'));
    expect(commits).toHaveLength(3);
    expect(commits[0]).toMatch(/^\s*INSERT INTO questions .*INSERT INTO feedback_records .*; SELECT '1' IS NULL; COMMIT$/s);
    // Once each, after the first turn (the refused one included).
    expect(sent.filter((each) => each.startsWith('PREPARE')).map((each) => /^PREPARE t\d+ AS\s+(INSERT INTO \w+|SELECT \$1 IS NULL)/.exec(each)?.[1])).toEqual([
      'INSERT INTO questions', 'INSERT INTO feedback_records', 'SELECT $1 IS NULL',
    ]);
    for (const commit of commits.slice(1)) expect(commit).toMatch(/^EXECUTE t\d+\(.*\); EXECUTE t\d+\(.*\); SELECT '\d' IS NULL; COMMIT$/s);
    const { voteKey: _key, ...stored } = vote(`${text} 3`);
    expect(await new PostgresFeedbackStore(otherDb).list()).toContainEqual(stored);
    expect((await new PostgresQuestionLogStore(otherDb).list()).map((each) => each.text).sort()).toEqual([1, 2, 3].map((n) => `${text} ${n}`));
  });

  it('go as literals again, and are prepared anew, after the connection lost its prepared statements (a pooler reset it)', async () => {
    const { dbs: [db] } = instances();
    const gate = new PostgresTurnGate(db);
    const record = (n: number, reset = false): Promise<void> => gate.run('conv', async () => {
      // The lock connection's prepared statements are dropped, as DISCARD ALL by a pooler would.
      if (reset) await db.turnScoped.query('test', 'DEALLOCATE ALL');
      await new PostgresQuestionLogStore(db).recordQuestion(question(`q${n}`, `question ${n}`));
    });
    await record(1);
    await record(2);
    await expect(record(3, true)).rejects.toThrow();
    await record(4);
    await record(5);
    expect((await new PostgresQuestionLogStore(db).list()).map((each) => each.id).sort()).toEqual(['q1', 'q2', 'q4', 'q5']);
  });
});
