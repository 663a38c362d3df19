/**
 * Auto Scaling, ELBv2 and CloudWatch operations -> IAM checks. Describe* calls have no resource-level
 * permissions; the others act on the group (with its tags), listener/rule/target group, or alarm
 * they name.
 */
import { type AuthRequest, check, requestTags, resourceTags } from '../context.js';
import type { AuthCheck } from '../evaluate.js';
import { ec2Authorizers } from './ec2.js';

type Authorizer = (req: AuthRequest) => AuthCheck[];

const isRead = (operation: string) => /^(Describe|List|Get)/.test(operation);

function groupOf(req: AuthRequest, name: string): any {
  return req.sim.slice('autoscaling')?.regions?.[req.region]?.groups?.[name];
}

/** The launch template version a call names, with its data (for the launch checks it implies). */
function templateData(
  req: AuthRequest,
  spec: { LaunchTemplateId?: string; LaunchTemplateName?: string; Version?: string },
) {
  const templates = Object.values(
    req.sim.slice('ec2')?.regions?.[req.region]?.launchTemplates ?? {},
  ) as any[];
  const lt = templates.find(
    (t) => t.LaunchTemplateId === spec.LaunchTemplateId || t.LaunchTemplateName === spec.LaunchTemplateName,
  );
  if (!lt) return undefined;
  const v = spec.Version ?? '$Default';
  const n = v === '$Latest' ? lt.LatestVersionNumber : v === '$Default' ? lt.DefaultVersionNumber : Number(v);
  return {
    id: lt.LaunchTemplateId as string,
    tags: lt.Tags,
    data: lt.versions?.[n]?.LaunchTemplateData ?? {},
  };
}

/**
 * Naming a launch template for a group (create, update, or an instance refresh's desired
 * configuration) makes Auto Scaling check that the caller could launch from it: ec2:RunInstances on
 * the template and the resources it names, iam:PassRole for its instance profile, ec2:CreateTags for
 * its tag specifications.
 */
function launchTemplateUse(req: AuthRequest, spec: any, subnets: string[]): AuthCheck[] {
  if (!spec) return [];
  const t = templateData(req, spec);
  const templateArn = `arn:aws:ec2:${req.region}:${req.accountId}:launch-template/${t?.id ?? '*'}`;
  const onTemplate = check(
    'ec2:RunInstances',
    templateArn,
    resourceTags(t?.tags, ['aws:ResourceTag', 'ec2:ResourceTag']),
  );
  const launch = ec2Authorizers.RunInstances({
    ...req,
    service: 'ec2',
    operation: 'RunInstances',
    input: { ...t?.data, MinCount: 1, MaxCount: 1, SubnetId: subnets[0] },
  });
  const action = `autoscaling:${req.operation}`;
  return [onTemplate, ...launch].map((c) => ({ ...c, impliedBy: action }));
}

function groupArn(req: AuthRequest, name: string): string {
  return (
    groupOf(req, name)?.AutoScalingGroupARN ??
    `arn:aws:autoscaling:${req.region}:${req.accountId}:autoScalingGroup:*:autoScalingGroupName/${name}`
  );
}

/** CreateOrUpdateTags / DeleteTags act on the groups their tags name (`ResourceId`), one check per group. */
function tagsAuthorizer(req: AuthRequest, action: string): AuthCheck[] {
  const list = (req.input.Tags ?? []) as { ResourceId?: string; Key?: string; Value?: string }[];
  const groups = [...new Set(list.map((t) => t.ResourceId ?? ''))];
  return groups.map((name) =>
    check(
      action,
      groupArn(req, name),
      resourceTags(groupOf(req, name)?.Tags ?? [], ['aws:ResourceTag', 'autoscaling:ResourceTag']),
      req.operation === 'CreateOrUpdateTags'
        ? requestTags(list.filter((t) => t.ResourceId === name) as { Key: string; Value: string }[])
        : {},
    ),
  );
}

export const autoscalingAuthorizer: Authorizer = (req) => {
  const action = `autoscaling:${req.operation}`;
  if (req.operation === 'CreateOrUpdateTags' || req.operation === 'DeleteTags') {
    return tagsAuthorizer(req, action);
  }
  const name = req.input.AutoScalingGroupName;
  if (isRead(req.operation) || !name) return [check(action, '*')];
  const group = groupOf(req, name);
  const arn = groupArn(req, name);
  const tags = (group?.Tags ?? []) as { Key: string; Value: string }[];
  const requested = req.operation === 'CreateAutoScalingGroup' ? requestTags(req.input.Tags) : {};
  const own = check(
    action,
    arn,
    resourceTags(tags, ['aws:ResourceTag', 'autoscaling:ResourceTag']),
    requested,
  );
  const config = req.input.DesiredConfiguration ?? req.input;
  const mixed = config.LaunchTemplate ? undefined : config.MixedInstancesPolicy?.LaunchTemplate;
  // Every template the configuration names: its own, and those of the overrides that name one.
  const specs = [
    config.LaunchTemplate ?? mixed?.LaunchTemplateSpecification,
    ...(mixed?.Overrides ?? []).map((o: any) => o.LaunchTemplateSpecification),
  ].filter(Boolean);
  const subnets = String(req.input.VPCZoneIdentifier ?? group?.VPCZoneIdentifier ?? '')
    .split(',')
    .filter(Boolean);
  return [own, ...specs.flatMap((spec) => launchTemplateUse(req, spec, subnets))];
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
