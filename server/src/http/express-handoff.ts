import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import express, { type Request, type RequestHandler } from 'express';

const HANDED_OFF = Symbol('tollgate.handedOff');

/** How a request whose body the lean entry already read reaches Express. */
export type HandOff =
  /**
   * A JSON object: it becomes req.body, as express.json would have made it. With an error (the fast path failed
   * before writing anything), Express answers that error as it answers any other.
   */
  | { body: object; error?: unknown }
  /** Anything else (not JSON, not an object): the bytes are parsed again by express.json, which words the refusal. */
  | { raw: Buffer };

type HandedOffRequest = IncomingMessage & { body?: unknown; [HANDED_OFF]?: HandOff };

export function handOffToExpress(req: IncomingMessage, handOff: HandOff): void {
  const handed = req as HandedOffRequest;
  handed[HANDED_OFF] = handOff;
  if ('body' in handOff) handed.body = handOff.body;
}

/**
 * express.json for a route the lean entry may have read first. The request stream is spent by then (body-parser
 * would skip it as already read and leave req.body alone), so a handed-off body is used as is, and raw bytes are
 * replayed through the same parser: malformed JSON gets exactly the 400 it always got.
 */
export function jsonBodyParser(options: { limit: number }): RequestHandler {
  const parseJson = express.json(options);
  return (req, res, next) => {
    const handOff = (req as HandedOffRequest)[HANDED_OFF];
    if (!handOff) return parseJson(req, res, next);
    if (!('raw' in handOff)) return next(handOff.error);
    const replay = Object.assign(new Readable({ read() {} }), { headers: req.headers, body: undefined as unknown });
    replay.push(handOff.raw);
    replay.push(null);
    parseJson(replay as unknown as Request, res, (error?: unknown) => {
      req.body = replay.body;
      next(error);
    });
  };
}
