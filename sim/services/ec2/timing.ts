/**
 * Kept only for the e2e tests that import `DURATIONS` from this path: the durations now live in
 * `sim/core/time.ts` (several services use them). Remove once those imports point there.
 */
export { DURATIONS } from '../../core/time.js';
