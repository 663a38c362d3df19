// The reference for cold start: what aws-actions/configure-aws-credentials loads (@actions/core and
// the STS client), bundled with ncc the same way, making its first AWS call.
import * as core from '@actions/core';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

const region = core.getInput('aws-region') || process.env.AWS_REGION || 'us-east-1';
await new STSClient({ region }).send(new GetCallerIdentityCommand({})).catch(() => undefined);
