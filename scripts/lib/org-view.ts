/**
 * What an account sees, read the way anyone there would, with the SDK against the simulated AWS:
 * a workload account through its `ami-consumer` role (assumed from the tooling account), the tooling
 * account with the simulator's default credentials. For the demo's closing report and the e2e tests
 * of the examples.
 */
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeImagesCommand, DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { DEFAULT_ACCOUNT_ID } from '../../sim/core/accounts.js';
import { consumerRoleArn } from '../../sim/services/sts/scenario.js';
import { simEnv } from './sim-env.js';

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

export class AccountView {
  constructor(
    private readonly endpoint: string,
    readonly account: string,
  ) {}

  private config(region: string, credentials: Credentials) {
    return { region, endpoint: this.endpoint, credentials, maxAttempts: 1 };
  }

  /** A fresh session for each read: simulated time may run far past one session's hour between reads. */
  private async session(): Promise<Credentials> {
    const env = simEnv(this.endpoint);
    const own = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY };
    if (this.account === DEFAULT_ACCOUNT_ID) return own;
    const sts = new STSClient(this.config('us-east-1', own));
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({ RoleArn: consumerRoleArn(this.account), RoleSessionName: 'ami-action-view' }),
    );
    return {
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretAccessKey!,
      sessionToken: Credentials!.SessionToken,
    };
  }

  /** The parameter's value and version in the account's region, if it exists. */
  async parameter(region: string, name: string): Promise<{ value: string; version: number } | undefined> {
    const ssm = new SSMClient(this.config(region, await this.session()));
    try {
      const { Parameter } = await ssm.send(new GetParameterCommand({ Name: name }));
      return { value: Parameter?.Value ?? '', version: Parameter?.Version ?? 0 };
    } catch (error) {
      if ((error as Error).name === 'ParameterNotFound') return undefined;
      throw error;
    }
  }

  /** An AMI as the account sees it: owner, encryption and tags. */
  async image(region: string, imageId: string) {
    const ec2 = new EC2Client(this.config(region, await this.session()));
    const { Images } = await ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }));
    const image = Images?.[0];
    if (!image) return undefined;
    return {
      ownerId: image.OwnerId,
      encrypted: (image.BlockDeviceMappings ?? []).every((m) => !m.Ebs || m.Ebs.Encrypted),
      tags: Object.fromEntries((image.Tags ?? []).map((t) => [t.Key, t.Value])),
    };
  }

  /** The AMIs the group's instances run. */
  async groupAmis(region: string, group: string): Promise<string[]> {
    const credentials = await this.session();
    const asg = new AutoScalingClient(this.config(region, credentials));
    const { AutoScalingGroups } = await asg.send(
      new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [group] }),
    );
    const ids = (AutoScalingGroups?.[0]?.Instances ?? []).map((i) => i.InstanceId as string);
    if (ids.length === 0) return [];
    const { Reservations } = await new EC2Client(this.config(region, credentials)).send(
      new DescribeInstancesCommand({ InstanceIds: ids }),
    );
    const amis = (Reservations ?? []).flatMap((r) => r.Instances ?? []).map((i) => i.ImageId as string);
    return [...new Set(amis)].sort();
  }
}
