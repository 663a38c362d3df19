/**
 * mode: rollback — a rollout back: each group's launch templates go back to the AMI they ran before
 * their current one, as deploy recorded it in the launch template versions (a rollback records
 * itself, so a second one goes one step further back, never to the AMI the first removed); with
 * strategy blue-green, the group a deploy kept (keep-old) takes the traffic back.
 */
import type { RollbackConfig } from '../../inputs.js';
import type { ModeModule, Plan, Scope } from '../../kernel/plan.js';
import { planRollout, rolloutCompensations } from '../../rollout/index.js';
import { rollbackTargetOf } from '../../rollout/target.js';

export function plan(config: RollbackConfig, scope: Scope): Promise<Plan> {
  return planRollout(config, scope, rollbackTargetOf(scope.context));
}

export const compensations: ModeModule<RollbackConfig>['compensations'] = rolloutCompensations;
