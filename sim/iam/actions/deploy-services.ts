/**
 * Auto Scaling, ELBv2 and CloudWatch operations -> IAM checks. Describe* calls have no resource-level
 * permissions; the others act on the group, listener/rule/target group, or alarm they name. A group's
 * ARN carries a UUID the caller cannot know, so the simulator names it with `*` there (policies
 * write `autoScalingGroup:*:autoScalingGroupName/<name>` anyway).
 */
import { type AuthRequest, check } from '../context.js';
import type { AuthCheck } from '../evaluate.js';

type Authorizer = (req: AuthRequest) => AuthCheck[];

const isRead = (operation: string) => /^(Describe|List|Get)/.test(operation);

export const autoscalingAuthorizer: Authorizer = (req) => {
  const action = `autoscaling:${req.operation}`;
  const name = req.input.AutoScalingGroupName;
  if (isRead(req.operation) || !name) return [check(action, '*')];
  return [
    check(
      action,
      `arn:aws:autoscaling:${req.region}:${req.accountId}:autoScalingGroup:*:autoScalingGroupName/${name}`,
    ),
  ];
};

export const elbv2Authorizer: Authorizer = (req) => {
  const action = `elasticloadbalancing:${req.operation}`;
  if (isRead(req.operation)) return [check(action, '*')];
  const arn = ['ListenerArn', 'RuleArn', 'TargetGroupArn', 'LoadBalancerArn']
    .map((field) => req.input[field])
    .find((v) => typeof v === 'string');
  return [check(action, arn ?? '*')];
};

export const cloudwatchAuthorizer: Authorizer = (req) => {
  const action = `cloudwatch:${req.operation}`;
  const alarm = (name: string) => `arn:aws:cloudwatch:${req.region}:${req.accountId}:alarm:${name}`;
  const names: string[] = req.input.AlarmNames ?? (req.input.AlarmName ? [req.input.AlarmName] : []);
  if (/Alarm/.test(req.operation)) {
    return names.length ? names.map((n) => check(action, alarm(n))) : [check(action, alarm('*'))];
  }
  return [check(action, '*')];
};
