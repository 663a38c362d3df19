import type { SimClock } from './types.js';

/** Simulated time = start + real elapsed / timeScale (+ explicit jumps). */
export function createClock(timeScale = 1, startMs = Date.now()): SimClock {
  if (!(timeScale > 0)) throw new Error(`time scale must be > 0, got ${timeScale}`);
  const realStart = performance.now();
  let offsetMs = 0;
  const nowMs = () => Math.round(startMs + offsetMs + (performance.now() - realStart) / timeScale);
  return {
    timeScale,
    nowMs,
    now: () => new Date(nowMs()),
    realMs: (simSeconds) => simSeconds * 1000 * timeScale,
    advance(simSeconds) {
      offsetMs += simSeconds * 1000;
    },
  };
}
