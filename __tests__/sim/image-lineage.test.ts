/**
 * Where images come from, through the real SDK v3 clients: EC2's AMI ancestry (GetImageAncestry,
 * CreateImage and CopyImage recording their source), Image Builder's recipes (GetImageRecipe), parent
 * images resolved as a build starts (an AMI, `ssm:` parameter, or an image ARN's newest version), the
 * image versions behind them (ListImages, ListImageBuildVersions), and moving the base with the
 * control API's pinned seed format.
 */
import {
  CopyImageCommand,
  CreateImageCommand,
  DescribeImagesCommand,
  EC2Client,
  GetImageAncestryCommand,
  RegisterImageCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  GetImageCommand,
  GetImagePipelineCommand,
  GetImageRecipeCommand,
  ImagebuilderClient,
  ListImageBuildVersionsCommand,
  ListImagesCommand,
  StartImagePipelineExecutionCommand,
} from '@aws-sdk/client-imagebuilder';
import { beforeEach, describe, expect, it } from 'vitest';
import { DURATIONS } from '../../sim/core/time.js';
import { DEFAULT_BASE_AMI_ID, DEFAULT_INSTANCE_PROFILE } from '../../sim/services/ec2/scenario.js';
import { DEMO_PIPELINE_ARN } from '../../sim/services/imagebuilder/scenario.js';
import { AL2023_X86_PARAMETER } from '../../sim/services/ssm/scenario.js';
import { NEWER_BASE_AMI_ID, publishNewerBase } from '../helpers/base-image.js';
import { useSimulator } from '../helpers/sim.js';

const aws = useSimulator({ timeScale: 1 });
const ec2 = () => new EC2Client({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 });
const imagebuilder = () => new ImagebuilderClient({ ...aws.sdkConfig('us-east-1'), maxAttempts: 1 });
beforeEach(() => aws.reset());

describe('GetImageAncestry', () => {
  it('traces a copy of an image of an instance back to the Amazon base, the root', async () => {
    const run = await ec2().send(
      new RunInstancesCommand({
        ImageId: DEFAULT_BASE_AMI_ID,
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        IamInstanceProfile: { Name: DEFAULT_INSTANCE_PROFILE },
      }),
    );
    await aws.advance(DURATIONS.instancePendingSeconds);
    const { ImageId: baked } = await ec2().send(
      new CreateImageCommand({ InstanceId: run.Instances![0].InstanceId, Name: 'app-1' }),
    );
    const described = await ec2().send(new DescribeImagesCommand({ ImageIds: [baked!] }));
    expect(described.Images![0]).toMatchObject({
      SourceImageId: DEFAULT_BASE_AMI_ID,
      SourceImageRegion: 'us-east-1',
    });
    await aws.advance(DURATIONS.createImageSeconds);
    const { ImageId: copy } = await new EC2Client({ ...aws.sdkConfig('eu-west-1'), maxAttempts: 1 }).send(
      new CopyImageCommand({ SourceRegion: 'us-east-1', SourceImageId: baked, Name: 'app-1' }),
    );
    const { ImageAncestryEntries } = await new EC2Client({ ...aws.sdkConfig('eu-west-1') }).send(
      new GetImageAncestryCommand({ ImageId: copy }),
    );
    expect(
      ImageAncestryEntries?.map((e) => [e.ImageId, e.SourceImageId, e.SourceImageRegion, e.ImageOwnerAlias]),
    ).toEqual([
      [copy, baked, 'us-east-1', undefined],
      [baked, DEFAULT_BASE_AMI_ID, 'us-east-1', undefined],
      [DEFAULT_BASE_AMI_ID, undefined, undefined, 'amazon'],
    ]);
    expect(ImageAncestryEntries?.[2].CreationDate?.toISOString()).toBe('2024-10-10T23:09:21.000Z');
  });

  it('an image registered from snapshots has no recorded source: a chain of one', async () => {
    const base = await ec2().send(new DescribeImagesCommand({ ImageIds: [DEFAULT_BASE_AMI_ID] }));
    const SnapshotId = base.Images?.[0]?.BlockDeviceMappings?.[0]?.Ebs?.SnapshotId;
    const { ImageId } = await ec2().send(
      new RegisterImageCommand({
        Name: 'from-snapshot',
        RootDeviceName: '/dev/xvda',
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId } }],
      }),
    );
    const { ImageAncestryEntries } = await ec2().send(new GetImageAncestryCommand({ ImageId }));
    expect(ImageAncestryEntries?.map((e) => e.ImageId)).toEqual([ImageId]);
    await expect(
      ec2().send(new GetImageAncestryCommand({ ImageId: 'ami-0fffffffffffffff0' })),
    ).rejects.toThrow(/does not exist/);
  });
});

