/**
 * The environment that points the real AWS SDK clients inside dist/index.js at a simulated AWS.
 *
 * `AWS_DISABLE_CLOCK_SKEW_CORRECTION`: the simulator stamps every response's `Date` with simulated
 * time, which at a time scale below 1 runs ahead of the runner's clock and keeps drifting. The SDK
 * would take that drift for clock skew: once its offset passes 4 minutes it marks every error
 * `clockSkewCorrected`, a transient error, and retries it up to the client's maximum attempts (an
 * AccessDenied then costs ten attempts and seconds of back-off). Against AWS the runner's clock does
 * not drift like this, so the SDK's correction stays off here. Code that wants AWS's clock reads the
 * `Date` header of the responses (a middleware), not the SDK's clock offset, which stays 0 here.
 */
export function simEnv(endpoint: string, region = 'us-east-1'): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'AKIDSIMULATED',
    AWS_SECRET_ACCESS_KEY: 'simulated',
    AWS_REGION: region,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_DISABLE_CLOCK_SKEW_CORRECTION: 'true',
    NODE_NO_WARNINGS: '1',
  };
}
