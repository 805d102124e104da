import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { StoredResponse } from './sandbox-http';
import type { SandboxStore } from './sandbox-store';

/**
 * The sandbox's state on disk. Tollgate's database keeps Stripe ids (customers, products, prices, subscriptions)
 * across restarts, so the sandbox must keep the objects they name, or every stored id would point at nothing.
 */
export interface SandboxState {
  version: typeof STATE_VERSION;
  /** The address the saved objects' URLs were made with (checkout, portal and hosted invoice pages). */
  baseUrl: string;
  /** The sandbox clock when saved, and how far ahead of wall time it was (what had been advanced). */
  nowMs: number;
  offsetMs: number;
  /** Every Map of the store, by property name, as [id, object] pairs. */
  collections: Record<string, Array<[string, unknown]>>;
  /** Events not yet delivered when saved, oldest first: sent again after the next start. */
  pendingWebhooks: string[];
  /** The newest idempotent answers, so a request retried across a restart is still replayed, not done twice. */
  idempotency: Array<[string, StoredResponse]>;
}

const STATE_VERSION = 1;
/** Stripe keeps keys 24 hours; across a restart only the most recent ones can matter. */
const SAVED_IDEMPOTENCY_KEYS = 1_000;

function storeMaps(store: SandboxStore): Array<[string, Map<string, unknown>]> {
  return Object.entries(store).filter((entry): entry is [string, Map<string, unknown>] => entry[1] instanceof Map);
}

export function captureState(store: SandboxStore, parts: { pendingWebhooks: string[]; idempotency: Map<string, StoredResponse> }): SandboxState {
  const nowMs = store.time.nowMs();
  return {
    version: STATE_VERSION,
    baseUrl: store.baseUrl(),
    nowMs,
    offsetMs: nowMs - Date.now(),
    collections: Object.fromEntries(storeMaps(store).map(([name, map]) => [name, [...map.entries()]])),
    pendingWebhooks: parts.pendingWebhooks,
    idempotency: [...parts.idempotency.entries()].slice(-SAVED_IDEMPOTENCY_KEYS),
  };
}

/** Fills an empty store (and the idempotency map) from a saved state; the clock is the caller's (see index.ts). */
export function restoreState(store: SandboxStore, state: SandboxState, idempotency: Map<string, StoredResponse>): void {
  for (const [name, map] of storeMaps(store)) {
    map.clear();
    for (const [id, object] of state.collections[name] ?? []) map.set(id, object);
  }
  idempotency.clear();
  for (const [key, response] of state.idempotency) idempotency.set(key, response);
}

/**
 * Reads a saved state. A missing file is a first start; an unreadable one is set aside (renamed, so nothing is
 * lost) and the sandbox starts empty.
 */
export async function readStateFile(file: string, logger?: Logger): Promise<SandboxState | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const state = JSON.parse(text) as SandboxState;
    if (state.version !== STATE_VERSION || typeof state.collections !== 'object') throw new Error(`unknown state version ${String(state.version)}`);
    return state;
  } catch (error) {
    const aside = `${file}.unreadable-${Date.now()}`;
    await fs.rename(file, aside);
    logger?.warn({ file, movedTo: aside, reason: error instanceof Error ? error.message : String(error) }, 'stripe sandbox: saved state unreadable; starting empty');
    return undefined;
  }
}

/** The saved state with its URLs moved to `baseUrl`, for when the sandbox could not get its old port back. */
export function rebaseState(state: SandboxState, baseUrl: string): SandboxState {
  if (state.baseUrl === baseUrl) return state;
  const quote = (text: string) => JSON.stringify(text).slice(1, -1);
  return JSON.parse(JSON.stringify(state).split(quote(state.baseUrl)).join(quote(baseUrl))) as SandboxState;
}

/** The port the saved objects' URLs point at, to listen on again. */
export function savedPort(state: SandboxState | undefined): number | undefined {
  const port = state && URL.canParse(state.baseUrl) ? Number(new URL(state.baseUrl).port) : NaN;
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

/** Writes the whole state to a temporary file, flushes it to disk and renames it over the old one. */
async function writeAtomically(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}`;
  const handle = await fs.open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temporary, file);
}

/**
 * Saves the sandbox's state shortly after it changes (changes in a burst — a checkout creates a dozen objects —
 * are written once), one write at a time, and a last time on close.
 */
export class SandboxStateWriter {
  private dirty = false;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly capture: () => SandboxState,
    private readonly logger?: Logger,
    private readonly debounceMs = 250,
  ) {}

  markDirty(): void {
    if (this.closed) return;
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.debounceMs);
    this.timer.unref();
  }

  /** Writes now if anything changed since the last write; resolves when the file is on disk. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirty) {
      this.dirty = false;
      const text = JSON.stringify(this.capture());
      this.writing = this.writing.then(
        () => writeAtomically(this.file, text),
        () => writeAtomically(this.file, text),
      );
      this.writing.catch((error: unknown) => this.logger?.warn({ err: error, file: this.file }, 'stripe sandbox: could not save its state'));
    }
    await this.writing.catch(() => undefined);
  }

  /** The last write, then no more. */
  async close(): Promise<void> {
    this.closed = true;
    this.dirty = true;
    await this.flush();
  }
}
