import net from 'node:net';
import type { EntityManager } from 'typeorm';
import { startTestApp, type TestApp } from '../../test/support/test-app';
import { signUpOwner } from '../../test/support/factories';
import { lastFlightWithCommit } from './database';
import { connectedClientOf, inOneWrite, isPipelined, queryPrepared, together } from './prepared-statements';

const INSERT_COUNTER_SQL = `INSERT INTO usage_counters (organization_id, feature_key, window_start, used) VALUES ($1, 'messages', $2, 7)`;

/** Counts what reaches the sockets to PostgreSQL: each call of _write/_writev is one write to the kernel. */
function countSocketWrites() {
  const proto = net.Socket.prototype as unknown as Record<'_write' | '_writev', (this: net.Socket, ...args: unknown[]) => unknown>;
  const originals = { _write: proto._write, _writev: proto._writev };
  const writes: Array<{ chunks: number }> = [];
  proto._write = function (this: net.Socket, ...args: unknown[]) {
    if (this.remotePort === 5432) writes.push({ chunks: 1 });
    return originals._write.apply(this, args);
  };
  proto._writev = function (this: net.Socket, ...args: unknown[]) {
    if (this.remotePort === 5432) writes.push({ chunks: (args[0] as unknown[]).length });
    return originals._writev.apply(this, args);
  };
  return {
    writes,
    restore: () => Object.assign(proto, originals),
  };
}

describe('flights leave in one socket write', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const select = (m: EntityManager, name: string) => () => queryPrepared(m, name, `SELECT 1 AS one`, []);

  it('sends a group’s BEGIN, scope and first flight as one write, and its last statements with the COMMIT as another', async () => {
    expect(isPipelined(app.services.database.dataSource)).toBe(true);
    const { organizationId } = await signUpOwner(app);
    const counter = countSocketWrites();
    let afterFirstFlight = -1;
    try {
      await app.services.database.inOrganizations([organizationId], async (m) => {
        await together(m, select(m, 'test_one_write_a'), select(m, 'test_one_write_b'), select(m, 'test_one_write_c'));
        afterFirstFlight = counter.writes.length;
        await lastFlightWithCommit(m, [
          { name: 'test_one_write_insert', text: INSERT_COUNTER_SQL, values: [organizationId, new Date(Date.UTC(2032, 0, 1))] },
          { name: 'test_one_write_insert', text: INSERT_COUNTER_SQL, values: [organizationId, new Date(Date.UTC(2032, 0, 2))] },
        ]);
      });
    } finally {
      counter.restore();
    }
    // BEGIN, scope and three statements (each several protocol messages) in one write; then two INSERTs and COMMIT.
    expect(afterFirstFlight).toBe(1);
    expect(counter.writes).toHaveLength(2);
    expect(counter.writes.every((w) => w.chunks > 1)).toBe(true);
    const [{ count }] = await app.services.database.asPlatform((m) =>
      m.query(`SELECT count(*)::int AS count FROM usage_counters WHERE organization_id = $1 AND window_start >= '2032-01-01'`, [organizationId]),
    );
    expect(count).toBe(2);
  });

  it('still sends what was written when the work throws before its first await, and the connection goes on', async () => {
    const { organizationId } = await signUpOwner(app);
    await expect(
      app.services.database.inOrganizations([organizationId], (m) => {
        inOneWrite(connectedClientOf(m), () => {
          void select(m, 'test_one_write_thrown')();
          throw new Error('thrown before any await');
        });
        return Promise.resolve();
      }),
    ).rejects.toThrow('thrown before any await');
    // Had the socket stayed held, the pool's next transactions on that connection would hang.
    const rows = await Promise.all(Array.from({ length: 20 }, () => app.services.database.inTenant(organizationId, (m) => m.query(`SELECT 1 AS one`))));
    expect(rows).toHaveLength(20);
  });
});
