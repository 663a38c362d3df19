/** Allowed AMIs, per account and region: settings, ImageAllowed in DescribeImages, launches refused. */
import {
  DescribeImagesCommand,
  DisableAllowedImagesSettingsCommand,
  EC2Client,
  EnableAllowedImagesSettingsCommand,
  GetAllowedImagesSettingsCommand,
  type ImageCriterionRequest,
  ModifyImageAttributeCommand,
  ReplaceImageCriteriaInAllowedImagesSettingsCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ARM64_AMI_ID, DEFAULT_BASE_AMI_ID } from '../../sim/services/ec2/scenario.js';
import { consumerRoleArn, WORKLOAD_ACCOUNTS } from '../../sim/services/sts/scenario.js';
import { failure, type SimCredentials, useSimulator } from '../helpers/sim.js';

const aws = useSimulator({ timeScale: 1000, rateLimits: false });
const [STAGING, PRODUCTION] = WORKLOAD_ACCOUNTS;
const TOOLING = '123456789012';
const GOLDEN = 'ami-0a1b2c3d4e5f60011';
const DAY = 24 * 3600;

const ec2 = (credentials?: SimCredentials, region = 'us-east-1') =>
  new EC2Client({ ...aws.sdkConfig(region, credentials), maxAttempts: 1 });

let staging: SimCredentials;

/** `days` ago in simulated time, ISO. */
const daysAgo = async (days: number) =>
  new Date(Date.parse((await aws.state()).time) - days * DAY * 1000).toISOString();

/** The tooling account's image GOLDEN (created, or deprecated, when given), shared with staging. */
async function seedGolden(dates: { creationDate?: string; deprecateAt?: string }) {
  await aws.seed({
    ec2: {
      images: [
        {
          region: 'us-east-1',
          imageId: GOLDEN,
          name: 'golden-app-2024.10',
          ownerId: TOOLING,
          public: false,
          ...dates,
        },
      ],
    },
  });
  await ec2().send(
    new ModifyImageAttributeCommand({ ImageId: GOLDEN, LaunchPermission: { Add: [{ UserId: STAGING }] } }),
  );
}

beforeEach(async () => {
  await aws.reset();
  await seedGolden({ creationDate: await daysAgo(10) });
  staging = await aws.assumeRole(consumerRoleArn(STAGING));
});

const replace = (criteria: ImageCriterionRequest[], credentials = staging, region = 'us-east-1') =>
  ec2(credentials, region).send(
    new ReplaceImageCriteriaInAllowedImagesSettingsCommand({ ImageCriteria: criteria }),
  );

async function allowed(credentials = staging): Promise<Record<string, boolean | undefined>> {
  const out = await ec2(credentials).send(
    new DescribeImagesCommand({ ImageIds: [GOLDEN, DEFAULT_BASE_AMI_ID, DEFAULT_ARM64_AMI_ID] }),
  );
  return Object.fromEntries(out.Images!.map((i) => [i.ImageId, i.ImageAllowed]));
}

