/**
 * AWS's request token buckets, per account and region: each request takes a token from its bucket,
 * buckets refill every second up to their capacity, and a request finding its bucket empty is throttled
 * (the protocol's throttling answer: `RequestLimitExceeded` for EC2, `ThrottlingException` for SSM).
 * - EC2, as the EC2 API reference's "Request throttling" page describes them: a request takes a token
 *   from its API's own bucket where it has one, else from its category's (non-mutating describes, or
 *   other mutating calls).
 * - SSM Parameter Store: GetParameter, GetParameters and GetParametersByPath share the default
 *   throughput of 40 transactions a second ("AWS Systems Manager endpoints and quotas"), modelled as a
 *   bucket of 40 refilled 40 a second. Other SSM calls are not metered (AWS publishes no numbers).
 * Buckets refill in real time, not simulated time: the request rate is the caller's real pace.
 */
interface BucketSpec {
  capacity: number;
  refillPerSecond: number;
}

const NON_MUTATING: BucketSpec = { capacity: 100, refillPerSecond: 20 };
const MUTATING: BucketSpec = { capacity: 50, refillPerSecond: 5 };
const OWN_BUCKETS: Record<string, BucketSpec> = {
  CopyImage: { capacity: 100, refillPerSecond: 1 },
  ModifyImageAttribute: { capacity: 100, refillPerSecond: 5 },
  CreateTags: { capacity: 100, refillPerSecond: 10 },
  RunInstances: { capacity: 5, refillPerSecond: 2 },
};

/** Parameter Store's default throughput for its reads, shared by the three. */
const SSM_PARAMETER_READS: BucketSpec = { capacity: 40, refillPerSecond: 40 };
const SSM_PARAMETER_READ_OPERATIONS = new Set(['GetParameter', 'GetParameters', 'GetParametersByPath']);

const isNonMutating = (operation: string) => /^(Describe|Get|List)/.test(operation);

function bucketOf(service: string, operation: string): { name: string; spec: BucketSpec } | undefined {
  if (service === 'ssm') {
    return SSM_PARAMETER_READ_OPERATIONS.has(operation)
      ? { name: 'ssm/parameter-reads', spec: SSM_PARAMETER_READS }
      : undefined;
  }
  if (service !== 'ec2') return undefined;
  if (OWN_BUCKETS[operation]) return { name: operation, spec: OWN_BUCKETS[operation] };
  return isNonMutating(operation)
    ? { name: 'non-mutating', spec: NON_MUTATING }
    : { name: 'mutating', spec: MUTATING };
}

export class RateLimits {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Takes a token for this call (buckets per account and region); false when its bucket is empty (throttled). */
  take(service: string, region: string, operation: string, account = ''): boolean {
    const found = bucketOf(service, operation);
    if (!found) return true;
    const { name, spec } = found;
    const key = `${account}/${region}/${name}`;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: spec.capacity, at: now };
    bucket.tokens = Math.min(
      spec.capacity,
      bucket.tokens + ((now - bucket.at) / 1000) * spec.refillPerSecond,
    );
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  clear(): void {
    this.buckets.clear();
  }
}
