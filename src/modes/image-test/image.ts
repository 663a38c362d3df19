/**
 * What the test needs to know about the AMI before launching it (platform, architecture, default
 * instance type), and the checks that need only the image description, no instance.
 */
import type { ImageFacts } from '../../aws/images.js';
import type { CheckResult, Severity } from './results.js';

/** Small, cheap, current-generation types; Windows needs more memory to boot in reasonable time. */
const DEFAULT_INSTANCE_TYPE: Record<ImageFacts['platform'], Record<'x86_64' | 'arm64', string>> = {
  Linux: { x86_64: 't3.micro', arm64: 't4g.micro' },
  Windows: { x86_64: 't3.medium', arm64: 't4g.medium' },
};

/** Mode test launches x86_64 and arm64 images: why not, when the image is neither. */
export function unsupportedArchitecture(image: ImageFacts): string | undefined {
  if (image.architecture === 'x86_64' || image.architecture === 'arm64') return undefined;
  return `AMI ${image.imageId} is ${image.architecture}; mode test launches x86_64 and arm64 images only.`;
}

export function defaultInstanceType(image: ImageFacts): string {
  return DEFAULT_INSTANCE_TYPE[image.platform][image.architecture === 'arm64' ? 'arm64' : 'x86_64'];
}

interface ImageCheck {
  name: string;
  /** Hardening advice (`warning`), or a rule no tested AMI may break (`error`). */
  severity: Severity;
  description: string;
  passes: (image: ImageFacts) => boolean;
  fix: string;
}

const IMAGE_CHECKS: ImageCheck[] = [
  {
    name: 'imds-v2-required',
    severity: 'warning',
    description: 'Instances launched from the AMI require IMDSv2 (ImdsSupport v2.0)',
    passes: (image) => image.imdsSupport === 'v2.0',
    fix: 'register the image with ImdsSupport v2.0 (Packer: imds_support = "v2.0")',
  },
  {
    name: 'ena-support',
    severity: 'warning',
    description: 'Enhanced networking (ENA) is enabled',
    passes: (image) => image.enaSupport === true,
    fix: 'enable ENA on the build instance before imaging (Packer: ena_support = true)',
  },
  {
    name: 'root-volume-encrypted',
    severity: 'warning',
    description: 'The root volume snapshot is encrypted',
    passes: (image) => image.rootEncrypted === true,
    fix: 'encrypt the root volume when baking, or copy the AMI with Encrypted and a KMS key',
  },
  {
    name: 'not-public',
    severity: 'error',
    description: 'The AMI is not shared publicly',
    passes: (image) => !image.public,
    fix: 'remove the launch permission for group "all"',
  },
  {
    name: 'hvm',
    severity: 'error',
    description: 'Hardware virtual machine (HVM) virtualization',
    passes: (image) => image.virtualizationType === 'hvm',
    fix: 'rebuild from an HVM source AMI (paravirtual is retired)',
  },
];

/** The checks answered from DescribeImages alone: run before any instance exists. */
export function imageChecks(image: ImageFacts): CheckResult[] {
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
      message: passed ? undefined : `${check.description}: not so for ${image.imageId}. Fix: ${check.fix}.`,
    };
  });
}
