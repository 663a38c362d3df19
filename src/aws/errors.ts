/**
 * Turns AWS errors into plain words: which call failed where, and the likely fix. The client factory
 * tags every error with the IAM action and region it came from, so messages can name them.
 */

interface AnnotatedError extends Error {
  Code?: string;
  $action?: string;
  $region?: string;
  /** The target account the call acted in (through its role); absent: the job's own account. */
  $account?: string;
  $metadata?: { attempts?: number; httpStatusCode?: number };
}

/** IAM service prefixes by SDK client name. */
const IAM_PREFIX: Record<string, string> = {
  EC2Client: 'ec2',
  SSMClient: 'ssm',
  AutoScalingClient: 'autoscaling',
  ImagebuilderClient: 'imagebuilder',
  ElasticLoadBalancingV2Client: 'elasticloadbalancing',
  CloudWatchClient: 'cloudwatch',
  KMSClient: 'kms',
  STSClient: 'sts',
  Inspector2Client: 'inspector2',
  ServiceQuotasClient: 'servicequotas',
};

export function annotateErrors(
  client: { middlewareStack: { add: (...args: any[]) => void } },
  region: string,
  account?: string,
) {
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context: { clientName?: string; commandName?: string }) =>
      async (args: unknown) => {
        try {
          return await next(args);
        } catch (error) {
          if (error && typeof error === 'object') {
            const prefix = IAM_PREFIX[context.clientName ?? ''] ?? context.clientName;
            const operation = context.commandName?.replace(/Command$/, '');
            Object.assign(error, {
              $action: `${prefix}:${operation}`,
              $region: region,
              ...(account ? { $account: account } : {}),
            });
          }
          throw error;
        }
      },
    { step: 'initialize', name: 'amiActionErrorContext' },
  );
}

const ACCESS_DENIED = new Set([
  'UnauthorizedOperation',
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedAccess',
]);
/**
 * Answers that mean "not now, too many at once": the call was not carried out and may be sent again
 * after a pause. SSM's `TooManyUpdates` ("there are concurrent updates for a resource that supports
 * one update at a time", PutParameter and the parameter label calls) is one: the SDK does not class it
 * as throttling, so retries.ts retries it by this list.
 */
const THROTTLED = new Set([
  'RequestLimitExceeded',
  'TooManyUpdates',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
]);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);

export function errorCode(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { Code, name } = error as AnnotatedError;
  return Code ?? name;
}

/** A refusal of permission (IAM, an SCP, a key policy), in any of the codes AWS services use. */
export function isAccessDenied(error: unknown): boolean {
  return ACCESS_DENIED.has(errorCode(error) ?? '');
}

export function isNotFound(error: unknown): boolean {
  const code = errorCode(error) ?? '';
  return /NotFound|DoesNotExist|NoSuch/.test(code) || code === 'ParameterNotFound';
}

export function isThrottle(error: unknown): boolean {
  return THROTTLED.has(errorCode(error) ?? '');
}

/**
 * A message for the job log. `decode` turns EC2's encoded authorization message into its JSON (it
 * needs sts:DecodeAuthorizationMessage, so it is optional and best effort).
 */
export async function explainError(
  error: unknown,
  decode?: (encoded: string) => Promise<string | undefined>,
): Promise<string> {
  if (!(error instanceof Error)) return String(error);
  const annotated = error as AnnotatedError;
  const code = errorCode(error) ?? 'Error';
  const inAccount = annotated.$account ? ` of account ${annotated.$account}` : '';
  const where = annotated.$action ? `${annotated.$action} in ${annotated.$region}${inAccount}` : undefined;
  if (!where) {
    if (error.name === 'CredentialsProviderError') {
      return `No AWS credentials were found. Add aws-actions/configure-aws-credentials before this step. (${error.message})`;
    }
    return error.message;
  }
  if (ACCESS_DENIED.has(code)) {
    let detail = error.message;
    const encoded = /Encoded authorization failure message: (\S+)/.exec(error.message)?.[1];
    if (encoded && decode) detail = (await decode(encoded).catch(() => undefined)) ?? detail;
    // The denied action may be one the call implies (iam:PassRole, ec2:CreateTags, kms:CreateGrant...).
    const missing =
      /not authorized to perform: ([\w-]+:[\w*]+)/.exec(error.message)?.[1] ?? annotated.$action;
    const via = missing === annotated.$action ? '' : `, which ${annotated.$action} needs`;
    if (annotated.$account) {
      return `Missing IAM permission: the role assumed in account ${annotated.$account} (target-role) may not call ${missing} (in ${annotated.$region})${via}. Add ${missing} to its policy: docs/iam/consumer.json is the least-privilege policy of the target role. AWS said: ${detail}`;
    }
    return `Missing IAM permission: the role this job runs as may not call ${missing} (in ${annotated.$region})${via}. Add ${missing} to its policy: docs/iam/<mode>.json is the least-privilege policy for each mode. AWS said: ${detail}`;
  }
  if (THROTTLED.has(code)) {
    const attempts = annotated.$metadata?.attempts ?? 1;
    return `AWS throttled ${where} and it still failed after ${attempts} attempts with back-off (${code}). Lower the concurrency inputs or re-run later. AWS said: ${error.message}`;
  }
  if (EXPIRED.has(code)) {
    return `The AWS credentials expired during ${where}. OIDC role sessions last one hour by default: set role-duration-seconds on aws-actions/configure-aws-credentials (the role's MaxSessionDuration must allow it). AWS said: ${error.message}`;
  }
  if (isNotFound(error)) return `Not found: ${error.message} (${code}, from ${where}).`;
  return `${where} failed: ${code}: ${error.message}`;
}
