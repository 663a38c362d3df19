/**
 * Request pacing: the action spreads its own calls to stay within AWS's request rates instead of
 * provoking throttling and backing off. AWS meters requests per account and region in token buckets,
 * refilled every second up to their capacity:
 * - EC2: a bucket per API for some, else one for non-mutating and one for mutating calls, sizes
 *   documented: https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html
 * - Systems Manager Parameter Store: GetParameter, GetParameters and GetParametersByPath share a
 *   default throughput of 40 transactions a second per account and region ("AWS Systems Manager
 *   endpoints and quotas", https://docs.aws.amazon.com/general/latest/gr/ssm.html; the throughput
 *   setting: https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-throughput.html).
 *   The same pages meter PutParameter too but publish no default number for it; AWS Support gave
 *   3 a second with default throughput
 *   (https://github.com/github-aws-runners/terraform-aws-github-runner/issues/2944). Our choice: the
 *   parameter writes (PutParameter, DeleteParameter(s), LabelParameterVersion,
 *   UnlabelParameterVersion) share one bucket of 3, 3 a second.
 * - Other Systems Manager calls (Run Command: SendCommand, ListCommandInvocations,
 *   GetCommandInvocation; DescribeInstanceInformation, GetParameterHistory, DescribeParameters): AWS
 *   publishes no rate. Our choice: one shared bucket of 20, 10 a second, about what a deploy of 30
 *   lanes polling Run Command every few seconds needs, and a quarter of the Parameter Store reads.
 * - Auto Scaling: every API draws from one shared bucket whose size AWS does not publish
 *   (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/Welcome.html, "API request rate").
 *   Our choice: 40 tokens, 20 a second, below EC2's documented non-mutating bucket (100, 20 a
 *   second): all lanes of a deploy plan at once (two or three calls each), so the capacity spreads a
 *   burst of 30 lanes over a second or two, and 20 a second keeps 100 lanes polling every 5 seconds.
 * ELBv2, CloudWatch and the other services are not paced (no published rates; few calls each).
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

/** Parameter Store's documented default throughput for its reads (40 transactions a second). */
const SSM_PARAMETER_READS: BucketSpec = { capacity: 40, refillPerSecond: 40 };
const SSM_PARAMETER_READ_OPERATIONS = new Set(['GetParameter', 'GetParameters', 'GetParametersByPath']);
/** Our choice: PutParameter's rate as AWS Support gave it (3 a second), for every parameter write. */
const SSM_PARAMETER_WRITES: BucketSpec = { capacity: 3, refillPerSecond: 3 };
const SSM_PARAMETER_WRITE_OPERATIONS = new Set([
  'PutParameter',
  'DeleteParameter',
  'DeleteParameters',
  'LabelParameterVersion',
  'UnlabelParameterVersion',
]);
/** Our choice: every other SSM call (Run Command, instance information, parameter history). */
const SSM_OTHER: BucketSpec = { capacity: 20, refillPerSecond: 10 };
/** Our choice: Auto Scaling's one shared bucket, whose size AWS does not publish. */
const AUTOSCALING_SHARED: BucketSpec = { capacity: 40, refillPerSecond: 20 };

/** The bucket an operation draws from, or undefined when the service meters none we know of. */
export function bucketOf(service: string, operation: string): { name: string; spec: BucketSpec } | undefined {
  switch (service) {
    case 'ec2':
      if (EC2_OWN_BUCKETS[operation]) return { name: operation, spec: EC2_OWN_BUCKETS[operation] };
      return /^(Describe|Get|List)/.test(operation)
        ? { name: 'non-mutating', spec: EC2_NON_MUTATING }
        : { name: 'mutating', spec: EC2_MUTATING };
    case 'ssm':
      if (SSM_PARAMETER_READ_OPERATIONS.has(operation))
        return { name: 'parameter-reads', spec: SSM_PARAMETER_READS };
      if (SSM_PARAMETER_WRITE_OPERATIONS.has(operation))
        return { name: 'parameter-writes', spec: SSM_PARAMETER_WRITES };
      return { name: 'other', spec: SSM_OTHER };
    case 'autoscaling':
      return { name: 'shared', spec: AUTOSCALING_SHARED };
    default:
      return undefined;
  }
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
