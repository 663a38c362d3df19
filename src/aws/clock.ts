/**
 * AWS's clock. Ages and expiries of AWS resources (an AMI's age for cleanup, a deprecation time, a
 * kept group's expiry) are decided against the time AWS reports, not the runner's clock, so a
 * self-hosted runner with a skewed clock decides as AWS would. Every response carries AWS's time in
 * its `Date` header (the SDK reads the same header to correct clock skew); the client factory feeds
 * each one here, and `awsNow()` is the runner's clock moved by the last offset seen.
 */

let offsetMs = 0;

/** Takes AWS's time from a response's `Date` header (one-second resolution: the middle of that second). */
export function observeAwsDate(header: string | undefined, receivedAt = Date.now()): void {
  if (!header) return;
  const aws = Date.parse(header);
  if (Number.isFinite(aws)) offsetMs = aws + 500 - receivedAt;
}

/** Now, on AWS's clock (the runner's clock until the first response). */
export function awsNow(): Date {
  return new Date(Date.now() + offsetMs);
}

/** The SDK middleware that reads every response's `Date` header, successful or not. */
export function watchAwsClock(client: { middlewareStack: { add: (...args: any[]) => void } }): void {
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<{ response?: { headers?: Record<string, string> } }>) =>
      async (args: unknown) => {
        try {
          const result = await next(args);
          observeAwsDate(result.response?.headers?.date);
          return result;
        } catch (error) {
          observeAwsDate(
            (error as { $response?: { headers?: Record<string, string> } })?.$response?.headers?.date,
          );
          throw error;
        }
      },
    { step: 'deserialize', name: 'amiActionAwsClock' },
  );
}
