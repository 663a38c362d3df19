/**
 * Request pacing: the action spreads its own calls to stay within AWS's request rates instead of
 * provoking throttling and backing off. EC2 meters requests per account and region in token buckets
 * (a bucket per API for some, else one for non-mutating and one for mutating calls), refilled every
 * second up to their capacity:
 * https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html
 * Each attempt (retries included) takes a token; with none left it waits its turn (callers queue in
 * order). Other clients of the account (an earlier step of the job, another job) spend the same
 * tokens: a throttled answer tells the pacer the bucket is empty, so the next calls wait for the
 * refill, and the throttled call backs off and is retried (retries.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface BucketSpec {
  capacity: number;
  refillPerSecond: number;
}

/** EC2's documented default request buckets. */
const EC2_NON_MUTATING: BucketSpec = { capacity: 100, refillPerSecond: 20 };
const EC2_MUTATING: BucketSpec = { capacity: 50, refillPerSecond: 5 };
const EC2_OWN_BUCKETS: Record<string, BucketSpec> = {
  CopyImage: { capacity: 100, refillPerSecond: 1 },
  ModifyImageAttribute: { capacity: 100, refillPerSecond: 5 },
  CreateTags: { capacity: 100, refillPerSecond: 10 },
  RunInstances: { capacity: 5, refillPerSecond: 2 },
};

/** The bucket an operation draws from, or undefined when the service meters none we know of. */
export function bucketOf(service: string, operation: string): { name: string; spec: BucketSpec } | undefined {
  if (service !== 'ec2') return undefined;
  if (EC2_OWN_BUCKETS[operation]) return { name: operation, spec: EC2_OWN_BUCKETS[operation] };
  return /^(Describe|Get|List)/.test(operation)
    ? { name: 'non-mutating', spec: EC2_NON_MUTATING }
    : { name: 'mutating', spec: EC2_MUTATING };
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * The share of a bucket the pacer uses: requests leave here at the refill rate but reach AWS a little
 * bunched (network and server jitter); a tenth of the capacity and of the rate kept in hand absorbs
 * that, so a paced run is not throttled at the edge of the bucket.
 */
const HEADROOM = 0.9;

export class Pacer {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly wait: (ms: number) => Promise<unknown> = (ms) => sleep(ms),
  ) {}

  /** Takes a token (waiting for one when the bucket is empty). */
  async take(scope: string, service: string, operation: string): Promise<void> {
    const found = bucketOf(service, operation);
    if (!found) return;
    const spec = {
      capacity: Math.floor(found.spec.capacity * HEADROOM),
      refillPerSecond: found.spec.refillPerSecond * HEADROOM,
    };
    const bucket = this.refilled(`${scope}/${service}/${found.name}`, spec);
    // A negative count is the queue of callers already waiting: each waits for its own token.
    bucket.tokens -= 1;
    if (bucket.tokens < 0) await this.wait((-bucket.tokens / spec.refillPerSecond) * 1000);
  }

  /** AWS answered that the bucket is empty: no call of this bucket goes before the refill. */
  throttled(scope: string, service: string, operation: string): void {
    const found = bucketOf(service, operation);
    if (!found) return;
    const spec = {
      capacity: Math.floor(found.spec.capacity * HEADROOM),
      refillPerSecond: found.spec.refillPerSecond * HEADROOM,
    };
    const bucket = this.refilled(`${scope}/${service}/${found.name}`, spec);
    bucket.tokens = Math.min(bucket.tokens, 0);
  }

  private refilled(key: string, spec: BucketSpec): Bucket {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: spec.capacity, at: now };
    bucket.tokens = Math.min(
      spec.capacity,
      bucket.tokens + ((now - bucket.at) / 1000) * spec.refillPerSecond,
    );
    bucket.at = now;
    this.buckets.set(key, bucket);
    return bucket;
  }
}

/** One pacer for the whole step: every client of an account and region shares its buckets. */
export const pacer = new Pacer();
