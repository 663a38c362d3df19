/** The simulator enforcing an IAM policy on calls from the real SDK v3 clients. */

import { AutoScalingClient, StartInstanceRefreshCommand } from '@aws-sdk/client-auto-scaling';
import {
  CopyImageCommand,
  CreateTagsCommand,
  DeregisterImageCommand,
  DescribeImagesCommand,
  EC2Client,
  RunInstancesCommand,
  type RunInstancesCommandInput,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { GetImageCommand, ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { DecodeAuthorizationMessageCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BASE_AMI_ID, DEFAULT_INSTANCE_PROFILE } from '../../sim/services/ec2/scenario.js';
import { useSimulator } from '../helpers/sim.js';

const aws = useSimulator({ timeScale: 0.01, rateLimits: false });
beforeEach(() => aws.reset());

const ec2 = (region = 'us-east-1') => new EC2Client({ ...aws.sdkConfig(region), maxAttempts: 1 });
const ACCOUNT = '123456789012';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${DEFAULT_INSTANCE_PROFILE}`;
const CALLER = `arn:aws:sts::${ACCOUNT}:assumed-role/ami-pipeline/ami-action`;

const allow = (Action: string | string[], Resource: string | string[] = '*', Condition?: unknown) => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...(Condition ? { Condition } : {}),
});
const policy = (...Statement: unknown[]) => aws.policy({ Version: '2012-10-17', Statement });

async function denial(promise: Promise<unknown>): Promise<any> {
  const error = await promise.then(
    () => undefined,
    (e) => e,
  );
  expect(error, 'the call should have been denied').toBeDefined();
  return error;
}

describe('control API', () => {
  it('POST /_sim/policy installs a validated policy, GET returns it, reset and null remove it', async () => {
    await policy(allow('ec2:DescribeImages'));
    const got = await fetch(`${aws.url}/_sim/policy`).then((r) => r.json());
    expect(got).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['ec2:DescribeImages'], Resource: ['*'] }],
    });
    await aws.reset();
    expect(await fetch(`${aws.url}/_sim/policy`).then((r) => r.json())).toBeNull();
    await policy(allow('ec2:DescribeImages'));
    const kms = new KMSClient({ ...aws.sdkConfig(), maxAttempts: 1 });
    const describeKey = () => kms.send(new DescribeKeyCommand({ KeyId: 'alias/ami-action' }));
    expect((await denial(describeKey())).name).toBe('AccessDeniedException');
    await aws.policy(null);
    expect((await describeKey()).KeyMetadata?.KeyManager).toBe('CUSTOMER');
    await expect(
      aws.policy({
        Statement: [{ Effect: 'Allow', Action: 'ec2:X', Resource: '*', Condition: { StringEqual: {} } }],
      }),
    ).rejects.toThrow(/400.*unknown condition operator StringEqual/);
  });
});

describe('EC2', () => {
  it('allows what the policy allows and answers UnauthorizedOperation (403) naming the action and resource', async () => {
    await policy(allow('ec2:DescribeImages'), allow('sts:DecodeAuthorizationMessage'));
    await ec2().send(new DescribeImagesCommand({ ImageIds: [DEFAULT_BASE_AMI_ID] }));
    const e = await denial(
      ec2().send(
        new CreateTagsCommand({ Resources: [DEFAULT_BASE_AMI_ID], Tags: [{ Key: 'k', Value: 'v' }] }),
      ),
    );
    expect(e.name).toBe('UnauthorizedOperation');
    expect(e.$metadata.httpStatusCode).toBe(403);
    expect(e.message).toContain(
      `You are not authorized to perform this operation. User: ${CALLER} is not authorized to perform: ec2:CreateTags on resource: arn:aws:ec2:us-east-1::image/${DEFAULT_BASE_AMI_ID} because no identity-based policy allows the ec2:CreateTags action. Encoded authorization failure message: `,
    );
    const calls = await aws.calls();
    expect(calls.map((c) => [c.operation, c.outcome, c.httpStatus])).toEqual([
      ['DescribeImages', 'ok', 200],
      ['CreateTags', 'UnauthorizedOperation', 403],
    ]);

    const encoded = /Encoded authorization failure message: (\S+)/.exec(e.message)![1];
    const sts = new STSClient(aws.sdkConfig());
    const { DecodedMessage } = await sts.send(
      new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }),
    );
    const decoded = JSON.parse(DecodedMessage!);
    expect(decoded).toMatchObject({
      allowed: false,
      explicitDeny: false,
      context: {
        principal: { arn: CALLER },
        action: 'ec2:CreateTags',
        resource: `arn:aws:ec2:us-east-1::image/${DEFAULT_BASE_AMI_ID}`,
      },
    });
    expect(decoded.context.conditions.items).toContainEqual({
      key: 'aws:tagkeys',
      values: { items: [{ value: 'k' }] },
    });
    await expect(
      sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: 'garbage' })),
    ).rejects.toMatchObject({
      name: 'InvalidAuthorizationMessageException',
    });
  });

  it('an explicit Deny says so', async () => {
    await policy(allow('ec2:*'), { Effect: 'Deny', Action: 'ec2:DescribeImages', Resource: '*' });
    const e = await denial(ec2().send(new DescribeImagesCommand({})));
    expect(e.message).toContain(
      'is not authorized to perform: ec2:DescribeImages with an explicit deny in an identity-based policy',
    );
  });

  describe('RunInstances and what it implies', () => {
    const launch: RunInstancesCommandInput = {
      ImageId: DEFAULT_BASE_AMI_ID,
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      IamInstanceProfile: { Name: DEFAULT_INSTANCE_PROFILE },
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'ami-action:run-id', Value: '42' }] }],
    };
    const run = allow('ec2:RunInstances', [
      'arn:aws:ec2:us-east-1::image/ami-*',
      'arn:aws:ec2:us-east-1:*:instance/*',
      'arn:aws:ec2:us-east-1:*:network-interface/*',
      'arn:aws:ec2:us-east-1:*:volume/*',
      'arn:aws:ec2:us-east-1:*:subnet/*',
      'arn:aws:ec2:us-east-1:*:security-group/*',
    ]);
    const passRole = allow('iam:PassRole', ROLE_ARN, {
      StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' },
    });
    const tagOnLaunch = allow('ec2:CreateTags', 'arn:aws:ec2:us-east-1:*:instance/*', {
      StringEquals: { 'ec2:CreateAction': 'RunInstances' },
    });

    it('needs each resource type it touches', async () => {
      await policy(
        allow('ec2:RunInstances', [
          'arn:aws:ec2:*::image/*',
          'arn:aws:ec2:*:*:instance/*',
          'arn:aws:ec2:*:*:volume/*',
        ]),
        passRole,
        tagOnLaunch,
      );
      const e = await denial(ec2().send(new RunInstancesCommand(launch)));
      expect(e.message).toMatch(
        /not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:123456789012:network-interface\/\*/,
      );
    });

    it('needs iam:PassRole on the instance profile role, for ec2.amazonaws.com', async () => {
      await policy(run, tagOnLaunch);
      const e = await denial(ec2().send(new RunInstancesCommand(launch)));
      expect(e.name).toBe('UnauthorizedOperation');
      expect(e.message).toContain(`not authorized to perform: iam:PassRole on resource: ${ROLE_ARN}`);
      await policy(
        run,
        tagOnLaunch,
        allow('iam:PassRole', ROLE_ARN, { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } }),
      );
      expect((await denial(ec2().send(new RunInstancesCommand(launch)))).message).toContain('iam:PassRole');
    });

    it('needs ec2:CreateTags with ec2:CreateAction for TagSpecifications', async () => {
      await policy(run, passRole);
      const e = await denial(ec2().send(new RunInstancesCommand(launch)));
      expect(e.message).toContain(
        'not authorized to perform: ec2:CreateTags on resource: arn:aws:ec2:us-east-1:123456789012:instance/*',
      );
      await policy(
        run,
        passRole,
        allow('ec2:CreateTags', '*', { StringEquals: { 'ec2:CreateAction': 'CreateImage' } }),
      );
      expect((await denial(ec2().send(new RunInstancesCommand(launch)))).message).toContain('ec2:CreateTags');
    });

    it('launches with the whole set, and a tag condition limits what it may terminate', async () => {
      const terminate = allow('ec2:TerminateInstances', 'arn:aws:ec2:*:*:instance/*', {
        StringEquals: { 'aws:ResourceTag/ami-action:run-id': '42' },
      });
      await policy(run, passRole, tagOnLaunch, terminate);
      const ours = (await ec2().send(new RunInstancesCommand(launch))).Instances![0].InstanceId!;
      const other = (
        await ec2().send(
          new RunInstancesCommand({
            ...launch,
            TagSpecifications: [
              { ResourceType: 'instance', Tags: [{ Key: 'ami-action:run-id', Value: '7' }] },
            ],
          }),
        )
      ).Instances![0].InstanceId!;
      const e = await denial(ec2().send(new TerminateInstancesCommand({ InstanceIds: [other] })));
      expect(e.message).toContain(
        `ec2:TerminateInstances on resource: arn:aws:ec2:us-east-1:123456789012:instance/${other}`,
      );
      await ec2().send(new TerminateInstancesCommand({ InstanceIds: [ours] }));
    });
  });

  it('DeregisterImage with DeleteAssociatedSnapshots needs ec2:DeleteSnapshot on each snapshot, with its tags', async () => {
    const image = 'ami-00000000000000043';
    await aws.seed({
      ec2: {
        images: [{ region: 'us-east-1', imageId: image, name: 'app-43', ownerId: ACCOUNT, public: false }],
      },
    });
    const state = await aws.state();
    const snapshot =
      state.services.ec2.regions['us-east-1'].images[image].BlockDeviceMappings[0].Ebs.SnapshotId;
    await ec2().send(
      new CreateTagsCommand({ Resources: [image], Tags: [{ Key: 'ami-action:run-id', Value: '1' }] }),
    );
    const tagged = { Null: { 'aws:ResourceTag/ami-action:run-id': 'false' } };
    await policy(
      allow('ec2:DeregisterImage', 'arn:aws:ec2:*::image/*', tagged),
      allow('ec2:DeleteSnapshot', 'arn:aws:ec2:*::snapshot/*', tagged),
    );
    const deregister = () =>
      ec2().send(new DeregisterImageCommand({ ImageId: image, DeleteAssociatedSnapshots: true }));
    const e = await denial(deregister());
    expect(e.message).toContain(
      `ec2:DeleteSnapshot on resource: arn:aws:ec2:us-east-1::snapshot/${snapshot}`,
    );
    await aws.policy(null);
    await ec2().send(
      new CreateTagsCommand({ Resources: [snapshot], Tags: [{ Key: 'ami-action:run-id', Value: '1' }] }),
    );
    await policy(
      allow('ec2:DeregisterImage', 'arn:aws:ec2:*::image/*', tagged),
      allow('ec2:DeleteSnapshot', 'arn:aws:ec2:*::snapshot/*', tagged),
    );
    await deregister();
  });

  it('an encrypted copy needs the KMS actions EBS uses, via EC2, on the destination key', async () => {
    const source = 'ami-00000000000000042';
    await aws.seed({
      ec2: {
        images: [{ region: 'us-east-1', imageId: source, name: 'app-42', ownerId: ACCOUNT, public: false }],
      },
    });
    const copy = allow('ec2:CopyImage', ['arn:aws:ec2:*::image/*', 'arn:aws:ec2:*::snapshot/*']);
    const input = {
      SourceImageId: source,
      SourceRegion: 'us-east-1',
      Name: 'app-42',
      Encrypted: true,
      KmsKeyId: 'alias/ami-action',
    };
    await policy(copy);
    const e = await denial(ec2('eu-west-1').send(new CopyImageCommand(input)));
    expect(e.message).toMatch(
      /not authorized to perform: kms:DescribeKey on resource: arn:aws:kms:eu-west-1:123456789012:key\//,
    );
    const kms = (Condition: unknown) =>
      allow(
        [
          'kms:DescribeKey',
          'kms:CreateGrant',
          'kms:GenerateDataKeyWithoutPlaintext',
          'kms:Decrypt',
          'kms:ReEncrypt*',
        ],
        'arn:aws:kms:*:*:key/*',
        Condition,
      );
    await policy(copy, kms({ StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } }));
    expect((await denial(ec2('eu-west-1').send(new CopyImageCommand(input)))).message).toContain(
      'kms:DescribeKey',
    );
    await policy(
      copy,
      kms({
        StringEquals: { 'kms:ViaService': 'ec2.eu-west-1.amazonaws.com' },
        Bool: { 'kms:GrantIsForAWSResource': 'true' },
      }),
    );
    expect((await denial(ec2('eu-west-1').send(new CopyImageCommand(input)))).message).toContain(
      'kms:DescribeKey',
    );
    await policy(copy, kms({ StringEquals: { 'kms:ViaService': 'ec2.eu-west-1.amazonaws.com' } }), {
      Effect: 'Deny',
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { Bool: { 'kms:GrantIsForAWSResource': 'false' } },
    });
    const { ImageId } = await ec2('eu-west-1').send(new CopyImageCommand(input));
    expect(ImageId).toMatch(/^ami-/);
  });
});

describe('Auto Scaling', () => {
  it('an instance refresh to a launch template version needs what launching from it needs', async () => {
    const asg = new AutoScalingClient({ ...aws.sdkConfig(), maxAttempts: 1 });
    const refresh = () =>
      asg.send(
        new StartInstanceRefreshCommand({
          AutoScalingGroupName: 'demo-app',
          DesiredConfiguration: { LaunchTemplate: { LaunchTemplateName: 'demo-app', Version: '1' } },
        }),
      );
    const group = allow(
      'autoscaling:StartInstanceRefresh',
      'arn:aws:autoscaling:*:*:autoScalingGroup:*:autoScalingGroupName/demo-*',
    );
    await policy(group);
    const e = await denial(refresh());
    expect(e.name).toBe('AccessDenied');
    expect(e.$metadata.httpStatusCode).toBe(403);
    expect(e.message).toMatch(
      /not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:123456789012:launch-template\/lt-/,
    );
    await policy(group, allow('ec2:RunInstances', '*'));
    expect((await denial(refresh())).message).toContain(`iam:PassRole on resource: ${ROLE_ARN}`);
    await policy(group, allow('ec2:RunInstances', '*'), allow('iam:PassRole', ROLE_ARN));
    expect((await refresh()).InstanceRefreshId).toBeDefined();
    await policy(
      allow(
        'autoscaling:StartInstanceRefresh',
        'arn:aws:autoscaling:*:*:autoScalingGroup:*:autoScalingGroupName/other',
      ),
    );
    expect((await denial(refresh())).message).toMatch(
      /autoscaling:StartInstanceRefresh on resource: arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:[0-9a-f-]+:autoScalingGroupName\/demo-app/,
    );
  });
});

describe('other protocols', () => {
  it('SSM answers AccessDeniedException naming the parameter ARN; PutParameter with Tags needs ssm:AddTagsToResource', async () => {
    await policy(
      allow(
        ['ssm:PutParameter', 'ssm:GetParameter'],
        'arn:aws:ssm:us-east-1:123456789012:parameter/app/ami/*',
      ),
    );
    const ssm = new SSMClient({ ...aws.sdkConfig(), maxAttempts: 1 });
    await ssm.send(new PutParameterCommand({ Name: '/app/ami/prod', Value: 'x', Type: 'String' }));
    expect((await ssm.send(new GetParameterCommand({ Name: '/app/ami/prod' }))).Parameter?.Value).toBe('x');
    const e = await denial(ssm.send(new GetParameterCommand({ Name: '/other/param' })));
    expect(e.name).toBe('AccessDeniedException');
    expect(e.$metadata.httpStatusCode).toBe(400);
    expect(e.message).toBe(
      `User: ${CALLER} is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:us-east-1:123456789012:parameter/other/param because no identity-based policy allows the ssm:GetParameter action`,
    );
    const tagged = await denial(
      ssm.send(
        new PutParameterCommand({
          Name: '/app/ami/dev',
          Value: 'x',
          Type: 'String',
          Tags: [{ Key: 'k', Value: 'v' }],
        }),
      ),
    );
    expect(tagged.message).toContain(
      'ssm:AddTagsToResource on resource: arn:aws:ssm:us-east-1:123456789012:parameter/app/ami/dev',
    );
  });

  it('KMS answers AccessDeniedException on the key ARN an alias names', async () => {
    await policy(allow('ec2:DescribeImages'));
    const e = await denial(
      new KMSClient({ ...aws.sdkConfig('eu-west-1'), maxAttempts: 1 }).send(
        new DescribeKeyCommand({ KeyId: 'alias/ami-action' }),
      ),
    );
    expect(e.name).toBe('AccessDeniedException');
    expect(e.message).toMatch(
      /kms:DescribeKey on resource: arn:aws:kms:eu-west-1:123456789012:key\/[0-9a-f-]+ because/,
    );
  });

  it('STS answers AccessDenied (awsQuery); GetCallerIdentity needs no permission', async () => {
    await policy(allow('ec2:DescribeImages'));
    const sts = new STSClient({ ...aws.sdkConfig(), maxAttempts: 1 });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(CALLER);
    const e = await denial(sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: 'x' })));
    expect(e.name).toBe('AccessDenied');
    expect(e.$metadata.httpStatusCode).toBe(403);
    expect(e.message).toContain('not authorized to perform: sts:DecodeAuthorizationMessage because');
  });

  it('Image Builder answers AccessDeniedException (403, restJson1) naming the image ARN', async () => {
    await policy(allow('imagebuilder:GetImagePipeline'));
    const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:image/app/1.0.0/1';
    const e = await denial(
      new ImagebuilderClient({ ...aws.sdkConfig(), maxAttempts: 1 }).send(
        new GetImageCommand({ imageBuildVersionArn: arn }),
      ),
    );
    expect(e.name).toBe('AccessDeniedException');
    expect(e.$metadata.httpStatusCode).toBe(403);
    expect(e.message).toContain(`imagebuilder:GetImage on resource: ${arn}`);
  });
});
