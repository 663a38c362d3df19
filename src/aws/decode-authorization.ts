/**
 * EC2 encodes why it denied a call; STS decodes it for a role allowed sts:DecodeAuthorizationMessage.
 * Loaded only when a call was denied, so no other run pays for the STS client.
 */
import { DecodeAuthorizationMessageCommand, STSClient } from '@aws-sdk/client-sts';
import { awsClient } from './clients.js';

export async function decodeAuthorizationMessage(encoded: string): Promise<string | undefined> {
  const region = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || 'us-east-1';
  const result = await awsClient(STSClient, region).send(
    new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }),
  );
  return result.DecodedMessage;
}
