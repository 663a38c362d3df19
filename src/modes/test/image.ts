/**
 * What the test needs to know about the AMI before launching it (platform, architecture, default
 * instance type), and the checks that need only the image description, no instance.
 */
import { DescribeImagesCommand, EC2Client, type Image } from '@aws-sdk/client-ec2';
import { awsClient } from '../../aws/clients.js';
import type { CheckResult, Severity } from './results.js';

export type Platform = 'Linux' | 'Windows';

const DOCUMENT: Record<Platform, string> = {
  Linux: 'AWS-RunShellScript',
  Windows: 'AWS-RunPowerShellScript',
};

/** The SSM document that runs a check on this platform. */
export function documentFor(platform: Platform): string {
  return DOCUMENT[platform];
}

export interface ImageFacts {
  image: Image;
  platform: Platform;
  architecture: 'x86_64' | 'arm64';
}

/** Small, cheap, current-generation types; Windows needs more memory to boot in reasonable time. */
const DEFAULT_INSTANCE_TYPE: Record<Platform, Record<ImageFacts['architecture'], string>> = {
  Linux: { x86_64: 't3.micro', arm64: 't4g.micro' },
  Windows: { x86_64: 't3.medium', arm64: 't4g.medium' },
};

export async function describeImage(region: string, amiId: string): Promise<ImageFacts> {
  const { Images } = await awsClient(EC2Client, region).send(
    new DescribeImagesCommand({ ImageIds: [amiId] }),
  );
  const image = Images?.[0];
  if (!image) throw new Error(`AMI ${amiId} was not found in ${region}.`);
  if (image.State !== 'available') {
    throw new Error(`AMI ${amiId} is ${image.State}, not available: it cannot be launched yet.`);
  }
  const architecture = image.Architecture;
  if (architecture !== 'x86_64' && architecture !== 'arm64') {
    throw new Error(`AMI ${amiId} is ${architecture}; mode test launches x86_64 and arm64 images only.`);
  }
  return {
    image,
    platform: String(image.Platform ?? '').toLowerCase() === 'windows' ? 'Windows' : 'Linux',
    architecture,
  };
}

export function defaultInstanceType(facts: ImageFacts): string {
  return DEFAULT_INSTANCE_TYPE[facts.platform][facts.architecture];
}

interface ImageCheck {
  name: string;
  /** Hardening advice (`warning`), or a rule no tested AMI may break (`error`). */
  severity: Severity;
  description: string;
  passes: (image: Image) => boolean;
  fix: string;
}

const IMAGE_CHECKS: ImageCheck[] = [
  {
    name: 'imds-v2-required',
    severity: 'warning',
    description: 'Instances launched from the AMI require IMDSv2 (ImdsSupport v2.0)',
    passes: (image) => image.ImdsSupport === 'v2.0',
    fix: 'register the image with ImdsSupport v2.0 (Packer: imds_support = "v2.0")',
  },
  {
    name: 'ena-support',
    severity: 'warning',
    description: 'Enhanced networking (ENA) is enabled',
    passes: (image) => image.EnaSupport === true,
    fix: 'enable ENA on the build instance before imaging (Packer: ena_support = true)',
  },
  {
    name: 'root-volume-encrypted',
    severity: 'warning',
    description: 'The root volume snapshot is encrypted',
    passes: (image) =>
      image.BlockDeviceMappings?.find((mapping) => mapping.DeviceName === image.RootDeviceName)?.Ebs
        ?.Encrypted === true,
    fix: 'encrypt the root volume when baking, or copy the AMI with Encrypted and a KMS key',
  },
  {
    name: 'not-public',
    severity: 'error',
    description: 'The AMI is not shared publicly',
    passes: (image) => image.Public !== true,
    fix: 'remove the launch permission for group "all"',
  },
  {
    name: 'hvm',
    severity: 'error',
    description: 'Hardware virtual machine (HVM) virtualization',
    passes: (image) => image.VirtualizationType === 'hvm',
    fix: 'rebuild from an HVM source AMI (paravirtual is retired)',
  },
];

/** The checks answered from DescribeImages alone: run before any instance exists. */
export function imageChecks(image: Image): CheckResult[] {
  return IMAGE_CHECKS.map((check) => {
    const passed = check.passes(image);
    return {
      suite: 'compliance',
      profile: 'baseline',
      name: check.name,
      description: check.description,
      severity: check.severity,
      passed,
      seconds: 0,
      stdout: '',
      stderr: '',
      truncated: false,
      message: passed ? undefined : `${check.description}: not so for ${image.ImageId}. Fix: ${check.fix}.`,
    };
  });
}
