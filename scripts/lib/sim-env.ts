/** The environment that points the real AWS SDK clients inside dist/index.js at a simulated AWS. */
export function simEnv(endpoint: string, region = 'us-east-1'): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'AKIDSIMULATED',
    AWS_SECRET_ACCESS_KEY: 'simulated',
    AWS_REGION: region,
    AWS_EC2_METADATA_DISABLED: 'true',
    NODE_NO_WARNINGS: '1',
  };
}
