import pg from 'pg';
import { readFileSync } from 'node:fs';
import { createTestSchema } from '/work/wt/inst9/test/adapters/storage/postgres/testDatabase.js';
import { PostgresDatabase } from '/work/wt/inst9/adapters/storage/index.js';
import { APPEND_SQL } from '/work/wt/inst9/adapters/storage/postgres/directLineSql.js';
const schema = await createTestSchema(1, 'postgres://postgres@127.0.0.1:5432/test');
const db = await PostgresDatabase.create(schema.config, { info() {}, warn() {} });
const client = new pg.Client({ connectionString: schema.config.url, options: `-c search_path=${schema.config.schema} -c synchronous_commit=off` });
await client.connect();
const listener = new pg.Client({ connectionString: schema.config.url }); await listener.connect(); await listener.query('LISTEN dl_x');
const pid = (await client.query('select pg_backend_pid() as p')).rows[0].p;
const cpu = () => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const act = JSON.stringify({ type: 'message', text: 'hello '.repeat(200), id: 'c|0000000' });
const variants: Record<string, string> = {
  full: APPEND_SQL,
  nonotify: APPEND_SQL.replace(/pg_notify\(\$7, CASE.*END\),/, "$7::text, $8::text, $10::boolean,"),
  plain: `WITH b AS (UPDATE dl_conversations SET next_seq = next_seq + 1 WHERE id = $1 RETURNING next_seq - 1 AS seq) INSERT INTO dl_activities (conversation_id, seq, activity, bytes) SELECT $1, seq, $3::text::jsonb, $4 FROM b RETURNING seq, $2::timestamptz, $5::int, $6::int, $7::text, $8::text, $9::text, $10::boolean`,
};
for (const round of [1, 2]) for (const [name, text] of Object.entries(variants)) {
  const c0 = cpu(); const t0 = performance.now();
  for (let k = 0; k < 40; k++) {
    const id = `c${name}${round}${k}`;
    await client.query(`INSERT INTO dl_conversations (id, user_id, next_seq, last_active, kept_bytes) VALUES ('${id}', 'u', 0, now(), 0)`);
    for (let i = 0; i < 45; i++) await client.query({ name, text, values: [id, new Date(), act, act.length, 512 * 1024, 500, 'dl_x', 'o', null, true] });
  }
  console.log(name, 'ms cpu each', ((cpu() - c0) / 1800).toFixed(3), 'wall each', ((performance.now() - t0) / 1800).toFixed(3));
}
await client.end(); await listener.end(); await db.close(); await schema.drop();
