/**
 * mode: deploy — rolls an AMI out to Auto Scaling groups: an instance refresh per group (rolling or
 * canary), all groups at once, or blue-green into a second group. A rollout to the AMI given for
 * each group's region (src/rollout/).
 */
import type { DeployConfig } from '../../inputs.js';
import type { ModeModule, Plan, Scope } from '../../kernel/plan.js';
import { planRollout, rolloutCompensations } from '../../rollout/index.js';
import { deployTarget } from '../../rollout/target.js';

export function plan(config: DeployConfig, scope: Scope): Promise<Plan> {
  return planRollout(config, scope, deployTarget(config, scope.context));
}

export const compensations: ModeModule<DeployConfig>['compensations'] = rolloutCompensations;
