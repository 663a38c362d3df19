/**
 * What publishing refuses to do, checked against the plan before any change: each refusal names the
 * input and the fix. A refused publish changes nothing anywhere.
 */
import { awsNow } from '../../aws/clock.js';
import { PUBLIC_AMIS_QUOTA } from '../../aws/limits.js';
import { oneLine } from '../../report/foreign.js';
import { TAG } from '../../tags.js';
import { type Desired, isShared } from './desired.js';
import { isEncrypted, type Plan } from './plan.js';

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

export function refusals(desired: Desired, plan: Plan, nowMs = awsNow().getTime()): string[] {
  const reasons: string[] = [];
  const { source } = plan;
  if (source.state !== 'available' && source.state !== 'pending') {
    reasons.push(
      `Input 'ami-id': ${source.imageId} is ${source.state}${source.stateReason ? ` (${source.stateReason})` : ''}; only an available AMI can be published.`,
    );
  }
  const tested = source.tags[TAG.test];
  if (desired.waitForTest && tested === 'failed') {
    reasons.push(
      `Input 'require-test': ${source.imageId} is tagged ${TAG.test}=failed: its test failed, so it is not published (wait-for-test waits only for a test still to come).`,
    );
  } else if (desired.requireTest && !desired.waitForTest && tested !== 'passed') {
    reasons.push(
      `Input 'require-test': ${source.imageId} is not tagged ${TAG.test}=passed (it is ${source.tags[TAG.test] ? `tagged ${source.tags[TAG.test]}` : 'untested'}). Run mode: test on it first, or set require-test: false.`,
    );
  }
  const unknownKeyRegions = Object.keys(desired.kmsKeyIds).filter(
    (region) => !desired.copyRegions.includes(region),
  );
  for (const region of unknownKeyRegions) {
    reasons.push(
      region === desired.sourceRegion
        ? `Input 'kms-key-ids': ${region} is the source region; kms-key-ids encrypts copies, and the source AMI is published as it is. Remove that line (or bake with that key).`
        : `Input 'kms-key-ids': ${region} is not in copy-to-regions. Add it there or remove that line.`,
    );
  }
  for (const region of plan.regions) {
    if (region.missingKey) {
      reasons.push(
        `Input 'kms-key-ids': the KMS key ${region.missingKey} does not exist in ${region.region} (keys are regional). Give a customer managed key of ${region.region}.`,
      );
    } else if (region.key && region.key.state !== 'Enabled') {
      reasons.push(
        `Input 'kms-key-ids': the KMS key ${region.key.ref} in ${region.region} is ${region.key.state}; enable it or give another key.`,
      );
    }
  }
  if (isShared(desired)) {
    const awsManaged = plan.regions.filter((region) => region.key && !region.key.customerManaged);
    for (const region of awsManaged) {
      reasons.push(
        region.primary
          ? `Input 'share-with-*': ${source.imageId} in ${region.region} is encrypted with the AWS managed key aws/ebs, which cannot be shared with other accounts. Bake it with a customer managed KMS key, then publish.`
          : `Input 'kms-key-ids': the copy in ${region.region} would be encrypted with the AWS managed key aws/ebs, which cannot be shared with other accounts. Copies must be re-encrypted with a customer managed key: add "${region.region}=alias/<your-key>" to kms-key-ids${region.image ? ` (and deregister the existing copy ${region.image.imageId})` : ''}.`,
      );
    }
  }
  if (desired.public) {
    const encrypted = plan.regions.filter((region) => isEncrypted(region, source));
    if (encrypted.length) {
      reasons.push(
        `Input 'public': encrypted AMIs can never be public (${encrypted.map((r) => r.region).join(', ')}). Share with accounts, organizations or OUs instead, or publish an unencrypted AMI.`,
      );
    }
    const blocked = plan.regions.filter((region) => region.blocksPublicAccess);
    if (blocked.length) {
      reasons.push(
        `Input 'public': block public access for AMIs is on in ${blocked.map((r) => r.region).join(', ')} (GetImageBlockPublicAccessState: block-new-sharing). Turn it off there deliberately (DisableImageBlockPublicAccess) or do not publish publicly.`,
      );
    }
    reasons.push(...publicQuotaRefusals(plan));
  }
  if (
    desired.parameter &&
    desired.parameterLabel &&
    !/^[a-zA-Z0-9_.-]{1,100}$/.test(desired.parameterLabel)
  ) {
    reasons.push(
      `Input 'tags': the version tag (given in tags, or on the source AMI) makes the SSM label "${desired.parameterLabel}", which SSM refuses (labels use letters, digits, . - _, at most 100). Use a version such as 1.4.2.`,
    );
  }
  reasons.push(...deprecationRefusals(desired, plan, nowMs));
  return reasons;
}

/**
 * EC2 refuses to make an AMI public past the account's Public AMIs quota of the region, and only in
 * the last step of the region's lane, after the copy, tags and grants: refused here instead.
 */
function publicQuotaRefusals(plan: Plan): string[] {
  const { quotaCode, serviceCode } = PUBLIC_AMIS_QUOTA;
  return plan.regions.flatMap(({ region, image, publicAmis }) => {
    if (!publicAmis || publicAmis.count < publicAmis.quota.value) return [];
    const { count, quota } = publicAmis;
    const which = image ? image.imageId : `the copy of ${plan.source.imageId}`;
    const source = quota.applied
      ? 'as Service Quotas answers it'
      : `EC2's documented default: Service Quotas did not answer (${oneLine(quota.why)})`;
    return [
      `Input 'public': ${region} already has ${count} public AMIs of this account, and EC2's Public AMIs quota there is ${quota.value} (${source}), so ${which} cannot be made public. ` +
        `Deregister old public AMIs in ${region} or make them private, or raise the quota (Service Quotas: ${serviceCode} ${quotaCode}, "Public AMIs"), then re-run.`,
    ];
  });
}

/**
 * EC2 refuses a deprecation time in the past, or more than 10 years ahead (for public AMIs, 2 years
 * after the AMI's creation). Regions that already carry the time need no call, so a re-run after
 * the time has passed is not refused.
 */
function deprecationRefusals(desired: Desired, plan: Plan, nowMs: number): string[] {
  const at = plan.deprecateAt;
  if (!at) return [];
  const needed = plan.regions.some(
    (region) => !region.image || Date.parse(region.image.deprecationTime ?? '') !== at.getTime(),
  );
  if (!needed) return [];
  const input = desired.deprecateAt ? 'deprecate-at' : 'deprecate-after';
  if (at.getTime() <= nowMs) {
    const counted =
      input === 'deprecate-after' ? ` (counted from the AMI's creation, ${plan.source.creationDate})` : '';
    return [
      `Input '${input}': ${at.toISOString()} is in the past${counted}; EC2 only deprecates at a future time.`,
    ];
  }
  const created = Date.parse(plan.source.creationDate ?? '') || nowMs;
  const limit = desired.public ? created + 2 * YEAR_MS : nowMs + 10 * YEAR_MS;
  if (at.getTime() > limit) {
    return [
      `Input '${input}': ${at.toISOString()} is further ahead than EC2 allows: ${desired.public ? '2 years after the creation of a public AMI' : '10 years from now'}.`,
    ];
  }
  return [];
}
