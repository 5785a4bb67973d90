// Warns when the event loop stalls: every poll waits behind a stall, so a slow query, a long build
// or a synchronous write shows up here first, with how long it held everything up.
import type { FastifyBaseLogger } from 'fastify';

const TICK_MS = 100;
const WARN_MS = 250;

export function watchEventLoop(log: FastifyBaseLogger): () => void {
  let expected = performance.now() + TICK_MS;
  const timer = setInterval(() => {
    const now = performance.now();
    const lag = now - expected;
    if (lag > WARN_MS) log.warn({ stalledMs: Math.round(lag) }, 'event loop stalled');
    expected = now + TICK_MS;
  }, TICK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
