/** The EC2 limits the simulator enforces, each from the EC2 API Reference (see sim/LIMITS.md). */
import { EC2_PAGES, pages } from '../../core/pagination.js';

/** MaxResults per describe call. Without MaxResults, EC2 answers every item in one page. */
export const EC2_PAGING = {
  /** No range is published for DescribeImages: any page size of 1 or more. */
  DescribeImages: pages(EC2_PAGES, 1, Number.MAX_SAFE_INTEGER),
  DescribeInstances: pages(EC2_PAGES, 5, 1000),
  DescribeInstanceStatus: pages(EC2_PAGES, 5, 1000),
  /** Above 1,000, EC2 answers 1,000 (no error). */
  DescribeSnapshots: pages(EC2_PAGES, 5, 1000, undefined, { capAbove: true }),
  /** Above 500, EC2 answers 500 (no error). */
  DescribeVolumes: pages(EC2_PAGES, 5, 500, undefined, { capAbove: true }),
  DescribeTags: pages(EC2_PAGES, 5, 1000),
  DescribeSecurityGroups: pages(EC2_PAGES, 5, 1000),
  DescribeSubnets: pages(EC2_PAGES, 5, 1000),
  DescribeVpcs: pages(EC2_PAGES, 5, 1000),
  DescribeLaunchTemplates: pages(EC2_PAGES, 1, 200),
  DescribeLaunchTemplateVersions: pages(EC2_PAGES, 1, 200),
  DescribeImageUsageReports: pages(EC2_PAGES, 1, 1000),
  DescribeImageUsageReportEntries: pages(EC2_PAGES, 1, 1000),
  ListImagesInRecycleBin: pages(EC2_PAGES, 1, 1000),
};

/**
 * Image usage reports: at most 200 account ids per CreateImageUsageReport, 200 image or report ids
 * per describe; launch templates are checked to a version depth of 1 to 10,000 (default 20).
 */
export const IMAGE_USAGE = {
  accountsPerReport: 200,
  idsPerDescribe: 200,
  defaultVersionDepth: 20,
  maxVersionDepth: 10_000,
};

/** ListImagesInRecycleBin takes at most 20 image ids. */
export const RECYCLE_BIN_IDS_PER_LIST = 20;

/** Create volume permission changes in one ModifySnapshotAttribute call. */
export const MAX_SNAPSHOT_PERMISSION_CHANGES = 500;
/** Entities (accounts, organizations, OUs) one AMI is shared with, per Region. */
export const SHARES_PER_IMAGE = 1000;
/** Public AMIs per Region: AWS's default (Service Quotas, servicequotas/, answers the applied value). */
export const PUBLIC_IMAGES_PER_REGION = 5;

/**
 * Allowed AMIs criteria (ReplaceImageCriteriaInAllowedImagesSettings): at most 10 criteria, each with
 * at most 200 image providers, 50 image names and 50 marketplace product codes; day counts 0 to 2^31-1.
 */
export const ALLOWED_IMAGES = {
  criteria: 10,
  providers: 200,
  names: 50,
  productCodes: 50,
  maxDays: 2_147_483_647,
};
