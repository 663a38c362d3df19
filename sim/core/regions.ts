/**
 * Where every service keeps its regional state: `state[signingName].regions[region]`, created on
 * first use. Services reach it only through `sim` (the call's view of the simulator).
 */
import type { SimulatorApi } from './types.js';

export function regionSlice<T extends object>(
  sim: SimulatorApi,
  signingName: string,
  region: string,
  init: () => T,
): T {
  const s = sim.slice<{ regions?: Record<string, T> }>(signingName);
  s.regions ??= {};
  s.regions[region] ??= init();
  return s.regions[region];
}
