/**
 * The quotas the simulated Service Quotas knows (see sim/LIMITS.md): each with the default AWS
 * documents. Only these answer; any other service or quota code is NoSuchResourceException.
 */
import { PUBLIC_IMAGES_PER_REGION } from '../ec2/limits.js';

export interface KnownQuota {
  serviceCode: string;
  serviceName: string;
  quotaCode: string;
  quotaName: string;
  /** AWS's default value, per Region. */
  defaultValue: number;
  adjustable: boolean;
}

/** EC2's "Public AMIs" quota: public AMIs an account may have per Region (ami-quotas.html). */
export const EC2_PUBLIC_AMIS: KnownQuota = {
  serviceCode: 'ec2',
  serviceName: 'Amazon Elastic Compute Cloud (Amazon EC2)',
  quotaCode: 'L-0E3CBAB9',
  quotaName: 'Public AMIs',
  defaultValue: PUBLIC_IMAGES_PER_REGION,
  adjustable: true,
};

export const KNOWN_QUOTAS: KnownQuota[] = [EC2_PUBLIC_AMIS];

/** ServiceCode and QuotaCode as the API reference constrains them (length 1-63 / 1-128). */
export const CODE_PATTERNS = {
  serviceCode: /^[a-zA-Z][a-zA-Z0-9-]{1,63}$/,
  quotaCode: /^[a-zA-Z][a-zA-Z0-9-]{1,128}$/,
};
