'use strict';
/**
 * One client app's keep-alive HTTP/1.1 connection, one request at a time (the bench's clients are closed loops).
 * Written on a bare socket rather than node:http's client: the load generator shares the machine's two cores with
 * the server and PostgreSQL, and node:http's client cost ~115 µs of CPU per call (a third of a core at the bench's
 * rates). Every microsecond it spends is taken from the server under test, and it answers a group's 30 responses
 * one after another, so its own queue showed up in the measured latencies. Here a call costs one write and one
 * parse of the head; the body is left to the caller.
 */
const net = require('node:net');

const HEAD_END = Buffer.from('\r\n\r\n');

class KeepAliveConnection {
  constructor(url) {
    this.host = url.hostname;
    this.port = Number(url.port);
    this.hostHeader = url.host;
    this.path = url.pathname;
    this.socket = null;
    this.buffered = Buffer.alloc(0);
    /** The call waiting for its response: { resolve }. */
    this.waiting = null;
  }

  /** POSTs `body` (a string) with `headers`; resolves { status, text }, status 0 when the connection failed. */
  post(headers, body) {
    if (this.waiting) throw new Error('one request at a time on a KeepAliveConnection');
    const socket = this.socket ?? this.open();
    const bodyBuffer = Buffer.from(body);
    let head = `POST ${this.path} HTTP/1.1\r\nhost: ${this.hostHeader}\r\ncontent-length: ${bodyBuffer.length}\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    return new Promise((resolve) => {
      this.waiting = { resolve };
      socket.write(Buffer.concat([Buffer.from(`${head}\r\n`, 'latin1'), bodyBuffer]));
    });
  }

  close() {
    this.socket?.destroy();
    this.socket = null;
  }

  open() {
    const socket = net.connect({ host: this.host, port: this.port, noDelay: true });
    this.socket = socket;
    this.buffered = Buffer.alloc(0);
    // Events of a socket this connection has already let go of (closed after an answer) answer nothing.
    socket.on('data', (chunk) => {
      if (this.socket === socket) this.received(chunk);
    });
    const ended = (message) => {
      if (this.socket !== socket) return;
      this.socket = null;
      // A response without a length ends where the connection does.
      const response = parseResponse(this.buffered, true);
      this.answer(response ? { status: response.status, text: response.text } : { status: 0, text: message });
    };
    socket.on('error', (error) => ended(error.message));
    socket.on('close', () => ended('connection closed before the response ended'));
    return socket;
  }

  answer(response) {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.resolve(response);
  }

  received(chunk) {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const response = parseResponse(this.buffered);
    if (!response) return;
    this.buffered = this.buffered.subarray(response.length);
    if (response.close) this.close();
    this.answer({ status: response.status, text: response.text });
  }
}

/**
 * A complete response at the start of `buffer` ({ status, text, length, close }), or null while it is partial.
 * `atEnd`: the connection has closed, so a response without a length or chunks ends with the buffer.
 */
function parseResponse(buffer, atEnd = false) {
  const headEnd = buffer.indexOf(HEAD_END);
  if (headEnd < 0) return null;
  const head = buffer.toString('latin1', 0, headEnd);
  const status = Number(head.slice(9, 12));
  const close = /\r\nconnection: *close/i.test(head);
  const bodyStart = headEnd + HEAD_END.length;
  const contentLength = /\r\ncontent-length: *(\d+)/i.exec(head);
  if (contentLength) {
    const end = bodyStart + Number(contentLength[1]);
    if (buffer.length < end) return null;
    return { status, text: buffer.toString('utf8', bodyStart, end), length: end, close };
  }
  if (/\r\ntransfer-encoding: *chunked/i.test(head)) return parseChunked(buffer, bodyStart, status, close);
  if (status === 204 || status === 304 || (status >= 100 && status < 200)) return { status, text: '', length: bodyStart, close };
  return atEnd ? { status, text: buffer.toString('utf8', bodyStart), length: buffer.length, close: true } : null;
}

function parseChunked(buffer, from, status, close) {
  const parts = [];
  let at = from;
  for (;;) {
    const lineEnd = buffer.indexOf('\r\n', at);
    if (lineEnd < 0) return null;
    const size = parseInt(buffer.toString('latin1', at, lineEnd), 16);
    const dataStart = lineEnd + 2;
    if (size === 0) {
      // No trailers are sent by the server: the last chunk is followed by one empty line.
      if (buffer.length < dataStart + 2) return null;
      return { status, text: Buffer.concat(parts).toString('utf8'), length: dataStart + 2, close };
    }
    if (buffer.length < dataStart + size + 2) return null;
    parts.push(buffer.subarray(dataStart, dataStart + size));
    at = dataStart + size + 2;
  }
}

module.exports = { KeepAliveConnection, parseResponse };
