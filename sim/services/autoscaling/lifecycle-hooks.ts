/** Lifecycle hooks (kept and described, not acted on): PutLifecycleHook, DescribeLifecycleHooks. */
import type {
  DescribeLifecycleHooksCommandInput,
  DescribeLifecycleHooksCommandOutput,
  PutLifecycleHookCommandInput,
  PutLifecycleHookCommandOutput,
} from '@aws-sdk/client-auto-scaling';
import { AwsError, type Handler } from '../../core/types.js';
import { MAX_LIFECYCLE_HOOK_NAMES } from './limits.js';
import { requireGroup } from './state.js';

const TRANSITIONS = ['autoscaling:EC2_INSTANCE_LAUNCHING', 'autoscaling:EC2_INSTANCE_TERMINATING'];

/** A lifecycle hook as stored and described (PutLifecycleHook, or CreateAutoScalingGroup's list). */
export function hookRecord(group: string, input: Record<string, any>, existing?: Record<string, any>) {
  const name = String(input.LifecycleHookName ?? '');
  if (!name) throw new AwsError('ValidationError', 'LifecycleHookName is required');
  const transition = input.LifecycleTransition ?? existing?.LifecycleTransition;
  if (!TRANSITIONS.includes(transition)) {
    throw new AwsError('ValidationError', `Invalid Lifecycle Transition: ${transition}`);
  }
  const heartbeat = Number(input.HeartbeatTimeout ?? existing?.HeartbeatTimeout ?? 3600);
  return {
    LifecycleHookName: name,
    AutoScalingGroupName: group,
    LifecycleTransition: transition,
    NotificationTargetARN: input.NotificationTargetARN ?? existing?.NotificationTargetARN,
    RoleARN: input.RoleARN ?? existing?.RoleARN,
    NotificationMetadata: input.NotificationMetadata ?? existing?.NotificationMetadata,
    HeartbeatTimeout: heartbeat,
    GlobalTimeout: Math.min(heartbeat * 100, 172800),
    DefaultResult: input.DefaultResult ?? existing?.DefaultResult ?? 'ABANDON',
  };
}

export const PutLifecycleHook: Handler<PutLifecycleHookCommandInput, PutLifecycleHookCommandOutput> = (
  input,
  ctx,
) => {
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  const hooks = g.LifecycleHooks ?? [];
  const existing = hooks.find((h) => h.LifecycleHookName === input.LifecycleHookName);
  const hook = hookRecord(g.AutoScalingGroupName, input, existing);
  g.LifecycleHooks = [...hooks.filter((h) => h.LifecycleHookName !== hook.LifecycleHookName), hook];
  return {};
};

export const DescribeLifecycleHooks: Handler<
  DescribeLifecycleHooksCommandInput,
  DescribeLifecycleHooksCommandOutput
> = (input, ctx) => {
  const g = requireGroup(ctx, input.AutoScalingGroupName);
  const names: string[] = input.LifecycleHookNames ?? [];
  if (names.length > MAX_LIFECYCLE_HOOK_NAMES) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value at 'lifecycleHookNames' failed to satisfy constraint: Member must have length less than or equal to ${MAX_LIFECYCLE_HOOK_NAMES}`,
    );
  }
  const hooks = (g.LifecycleHooks ?? []).filter((h) => !names.length || names.includes(h.LifecycleHookName));
  return { LifecycleHooks: hooks };
};