describe('Image Builder recipes and parent images', () => {
  const NIGHTLY = 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/nightly';
  const MANAGED = 'arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86';

  /** Starts a build of the pipeline and returns the AMI it copies from its parent image. */
  async function parentOfBuild(pipeline: string, token: string): Promise<string | undefined> {
    const { imageBuildVersionArn } = await imagebuilder().send(
      new StartImagePipelineExecutionCommand({ imagePipelineArn: pipeline, clientToken: token }),
    );
    await aws.advance(1830 + DURATIONS.copyImageSeconds);
    const { image } = await imagebuilder().send(new GetImageCommand({ imageBuildVersionArn }));
    const ami = image?.outputResources?.amis?.[0]?.image;
    const { Images } = await ec2().send(new DescribeImagesCommand({ ImageIds: [ami!] }));
    return Images?.[0]?.SourceImageId;
  }

  it("GetImageRecipe answers the pipeline's recipe: parent image, version, components", async () => {
    const { imagePipeline } = await imagebuilder().send(
      new GetImagePipelineCommand({ imagePipelineArn: DEMO_PIPELINE_ARN }),
    );
    const { imageRecipe } = await imagebuilder().send(
      new GetImageRecipeCommand({ imageRecipeArn: imagePipeline?.imageRecipeArn }),
    );
    expect(imageRecipe).toMatchObject({
      name: 'demo-app-recipe',
      version: '1.0.0',
      parentImage: DEFAULT_BASE_AMI_ID,
      components: [{ componentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x' }],
    });
    await expect(
      imagebuilder().send(
        new GetImageRecipeCommand({
          imageRecipeArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/nope/1.0.0',
        }),
      ),
    ).rejects.toThrow(/was not found/);
  });

  it('an ssm: parent follows the public parameter as the pinned seed moves it', async () => {
    await aws.seed({
      imagebuilder: { pipelines: [{ arn: NIGHTLY, parentImage: `ssm:${AL2023_X86_PARAMETER}` }] },
    });
    expect(await parentOfBuild(NIGHTLY, 'a')).toBe(DEFAULT_BASE_AMI_ID);
    await publishNewerBase(aws);
    expect(await parentOfBuild(NIGHTLY, 'b')).toBe(NEWER_BASE_AMI_ID);
  });

  it('an image ARN parent takes the newest version its wildcards select', async () => {
    await publishNewerBase(aws);
    await aws.seed({
      imagebuilder: {
        images: [
          { arn: `${MANAGED}/2024.10.10/1`, amis: { 'us-east-1': DEFAULT_BASE_AMI_ID } },
          { arn: `${MANAGED}/2024.11.20/1`, amis: { 'us-east-1': NEWER_BASE_AMI_ID } },
        ],
        pipelines: [{ arn: NIGHTLY, parentImage: `${MANAGED}/2024.10.x` }],
      },
    });
    const { imageVersionList } = await imagebuilder().send(
      new ListImagesCommand({
        owner: 'Amazon',
        filters: [{ name: 'name', values: ['amazon-linux-2023-x86'] }],
      }),
    );
    expect(imageVersionList?.map((v) => [v.arn, v.version])).toEqual([
      [`${MANAGED}/2024.11.20`, '2024.11.20'],
      [`${MANAGED}/2024.10.10`, '2024.10.10'],
    ]);
    const { imageSummaryList } = await imagebuilder().send(
      new ListImageBuildVersionsCommand({ imageVersionArn: `${MANAGED}/2024.11.20` }),
    );
    expect(imageSummaryList?.map((s) => [s.arn, s.outputResources?.amis?.[0]?.image])).toEqual([
      [`${MANAGED}/2024.11.20/1`, NEWER_BASE_AMI_ID],
    ]);
    expect(await parentOfBuild(NIGHTLY, 'a')).toBe(DEFAULT_BASE_AMI_ID);
    await aws.seed({ imagebuilder: { pipelines: [{ arn: NIGHTLY, parentImage: `${MANAGED}/x.x.x` }] } });
    expect(await parentOfBuild(NIGHTLY, 'b')).toBe(NEWER_BASE_AMI_ID);
  });

  it('a parent image that resolves to nothing refuses the build', async () => {
    await aws.seed({
      imagebuilder: { pipelines: [{ arn: NIGHTLY, parentImage: 'ssm:/no/such/parameter' }] },
    });
    await expect(
      imagebuilder().send(
        new StartImagePipelineExecutionCommand({ imagePipelineArn: NIGHTLY, clientToken: 'x' }),
      ),
    ).rejects.toThrow(/names a parameter that does not exist/);
  });
});
