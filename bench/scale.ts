/**
 * The benchmarks' clock. The simulated AWS runs at TIME_SCALE (a 10-minute copy takes 12 s), and the
 * action polls at its default poll-interval (10 s) scaled the same way, so what the action adds
 * (start-up, detection lag, calls) weighs against AWS's time as it would in a real run.
 */
export const TIME_SCALE = 0.02;
export const POLL_INTERVAL_SECONDS = 10 * TIME_SCALE;
