import request from 'supertest';
import { startTestApp, type TestApp } from '../../test/support/test-app';

describe('health endpoints', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('answers /healthz and /readyz when the database is up and migrated', async () => {
    expect((await request(app.app).get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await request(app.app).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready' });
  });

  it('answers /readyz with 503 while a migration is missing', async () => {
    const [row] = await app.dataSource.query(`SELECT * FROM schema_migrations`);
    await app.dataSource.query(`DELETE FROM schema_migrations`);
    try {
      const response = await request(app.app).get('/readyz');
      expect(response.status).toBe(503);
      expect(response.body.reason).toBe('migrations pending');
    } finally {
      await app.dataSource.query(`INSERT INTO schema_migrations (id, timestamp, name) VALUES ($1, $2, $3)`, [row.id, row.timestamp, row.name]);
    }
  });

  it('answers /readyz with 503 when the database goes away, and /healthz still 200', async () => {
    if (app.testDatabase.embedded) {
      await app.dataSource.destroy();
    } else {
      await app.testDatabase.drop(); // DROP DATABASE ... WITH (FORCE) ends every pooled connection
    }
    const ready = await request(app.app).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'unavailable', reason: 'database unreachable' });
    expect((await request(app.app).get('/healthz')).status).toBe(200);
  });
});
