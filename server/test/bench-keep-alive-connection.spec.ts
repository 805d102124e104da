import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The bench's load generator talks HTTP/1.1 on a bare socket (bench/keep-alive-connection.cjs): if it misread a
 * response, every figure the bench prints would be wrong. Checked here against node's own HTTP server.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { KeepAliveConnection } = require('../../bench/keep-alive-connection.cjs') as {
  KeepAliveConnection: new (url: URL) => { post(headers: Record<string, string>, body: string): Promise<{ status: number; text: string }>; close(): void };
};

describe('bench keep-alive connection', () => {
  let server: http.Server;
  let url: URL;
  const sockets = new Set<unknown>();

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const echo = JSON.stringify({ body, authorization: request.headers.authorization, path: request.url });
        if (body === 'chunked') {
          response.write('{"part":1,');
          setTimeout(() => response.end('"text":"é"}'), 5);
        } else if (body === 'close') {
          response.setHeader('connection', 'close');
          response.end(echo);
        } else {
          response.statusCode = body === 'teapot' ? 418 : 200;
          response.setHeader('content-length', Buffer.byteLength(echo));
          response.end(echo);
        }
      });
    });
    server.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('sends body and headers, reads sized, chunked and multi-byte answers, and reuses one connection', async () => {
    const connection = new KeepAliveConnection(url);
    const large = 'ü'.repeat(100_000);
    const first = await connection.post({ authorization: 'Bearer k1' }, large);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.text)).toEqual({ body: large, authorization: 'Bearer k1', path: '/graphql' });
    const chunked = await connection.post({}, 'chunked');
    expect([chunked.status, JSON.parse(chunked.text)]).toEqual([200, { part: 1, text: 'é' }]);
    const teapot = await connection.post({}, 'teapot');
    expect(teapot.status).toBe(418);
    expect(sockets.size).toBe(1);
    connection.close();
  });

  it('opens a new connection after the server closes one, and reports a refused one as status 0', async () => {
    const connection = new KeepAliveConnection(url);
    expect((await connection.post({}, 'close')).status).toBe(200);
    expect(JSON.parse((await connection.post({}, 'after')).text).body).toBe('after');
    connection.close();

    const nowhere = new KeepAliveConnection(new URL('http://127.0.0.1:1/graphql'));
    const refused = await nowhere.post({}, 'x');
    expect(refused.status).toBe(0);
    expect(refused.text).toMatch(/ECONNREFUSED/);
  });
});
