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

/** A named prepared statement with its parameters, built before anything is sent. */
export interface PreparedStatement {
  name: string;
  text: string;
  values: unknown[];
}

interface PgClient {
  query(config: PreparedStatement): Promise<{ rows: any[] }>;
}

/** The pg client a transaction's runner already holds (undefined before it connected). */
export function connectedClientOf(manager: EntityManager): PgClient | undefined {
  return (manager.queryRunner as unknown as { databaseConnection?: PgClient } | undefined)?.databaseConnection;
}

/** Runs `text` on the transaction's connection as the named statement `name` (falls back to a plain query). */
export async function queryPrepared<Row = any>(manager: EntityManager, name: string, text: string, values: unknown[]): Promise<Row[]> {
  const runner = manager.queryRunner;
  if (!runner || !enabledFor.get(manager.connection)) {
    const result = await manager.query(text, values);
    // TypeORM answers UPDATE/DELETE … RETURNING as [rows, count]; everything here wants the rows.
    return (Array.isArray(result) && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : result) as Row[];
  }
  // Connected already (inside a transaction): the statement is written now, in call order (see together()).
  const client = (connectedClientOf(manager) ?? (await runner.connect())) as PgClient;
  const result = await client.query({ name, text, values: withArrayLiterals(values) });
  return result.rows as Row[];
}

/** The statement with its arrays of plain values already written as PostgreSQL array literals (see arrayLiteral). */
export function withArrayLiterals(values: unknown[]): unknown[] {
  let converted: unknown[] | undefined;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (!Array.isArray(value)) continue;
    const literal = arrayLiteral(value);
    if (literal === null) continue;
    converted ??= values.slice();
    converted[i] = literal;
  }
  return converted ?? values;
}

const NEEDS_ESCAPE = /["\\]/;

/**
 * The array literal for an array of strings none of which needs escaping, or of finite numbers and booleans, built
 * with one join; null for anything else (nulls, dates, objects), which pg then writes itself. pg writes every
 * element as its own quoted, escaped string (two regex replaces and several string pieces each): the metering
 * groups' arrays were the largest single source of what the hot path allocated (8 %).
 */
export function arrayLiteral(values: readonly unknown[]): string | null {
  if (values.length === 0) return '{}';
  const first = values[0];
  if (typeof first === 'string') {
    for (const value of values) if (typeof value !== 'string' || NEEDS_ESCAPE.test(value)) return null;
    return `{"${values.join('","')}"}`;
  }
  for (const value of values) {
    if (typeof value === 'boolean') continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  }
  return `{${values.join(',')}}`;
}

/** queryPrepared for a statement built beforehand. */
export function runStatement<Row = any>(manager: EntityManager, statement: PreparedStatement): Promise<Row[]> {
  return queryPrepared<Row>(manager, statement.name, statement.text, statement.values);
}

/** Whether the connection pool writes queries without waiting for earlier answers (DataSourceOptions.pipeline). */
export function isPipelined(dataSource: DataSource): boolean {
  const pool = (dataSource.driver as unknown as { master?: { options?: { pipeline?: boolean } } }).master;
  return pool?.options?.pipeline === true;
}

/**
 * Runs statements that do not depend on each other's answers: in one flight on a pipelined connection (they
 * still execute one after another, in this order: each work must write its first statement before its first
 * await, as queryPrepared does inside a transaction), otherwise one after another.
 */
export async function together<T extends readonly unknown[]>(manager: EntityManager, ...works: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  if (isPipelined(manager.connection)) {
    return (await Promise.all(inOneWrite(connectedClientOf(manager), () => works.map((work) => work())))) as unknown as T;
  }
  const results: unknown[] = [];
  for (const work of works) results.push(await work());
  return results as unknown as T;
}

/**
 * Runs `issue`, which writes statements on a pg client before its first await, and sends all it wrote as one
 * write to the socket instead of one per statement (pg corks each statement's messages, not a flight of them).
 * A socket write is a system call on the server's one thread and a wake-up of PostgreSQL's backend; counted with
 * strace on the bench's hot organization, a group's writes to PostgreSQL went from ~8 to ~2 with this (one per
 * flight). Statements written after an await go as they come.
 */
export function inOneWrite<T>(client: unknown, issue: () => T): T {
  const send = holdWrites(client);
  try {
    return issue();
  } finally {
    send();
  }
}

/**
 * Holds what is written on a pg client's socket until the returned function is called (see inOneWrite). Holds
 * nest, pg's own per statement included: the writes go out at the outermost release.
 */
export function holdWrites(client: unknown): () => void {
  const stream = (client as { connection?: { stream?: { cork?: () => void; uncork?: () => void } } } | undefined)?.connection?.stream;
  if (!stream?.cork || !stream.uncork) return () => undefined;
  stream.cork();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    stream.uncork!();
  };
}
