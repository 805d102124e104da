import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** postgres:// URL on a loopback port, for the ordinary `pg` driver. */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL compiled to WebAssembly (PGlite), served over the wire protocol on 127.0.0.1 so the
 * rest of Tollgate talks to it exactly as to a real server. Data lives in `dataDir` and survives restarts;
 * pass `undefined` for an in-memory database.
 */
export async function startEmbeddedPostgres(dataDir: string | undefined, port = 0): Promise<EmbeddedPostgres> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  // PGlite is one backend; the socket server multiplexes connections and keeps a transaction's
  // statements together, so a small pool is safe.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 32 });
  keepExtendedQueriesWhole(server);
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgres://postgres@${address}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

/** Extended-query messages that a Sync (or Flush) completes: Parse, Bind, Describe, Execute, Close. */
const EXTENDED_QUERY_PARTS = new Set(['P', 'B', 'D', 'E', 'C'].map((letter) => letter.charCodeAt(0)));

type Enqueue = (handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void) => Promise<number>;

/**
 * pglite-socket (0.2.x) hands PGlite's one backend each connection's protocol messages one at a time and keeps a
 * connection's messages together only inside a transaction. Another connection's statements could therefore run
 * between an autocommit query's Parse and its Bind: the query then failed ("unnamed prepared statement does not
 * exist"), stalled, or bound another connection's statement. Here a connection's Parse…Sync goes to the backend
 * as one unit (PGlite takes several messages in one call).
 */
function keepExtendedQueriesWhole(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue?: { enqueue: Enqueue; clearQueueForHandler(handlerId: number): void } }).queryQueue;
  if (!queue || typeof queue.enqueue !== 'function' || typeof queue.clearQueueForHandler !== 'function') {
    throw new Error('@electric-sql/pglite-socket changed its query queue: check keepExtendedQueriesWhole');
  }
  const unfinished = new Map<number, Uint8Array[]>();
  const enqueue = queue.enqueue.bind(queue);
  queue.enqueue = (handlerId, message, onData) => {
    const parts = unfinished.get(handlerId);
    if (EXTENDED_QUERY_PARTS.has(message[0]!)) {
      if (parts) parts.push(message);
      else unfinished.set(handlerId, [message]);
      return Promise.resolve(0); // answered with the unit, when its Sync comes
    }
    if (!parts) return enqueue(handlerId, message, onData);
    unfinished.delete(handlerId);
    return enqueue(handlerId, new Uint8Array(Buffer.concat([...parts, message])), onData);
  };
  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId) => {
    unfinished.delete(handlerId);
    clear(handlerId);
  };
}
