/**
 * EC2's request token buckets, per account and region, as the EC2 API reference's "Request throttling"
 * page describes them: each request takes a token from its API's own bucket where it has one, else
 * from its category's (non-mutating describes, or other mutating calls); buckets refill every second
 * up to their capacity, and a request finding its bucket empty is answered `RequestLimitExceeded`.
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

const isNonMutating = (operation: string) => /^(Describe|Get|List)/.test(operation);

function bucketOf(operation: string): { name: string; spec: BucketSpec } {
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
    if (service !== 'ec2') return true;
    const { name, spec } = bucketOf(operation);
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
