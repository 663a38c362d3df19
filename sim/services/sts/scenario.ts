/** The STS part of the default scenario: the caller is role `ami-pipeline`, session `ami-action`. */
import type { SimulatorApi } from '../../core/types.js';
import type { StsState } from './state.js';

export interface StsScenarioSection {
  /** Role the caller has assumed (name only). */
  roleName?: string;
  sessionName?: string;
}

export const defaultScenarioSection: StsScenarioSection = {
  roleName: 'ami-pipeline',
  sessionName: 'ami-action',
};

export function seedSts(section: unknown, sim: SimulatorApi): void {
  const s = (section ?? {}) as StsScenarioSection;
  const state = sim.slice<StsState>('sts');
  if (s.roleName) state.roleName = s.roleName;
  if (s.sessionName) state.sessionName = s.sessionName;
}
