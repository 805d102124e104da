/** Embedded PGlite instances per Jest worker: a test file may run a few apps side by side, each on its own. */
export const EMBEDDED_PER_WORKER = 3;
