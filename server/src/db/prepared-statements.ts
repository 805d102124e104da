import type { DataSource, EntityManager } from 'typeorm';

/**
 * Named prepared statements for the hot paths. pg's default (unnamed) statements are parsed and planned on
 * every call, which on the benchmark costs PostgreSQL about two thirds of its throughput; a named statement is
 * planned once per connection. Off for the embedded PGlite: it is one backend shared by every socket
 * connection, so per-connection statement names would collide.
 */
const enabledFor = new WeakMap<DataSource, boolean>();

export function usePreparedStatements(dataSource: DataSource, enabled: boolean): void {
  enabledFor.set(dataSource, enabled);
}

interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: any[] }>;
}

/** Runs `text` on the transaction's connection as the named statement `name` (falls back to a plain query). */
export async function queryPrepared<Row = any>(manager: EntityManager, name: string, text: string, values: unknown[]): Promise<Row[]> {
  const runner = manager.queryRunner;
  if (!runner || !enabledFor.get(manager.connection)) {
    const result = await manager.query(text, values);
    // TypeORM answers UPDATE/DELETE … RETURNING as [rows, count]; everything here wants the rows.
    return (Array.isArray(result) && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : result) as Row[];
  }
  const client = (await runner.connect()) as PgClient;
  const result = await client.query({ name, text, values });
  return result.rows as Row[];
}