describe('Allowed AMIs settings', () => {
  it('are per account and region: disabled with no criteria until set; Get answers state and criteria', async () => {
    expect(await ec2(staging).send(new GetAllowedImagesSettingsCommand({}))).toMatchObject({
      State: 'disabled',
      ImageCriteria: [],
      ManagedBy: 'account',
    });
    const criteria = [
      { ImageProviders: ['amazon'], CreationDateCondition: { MaximumDaysSinceCreated: 300 } },
      {
        ImageProviders: [TOOLING],
        ImageNames: ['golden-*'],
        DeprecationTimeCondition: { MaximumDaysSinceDeprecated: 0 },
      },
    ];
    expect((await replace(criteria)).ReturnValue).toBe(true);
    const enabled = await ec2(staging).send(
      new EnableAllowedImagesSettingsCommand({ AllowedImagesSettingsState: 'audit-mode' }),
    );
    expect(enabled.AllowedImagesSettingsState).toBe('audit-mode');
    const got = await ec2(staging).send(new GetAllowedImagesSettingsCommand({}));
    expect(got).toMatchObject({ State: 'audit-mode', ImageCriteria: criteria });
    for (const [credentials, region] of [
      [staging, 'eu-west-1'],
      [await aws.assumeRole(consumerRoleArn(PRODUCTION)), 'us-east-1'],
      [undefined, 'us-east-1'],
    ] as const) {
      expect((await ec2(credentials, region).send(new GetAllowedImagesSettingsCommand({}))).State).toBe(
        'disabled',
      );
    }
    const disabled = await ec2(staging).send(new DisableAllowedImagesSettingsCommand({}));
    expect(disabled.AllowedImagesSettingsState).toBe('disabled');
  });

  it('checks the criteria as AWS does', async () => {
    const invalid = async (criteria: ImageCriterionRequest[]) => {
      const e = await failure(replace(criteria));
      expect(e.name).toBe('InvalidParameterValue');
    };
    await invalid([{ ImageProviders: ['none', 'amazon'] }]);
    await invalid([{ ImageProviders: ['someone'] }]);
    await invalid([{ ImageNames: ['a?'] }]);
    await invalid(Array.from({ length: 11 }, () => ({ ImageProviders: ['amazon'] })));
    await invalid([{ ImageProviders: Array.from({ length: 201 }, (_, k) => String(100000000000 + k)) }]);
    await invalid([{ CreationDateCondition: { MaximumDaysSinceCreated: -1 } }]);
  });

  it('audit-mode: nothing is hidden, ImageAllowed says what enabled would do', async () => {
    expect(await allowed()).toEqual({
      [GOLDEN]: true,
      [DEFAULT_BASE_AMI_ID]: true,
      [DEFAULT_ARM64_AMI_ID]: true,
    });
    await replace([{ ImageProviders: ['amazon'] }]);
    await ec2(staging).send(
      new EnableAllowedImagesSettingsCommand({ AllowedImagesSettingsState: 'audit-mode' }),
    );
    expect(await allowed()).toEqual({
      [GOLDEN]: false,
      [DEFAULT_BASE_AMI_ID]: true,
      [DEFAULT_ARM64_AMI_ID]: true,
    });
    await ec2(staging).send(
      new RunInstancesCommand({ ImageId: GOLDEN, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }),
    );
  });

  it('each parameter of a criterion must hold (names, age, deprecation); criteria are alternatives', async () => {
    await ec2(staging).send(
      new EnableAllowedImagesSettingsCommand({ AllowedImagesSettingsState: 'audit-mode' }),
    );
    const verdict = async (criteria: ImageCriterionRequest[]) => {
      await replace(criteria);
      return (await allowed())[GOLDEN];
    };
    expect(await verdict([{ ImageProviders: [TOOLING] }])).toBe(true);
    expect(await verdict([{ ImageProviders: [TOOLING], ImageNames: ['golden-app-*'] }])).toBe(true);
    expect(await verdict([{ ImageProviders: [TOOLING], ImageNames: ['other-*'] }])).toBe(false);
    expect(await verdict([{ ImageNames: ['golden-app-2024.1?'] }])).toBe(true);
    expect(
      await verdict([{ ImageProviders: [TOOLING], CreationDateCondition: { MaximumDaysSinceCreated: 30 } }]),
    ).toBe(true);
    expect(
      await verdict([{ ImageProviders: [TOOLING], CreationDateCondition: { MaximumDaysSinceCreated: 5 } }]),
    ).toBe(false);
    expect(
      await verdict([
        { ImageProviders: [TOOLING], CreationDateCondition: { MaximumDaysSinceCreated: 5 } },
        { ImageNames: ['golden-*'] },
      ]),
    ).toBe(true);
    expect(await verdict([{ ImageProviders: ['none'] }])).toBe(false);
    // Deprecation: a deprecated image passes only within MaximumDaysSinceDeprecated of it.
    await seedGolden({ deprecateAt: await daysAgo(2) });
    const deprecation = (days: number) => [
      { ImageProviders: [TOOLING], DeprecationTimeCondition: { MaximumDaysSinceDeprecated: days } },
    ];
    const listed = async (criteria: ImageCriterionRequest[]) => {
      await replace(criteria);
      const out = await ec2(staging).send(new DescribeImagesCommand({ ImageIds: [GOLDEN] }));
      return out.Images![0].ImageAllowed;
    };
    expect(await listed(deprecation(3))).toBe(true);
    expect(await listed(deprecation(0))).toBe(false);
  });

  it('enabled: disallowed images are neither listed nor launchable; the account own images always are', async () => {
    await replace([{ ImageProviders: ['amazon'] }]);
    await ec2(staging).send(
      new EnableAllowedImagesSettingsCommand({ AllowedImagesSettingsState: 'enabled' }),
    );
    const listed = await ec2(staging).send(new DescribeImagesCommand({ ExecutableUsers: ['self'] }));
    expect(listed.Images!.map((i) => i.ImageId)).not.toContain(GOLDEN);
    expect((await failure(ec2(staging).send(new DescribeImagesCommand({ ImageIds: [GOLDEN] })))).name).toBe(
      'InvalidAMIID.NotFound',
    );
    const launch = (imageId: string) =>
      ec2(staging).send(
        new RunInstancesCommand({ ImageId: imageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }),
      );
    const refused = await failure(launch(GOLDEN));
    expect(refused.name).toBe('InvalidAMIID.NotFound');
    expect(refused.message).toContain('Allowed AMIs');
    await launch(DEFAULT_BASE_AMI_ID);
    const { Images } = await ec2(staging).send(
      new DescribeImagesCommand({ ImageIds: [DEFAULT_BASE_AMI_ID] }),
    );
    expect(Images![0].ImageAllowed).toBe(true);
    // The tooling account's settings are its own: it still sees and launches its image.
    expect((await allowed({ accessKeyId: 'AKIDSIM', secretAccessKey: 'x' }))[GOLDEN]).toBe(true);
  });

  it('can be seeded per account and region', async () => {
    await aws.seed({
      ec2: {
        allowedImages: [
          {
            account: STAGING,
            region: 'us-east-1',
            state: 'enabled',
            imageCriteria: [{ ImageProviders: ['amazon'] }],
          },
        ],
      },
    });
    const got = await ec2(staging).send(new GetAllowedImagesSettingsCommand({}));
    expect(got).toMatchObject({ State: 'enabled', ImageCriteria: [{ ImageProviders: ['amazon'] }] });
    await expect(
      aws.seed({ ec2: { allowedImages: [{ account: STAGING, region: 'us-east-1', state: 'on' }] } }),
    ).rejects.toThrow(/enabled, audit-mode or disabled/);
  });
});
