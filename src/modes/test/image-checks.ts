/** The baseline's checks that need only the image, answered from EC2's description of it. */
import type { Image } from '@aws-sdk/client-ec2';
import { type Check, type CheckResult, judge } from './checks.js';

interface ImageCheck extends Check {
  failure: (image: Image) => string | undefined;
}

const rootMapping = (image: Image) =>
  image.BlockDeviceMappings?.find((mapping) => mapping.DeviceName === image.RootDeviceName);

const IMAGE_CHECKS: ImageCheck[] = (
  [
    {
      id: 'baseline/image-hvm',
      description: 'HVM virtualization',
      severity: 'error',
      failure: (image) =>
        image.VirtualizationType === 'hvm' ? undefined : `virtualization is ${image.VirtualizationType}`,
    },
    {
      id: 'baseline/image-not-public',
      description: 'The image is not public',
      severity: 'error',
      failure: (image) => (image.Public ? 'the image is public' : undefined),
    },
    {
      id: 'baseline/image-ena',
      description: 'ENA (enhanced networking) support',
      severity: 'warning',
      failure: (image) => (image.EnaSupport ? undefined : 'EnaSupport is not set'),
    },
    {
      id: 'baseline/image-imdsv2',
      description: 'Instances launched from it require IMDSv2 (ImdsSupport v2.0)',
      severity: 'warning',
      failure: (image) => (image.ImdsSupport === 'v2.0' ? undefined : 'ImdsSupport is not v2.0'),
    },
    {
      id: 'baseline/image-root-encrypted',
      description: 'The root volume snapshot is encrypted',
      severity: 'warning',
      failure: (image) =>
        rootMapping(image)?.Ebs?.Encrypted ? undefined : 'the root volume is not encrypted',
    },
  ] as Omit<ImageCheck, 'suite' | 'expectExitCode'>[]
).map((check) => ({ ...check, suite: 'baseline', expectExitCode: 0 }));

export function runImageChecks(image: Image): CheckResult[] {
  return IMAGE_CHECKS.map(({ failure, ...check }) => {
    const reason = failure(image);
    return {
      check,
      outcome: judge(check, reason),
      seconds: 0,
      stdout: '',
      stderr: '',
      reason,
      truncated: false,
    };
  });
}
