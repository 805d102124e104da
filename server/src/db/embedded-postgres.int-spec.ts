import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';

/** PGlite cannot start inside Jest's VM (dynamic import): the built module runs in a process of its own. */
const BUILT = path.resolve(__dirname, '../../dist/db/embedded-postgres.js');

function startEmbeddedProcess(): Promise<{ url: string; child: ChildProcess }> {
  const script = `require(${JSON.stringify(BUILT)}).startEmbeddedPostgres(undefined).then((e) => console.log(e.url))`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve({ url: chunk.toString().trim(), child }));
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited with ${code}`)));
  });
}

/**
 * The embedded PostgreSQL is one PGlite backend behind a socket server that many pooled connections share. Each
 * connection's statements must reach it whole: an unnamed statement parsed by one connection must not be replaced
 * by another connection's between its Parse, Bind and Execute (that gave "unnamed prepared statement does not
 * exist", or another connection's query run with these parameters).
 */
describe('embedded PostgreSQL shared by concurrent connections', () => {
  let embedded: { url: string; child: ChildProcess };
  let clients: Client[];

  beforeAll(async () => {
    embedded = await startEmbeddedProcess();
    clients = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const client = new Client({ connectionString: embedded.url });
        await client.connect();
        return client;
      }),
    );
  });
  afterAll(async () => {
    await Promise.all((clients ?? []).map((c) => c.end()));
    embedded?.child.kill();
  });

  it('answers every connection its own statements, with its own parameters, while others run transactions', async () => {
    const wrong: string[] = [];
    await Promise.all(
      clients.map(async (client, c) => {
        for (let i = 0; i < 150; i += 1) {
          // Half the connections wrap their statement in a transaction (as services do); the rest autocommit.
          const transaction = c % 2 === 0;
          try {
            if (transaction) await client.query('BEGIN');
            // A different text per connection: each is its own unnamed statement.
            const { rows } = await client.query(`SELECT $1::int * 1000 + ${c} AS v, $2::text AS tag`, [i, `c${c}`]);
            if (transaction) await client.query('COMMIT');
            if (rows[0].v !== i * 1000 + c || rows[0].tag !== `c${c}`) wrong.push(`${c}/${i}: ${JSON.stringify(rows[0])}`);
          } catch (error) {
            wrong.push(`${c}/${i}: ${(error as Error).message}`);
            if (transaction) await client.query('ROLLBACK').catch(() => undefined);
          }
        }
      }),
    );
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('still keeps an open transaction to its own connection', async () => {
    const [a, b] = clients as [Client, Client];
    await a.query('CREATE TABLE IF NOT EXISTS t (v int)');
    await a.query('BEGIN');
    await a.query('INSERT INTO t VALUES (1)');
    const outside = b.query('SELECT count(*)::int AS n FROM t');
    await a.query('ROLLBACK');
    expect((await outside).rows[0].n).toBe(0);
  });
});
