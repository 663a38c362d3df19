/** Building request contexts: global keys, resource tags, request tags. Keys are stored lower-cased. */
import type { Caller, SimulatorApi } from '../core/types.js';
import type { RequestContext } from './conditions.js';
import type { AuthCheck } from './evaluate.js';

export interface Tag {
  Key?: string;
  Value?: string;
}

/** What an authorizer knows about the call it authorizes. */
export interface AuthRequest {
  /** Signing name (ec2, ssm, kms, sts, imagebuilder, autoscaling, elasticloadbalancing, monitoring). */
  service: string;
  operation: string;
  region: string;
  accountId: string;
  input: Record<string, any>;
  sim: SimulatorApi;
  /** Who signed the request; absent: the default identity of the account's STS slice. */
  caller?: Caller;
}

export function merge(...parts: (RequestContext | undefined)[]): RequestContext {
  const out: RequestContext = {};
  for (const p of parts) {
    for (const [k, v] of Object.entries(p ?? {}))
      out[k.toLowerCase()] = [...(out[k.toLowerCase()] ?? []), ...v];
  }
  return out;
}

export function keys(values: Record<string, string | boolean | string[] | undefined>): RequestContext {
  const out: RequestContext = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v : [String(v)];
  }
  return out;
}

/** `<prefix>/<key>` for each of the resource's tags, e.g. `aws:ResourceTag/ami-action:run-id`. */
export function resourceTags(tags: Tag[] | undefined, prefixes = ['aws:ResourceTag']): RequestContext {
  const out: RequestContext = {};
  for (const t of tags ?? []) {
    if (!t.Key) continue;
    for (const p of prefixes) out[`${p}/${t.Key}`.toLowerCase()] = [t.Value ?? ''];
  }
  return out;
}

/** `aws:RequestTag/<key>` and the multi-valued `aws:TagKeys` for tags a request sets. */
export function requestTags(tags: Tag[] | undefined): RequestContext {
  const list = (tags ?? []).filter((t) => t.Key);
  if (!list.length) return {};
  const out: RequestContext = { 'aws:tagkeys': list.map((t) => t.Key!) };
  for (const t of list) out[`aws:RequestTag/${t.Key}`.toLowerCase()] = [t.Value ?? ''];
  return out;
}

/** The caller: the request's role session, else the one the STS model says this account's requests come from. */
export function principal(req: Pick<AuthRequest, 'sim' | 'accountId' | 'caller'>) {
  if (req.caller) {
    const { roleName, sessionName, arn, accountId } = req.caller;
    return {
      role: roleName,
      session: sessionName,
      arn,
      roleArn: `arn:aws:iam::${accountId}:role/${roleName}`,
    };
  }
  const sts = req.sim.slice<{ roleName?: string; sessionName?: string }>('sts') ?? {};
  const role = sts.roleName ?? 'ami-pipeline';
  const session = sts.sessionName ?? 'ami-action';
  return {
    role,
    session,
    arn: `arn:aws:sts::${req.accountId}:assumed-role/${role}/${session}`,
    roleArn: `arn:aws:iam::${req.accountId}:role/${role}`,
  };
}

/** Keys present in every request. */
export function globalKeys(req: AuthRequest, viaService?: string): RequestContext {
  const who = principal(req);
  return keys({
    'aws:RequestedRegion': req.region,
    'aws:PrincipalArn': who.roleArn,
    'aws:PrincipalAccount': req.accountId,
    'aws:PrincipalType': 'AssumedRole',
    'aws:SecureTransport': 'true',
    'aws:ViaAWSService': viaService ? 'true' : 'false',
    'aws:CalledVia': viaService ? [viaService] : undefined,
  });
}

export function check(
  action: string,
  resource: string,
  ...contexts: (RequestContext | undefined)[]
): AuthCheck {
  return { action, resource, context: merge(...contexts) };
}
