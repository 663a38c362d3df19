/**
 * The authorization table: for one API call, the IAM checks AWS makes (the call's own action on each
 * resource it touches, and the actions it implies). Services and operations without an entry are
 * checked as `<prefix>:<Operation>` on Resource `*`, which is right for every action without
 * resource-level permissions.
 */
import type { AuthRequest } from '../context.js';
import { check } from '../context.js';
import type { AuthCheck } from '../evaluate.js';
import { autoscalingAuthorizer, cloudwatchAuthorizer, elbv2Authorizer } from './deploy-services.js';
import { ec2Authorizers } from './ec2.js';
import { imagebuilderAuthorizers } from './imagebuilder.js';
import { kmsAuthorizers } from './kms.js';
import { ssmAuthorizers } from './ssm.js';
import { stsAuthorizers } from './sts.js';

type Authorizer = (req: AuthRequest) => AuthCheck[];

/** IAM service prefix by SigV4 signing name, where they differ. */
export const IAM_PREFIX: Record<string, string> = { monitoring: 'cloudwatch' };

const TABLES: Record<string, Record<string, Authorizer>> = {
  ec2: ec2Authorizers,
  ssm: ssmAuthorizers,
  kms: kmsAuthorizers,
  sts: stsAuthorizers,
  imagebuilder: imagebuilderAuthorizers,
};

const WHOLE_SERVICE: Record<string, Authorizer> = {
  autoscaling: autoscalingAuthorizer,
  elasticloadbalancing: elbv2Authorizer,
  monitoring: cloudwatchAuthorizer,
};

export function checksFor(req: AuthRequest): AuthCheck[] {
  const authorizer = TABLES[req.service]?.[req.operation] ?? WHOLE_SERVICE[req.service];
  if (authorizer) return authorizer(req);
  return [check(`${IAM_PREFIX[req.service] ?? req.service}:${req.operation}`, '*')];
}
