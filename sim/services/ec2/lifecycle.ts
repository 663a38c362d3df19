/**
 * Time-derived states. Nothing runs on a timer: every read computes the state at `now` from the
 * timestamps stored when the resource was created or changed.
 */

import { DURATIONS, isoAfter, ms } from '../../core/time.js';
import type { SimulatorApi } from '../../core/types.js';
import type { ImageRecord, InstanceRecord, InstanceStateName, SnapshotRecord, Transition } from './state.js';

export const STATE_CODES: Record<InstanceStateName, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

export function currentTransition(inst: InstanceRecord, nowMs: number): Transition {
  let cur = inst.transitions[0];
  for (const t of inst.transitions) if (ms(t.at) <= nowMs) cur = t;
  return cur;
}

export function instanceState(inst: InstanceRecord, nowMs: number): InstanceStateName {
  return currentTransition(inst, nowMs).state;
}

/** When the instance last entered `running` (at or before now), if it is running now. */
export function runningSince(inst: InstanceRecord, nowMs: number): number | undefined {
  const cur = currentTransition(inst, nowMs);
  return cur.state === 'running' ? ms(cur.at) : undefined;
}

/** Replaces the future of an instance's schedule with new transitions starting now. */
export function schedule(
  inst: InstanceRecord,
  nowMs: number,
  steps: { state: InstanceStateName; after: number; reason?: string }[],
) {
  inst.transitions = inst.transitions.filter((t) => ms(t.at) <= nowMs);
  for (const s of steps)
    inst.transitions.push({ state: s.state, at: isoAfter(nowMs, s.after), reason: s.reason });
}

/** Gone from DescribeInstances an hour after it terminated. */
export function instanceVisible(inst: InstanceRecord, nowMs: number): boolean {
  const cur = currentTransition(inst, nowMs);
  return cur.state !== 'terminated' || nowMs < ms(cur.at) + DURATIONS.terminatedVisibleSeconds * 1000;
}

export type ImageState = 'pending' | 'available' | 'failed' | 'disabled';

export function imageState(img: ImageRecord, nowMs: number): ImageState {
  if (nowMs < ms(img.availableAt)) return 'pending';
  if (img.failure) return 'failed';
  if (img.disabled) return 'disabled';
  return 'available';
}

function launchDelayMs(sim: SimulatorApi): number {
  return (sim.faults.lastLaunchedTimeDelaySeconds ?? DURATIONS.lastLaunchedTimeDelaySeconds) * 1000;
}

/** `lastLaunchedTime` as EC2 answers it now: the newest launch at least the delay old. */
export function lastLaunchedTime(img: ImageRecord, sim: SimulatorApi): string | undefined {
  const shownBy = sim.clock.nowMs() - launchDelayMs(sim);
  let last = img.LastLaunchedTime;
  for (const at of img.launches ?? []) if (ms(at) <= shownBy && (!last || ms(at) > ms(last))) last = at;
  return last;
}

/** Notes a launch: it shows in `lastLaunchedTime` after the delay (launches already shown are folded in). */
export function recordLaunch(img: ImageRecord, at: string, sim: SimulatorApi): void {
  img.LastLaunchedTime = lastLaunchedTime(img, sim);
  const shownBy = sim.clock.nowMs() - launchDelayMs(sim);
  img.launches = [...(img.launches ?? []).filter((t) => ms(t) > shownBy), at];
}

export function isDeprecated(img: ImageRecord, nowMs: number): boolean {
  return img.deprecateAt !== undefined && ms(img.deprecateAt) <= nowMs;
}

export function snapshotState(s: SnapshotRecord, nowMs: number): 'pending' | 'completed' | 'error' {
  if (nowMs < ms(s.completedAt)) return 'pending';
  return s.failed ? 'error' : 'completed';
}

export function snapshotProgress(s: SnapshotRecord, nowMs: number): string {
  const start = ms(s.startedAt);
  const end = ms(s.completedAt);
  if (nowMs >= end) return s.failed ? '0%' : '100%';
  return `${Math.max(0, Math.min(99, Math.floor(((nowMs - start) / Math.max(1, end - start)) * 100)))}%`;
}

/**
 * The `notFoundAfterCreateSeconds` fault: for that many simulated seconds after creation, the
 * resource is invisible to describes, as EC2's eventual consistency makes it.
 */
export function hiddenByEventualConsistency(sim: SimulatorApi, createdAt: string): boolean {
  const secs = Number(sim.faults.notFoundAfterCreateSeconds ?? 0);
  return secs > 0 && sim.clock.nowMs() < ms(createdAt) + secs * 1000;
}
