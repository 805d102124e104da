import { Client } from 'pg';
import type { Logger } from 'pino';

/** revoke() sends the key's prefix here with pg_notify, in its transaction: PostgreSQL delivers it on commit. */
export const API_KEY_REVOKED_CHANNEL = 'tollgate_api_key_revoked';
const APPLICATION_NAME = 'tollgate-api-key-revocations';
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 30_000;

export interface RevocationEvents {
  /** A key was revoked (on any instance). */
  revoked(prefix: string): void;
  /** Listening: from now on every revocation is heard. */
  live(): void;
  /** Not listening: revocations may go unheard until live() again. */
  lost(): void;
}

/**
 * LISTENs for API key revocations on a dedicated connection (a pooled one would be handed to other work, and
 * its LISTEN with it). A LISTEN only hears what is committed while it is listening, so when the connection
 * fails or ends the owner is told at once (lost) and the listener reconnects with backoff; it says so once
 * per outage.
 */
export class ApiKeyRevocationListener {
  private client: Client | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private inOutage = false;
  private stopped = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly events: RevocationEvents,
    private readonly logger: Logger,
  ) {}

  /** Resolves after the first attempt; if it failed, retries continue in the background. */
  start(): Promise<void> {
    return this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    this.retryTimer = undefined;
    const client = new Client({ connectionString: this.databaseUrl, application_name: APPLICATION_NAME, keepAlive: true });
    let ended = false;
    const lose = (error?: unknown) => {
      if (ended) return;
      ended = true;
      if (this.client === client) this.client = undefined;
      client.end().catch(() => undefined);
      this.lost(error);
    };
    client.on('error', lose);
    client.on('end', () => lose());
    client.on('notification', (message) => {
      if (message.channel === API_KEY_REVOKED_CHANNEL && message.payload) this.events.revoked(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${API_KEY_REVOKED_CHANNEL}`);
    } catch (error) {
      lose(error);
      return;
    }
    if (ended) return;
    if (this.stopped) {
      ended = true;
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.failures = 0;
    if (this.inOutage) this.logger.info('API key revocation listener is back; verified keys are cached again');
    this.inOutage = false;
    this.events.live();
  }

  private lost(error: unknown): void {
    this.events.lost();
    if (this.stopped) return;
    if (!this.inOutage) {
      this.inOutage = true;
      this.logger.warn({ err: error }, 'API key revocation listener lost; every API key is verified in the database until it is back');
    }
    const delay = Math.min(FIRST_RETRY_MS * 2 ** this.failures, MAX_RETRY_MS);
    this.failures += 1;
    this.retryTimer = setTimeout(() => void this.connect(), delay).unref();
  }
}
