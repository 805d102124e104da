import type { Request, Response } from 'express';
import pino from 'pino';
import type { Services } from '../services';
import { plainRequestContext } from './context';

describe('plainRequestContext', () => {
  it('makes the child logger and the Express view only when first read, and once', () => {
    const logger = pino({ level: 'silent' });
    const childLogger = jest.fn(() => logger.child({ req: { id: 'r-1' } }));
    const view = { req: {} as Request, res: {} as Response };
    const expressView = jest.fn(() => view);
    const context = plainRequestContext({ requestId: 'r-1', childLogger, expressView }, { kind: 'anonymous' }, {} as Services);

    expect(context.requestId).toBe('r-1');
    expect(childLogger).not.toHaveBeenCalled();
    expect(expressView).not.toHaveBeenCalled();
    expect(context.logger).toBe(context.logger);
    expect(childLogger).toHaveBeenCalledTimes(1);
    expect(context.req).toBe(view.req);
    expect(context.res).toBe(view.res);
    expect(expressView).toHaveBeenCalledTimes(1);
  });
});
