/**
 * SSM operations -> IAM checks: parameters by ARN (`parameter/<name without its leading slash>`),
 * SendCommand on the document and on each target instance (with the instance's tags), tagging.
 * Command reads (GetCommandInvocation, ListCommandInvocations, ...) and DescribeInstanceInformation
 * have no resource-level permissions.
 */
import {
  type AuthRequest,
  check,
  type keys,
  merge,
  requestTags,
  resourceTags,
  type Tag,
} from '../context.js';
import type { AuthCheck } from '../evaluate.js';
import { ec2Arn } from './ec2.js';

type Authorizer = (req: AuthRequest) => AuthCheck[];

/** `/app/ami:3` and `arn:aws:ssm:...:parameter/app/ami` both name `/app/ami`. */
function parameterName(ref: string): string {
  const arn = /^arn:aws[\w-]*:ssm:[^:]*:[^:]*:parameter(\/.*)$/.exec(ref);
  const name = arn ? arn[1] : ref;
  return name.replace(/:[^/:]+$/, '');
}

function parameter(req: AuthRequest, ref: string): { arn: string; tags: Tag[] } {
  const name = parameterName(ref);
  const rec = req.sim.slice('ssm')?.regions?.[req.region]?.parameters?.[name];
  const account = rec?.public || name.startsWith('/aws/') ? '' : req.accountId;
  return {
    arn: `arn:aws:ssm:${req.region}:${account}:parameter/${name.replace(/^\//, '')}`,
    tags: rec?.Tags ?? [],
  };
}

function onParameter(req: AuthRequest, ref: string, extra?: ReturnType<typeof keys>): AuthCheck {
  const p = parameter(req, ref);
  return check(`ssm:${req.operation}`, p.arn, resourceTags(p.tags), extra);
}

const byName =
  (field: string): Authorizer =>
  (req) => [onParameter(req, String(req.input[field] ?? ''))];

const byNames =
  (field: string): Authorizer =>
  (req) =>
    ((req.input[field] ?? []) as string[]).map((n) => onParameter(req, n));

function putParameter(req: AuthRequest): AuthCheck[] {
  const tags: Tag[] = req.input.Tags ?? [];
  const out = [onParameter(req, String(req.input.Name ?? ''), requestTags(tags))];
  // Tags on PutParameter are added with the caller's ssm:AddTagsToResource permission.
  if (tags.length) {
    out.push({
      ...check('ssm:AddTagsToResource', out[0].resource, requestTags(tags)),
      impliedBy: 'ssm:PutParameter',
    });
  }
  return out;
}

function documentArn(req: AuthRequest, name: string): string {
  const amazonOwned = /^(AWS|Amazon|AWSEC2|AWSSupport|AWSConfigRemediation)-/.test(name);
  return `arn:aws:ssm:${req.region}:${amazonOwned ? '' : req.accountId}:document/${name}`;
}

function sendCommand(req: AuthRequest): AuthCheck[] {
  const doc = check('ssm:SendCommand', documentArn(req, String(req.input.DocumentName ?? '')));
  const ids: string[] = req.input.InstanceIds ?? [];
  const instances = req.sim.slice('ec2')?.regions?.[req.region]?.instances ?? {};
  const targets = ids.length
    ? ids.map((id) =>
        check(
          'ssm:SendCommand',
          ec2Arn(req, 'instance', id),
          resourceTags(instances[id]?.Tags, ['aws:ResourceTag', 'ssm:resourceTag']),
        ),
      )
    : [check('ssm:SendCommand', ec2Arn(req, 'instance', '*'))];
  return [doc, ...targets];
}

function tagging(req: AuthRequest): AuthCheck[] {
  const { ResourceType: type, ResourceId: id } = req.input;
  const tags = requestTags(req.input.Tags ?? (req.input.TagKeys ?? []).map((Key: string) => ({ Key })));
  if (type === 'Parameter') {
    const c = onParameter(req, String(id ?? ''));
    return [{ ...c, context: merge(c.context, tags) }];
  }
  const kind = type === 'ManagedInstance' ? 'managed-instance' : String(type ?? '').toLowerCase();
  return [check(`ssm:${req.operation}`, `arn:aws:ssm:${req.region}:${req.accountId}:${kind}/${id}`, tags)];
}

export const ssmAuthorizers: Record<string, Authorizer> = {
  SendCommand: sendCommand,
  PutParameter: putParameter,
  GetParameter: byName('Name'),
  GetParameters: byNames('Names'),
  GetParametersByPath: byName('Path'),
  GetParameterHistory: byName('Name'),
  LabelParameterVersion: byName('Name'),
  UnlabelParameterVersion: byName('Name'),
  DeleteParameter: byName('Name'),
  DeleteParameters: byNames('Names'),
  AddTagsToResource: tagging,
  RemoveTagsFromResource: tagging,
  ListTagsForResource: tagging,
};
