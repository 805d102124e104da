import { useCallback, useEffect, useRef, useState } from 'react';

export interface PollOptions {
  intervalMs: number;
  timeoutMs: number;
}

/**
 * Calls `poll` every intervalMs until `done` turns true or timeoutMs has passed (then `timedOut`); `retry` starts
 * another round. Ticks are counted rather than clocks read, so a slow tab cannot shorten the wait.
 */
export function usePollUntil(done: boolean, poll: () => Promise<unknown>, { intervalMs, timeoutMs }: PollOptions) {
  const [round, setRound] = useState(0);
  const [timedOut, setTimedOut] = useState(false);
  const pollRef = useRef(poll);
  pollRef.current = poll;

  useEffect(() => {
    if (done) return undefined;
    const maxTicks = Math.max(1, Math.ceil(timeoutMs / intervalMs));
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
      void pollRef.current().catch(() => undefined);
      if (ticks >= maxTicks) {
        clearInterval(timer);
        setTimedOut(true);
      }
    }, intervalMs);
    return () => clearInterval(timer);
  }, [done, round, intervalMs, timeoutMs]);

  const retry = useCallback(() => {
    setTimedOut(false);
    setRound((r) => r + 1);
    void pollRef.current().catch(() => undefined);
  }, []);

  return { timedOut: timedOut && !done, retry };
}
