// The SDK alone, for the cold-start bench: the EC2 client sending one DescribeImages, with no input
// read and no plan, bundled as the action's modes are (scripts/lib/bundle-options.mjs). What any
// action that calls EC2 through the AWS SDK v3 pays before its first request.
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';

await new EC2Client({ region: process.env.AWS_REGION ?? 'us-east-1' })
  .send(new DescribeImagesCommand({ ImageIds: ['ami-0123456789abcdef0'] }))
  .catch(() => undefined);
