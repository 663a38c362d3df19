/**
 * One instance type's lane: launch, wait until running, wait until SSM sees it Online (the boot
 * timed on AWS's clock), run each check, let Amazon Inspector scan it and read its findings (with a
 * vulnerability gate or an SBOM), export its SBOM (the first lane only), terminate it. Every instance
 * is in the undo journal before RunInstances, so a failed lane, a cancelled job or the post step
 * terminates it. Several lanes run at once, one per instance type.
 */
import * as core from '@actions/core';
import { awsNow } from '../../aws/clock.js';
import type { Platform } from '../../aws/images.js';
import { terminateInstances } from '../../aws/instances.js';
import { cancellation } from '../../cancel.js';
import type { VulnerabilityGate } from '../../inputs/test.js';
import type { TestConfig } from '../../inputs.js';
import type { Recorded } from '../../kernel/journal.js';
import { change, type Scope, type Step, wait } from '../../kernel/plan.js';
import { formatSeconds } from '../../report/format.js';
import { bootTiming } from './boot.js';
import { launchInstance, waitUntilRunning } from './instance.js';
import { checkLabel, type PlannedCheck } from './plan.js';
import { type CheckResult, isFailure } from './results.js';
import {
  countBySeverity,
  type FindingFacts,
  type GateVerdict,
  judge,
  type SeverityCounts,
} from './vulnerabilities.js';

/** What one lane found, filled in as its steps run; the report reads it. */
export interface LaneRun {
  instanceType: string;
  instanceId: string;
  launchedAt?: Date;
  runningAt?: Date;
  onlineAt?: Date;
  results: CheckResult[];
  /** Inspector's active findings on the instance, once read. */
  findings?: FindingFacts[];
  counts?: SeverityCounts;
  verdict?: GateVerdict;
  sbomUri?: string;
  launched?: Recorded<'terminate-instances'>;
}

export function newLaneRun(instanceType: string): LaneRun {
  return { instanceType, instanceId: '', results: [] };
}

export function laneBoot(run: LaneRun) {
  return bootTiming(run.launchedAt, run.runningAt, run.onlineAt);
}

export interface LaneInput {
  config: TestConfig;
  scope: Scope;
  amiId: string;
  platform: Platform;
  checks: PlannedCheck[];
  /** Several instance types: results carry their type, scripts learn it (AMI_ACTION_INSTANCE_TYPE). */
  several: boolean;
  /** Inspector scans the instance: its findings are read (and judged, with a gate). */
  inspect: boolean;
  gate?: VulnerabilityGate;
  /** This lane exports the SBOM. */
  sbom?: { bucket: string; prefix: string; kmsKeyArn: string };
  /** This lane's instance id is the `instance-id` output. */
  primary: boolean;
}

/** Each check's script, telling it the instance type when several are tested. */
function typed(check: PlannedCheck, instanceType: string, platform: Platform): PlannedCheck {
  const line =
    platform === 'Windows'
      ? `$env:AMI_ACTION_INSTANCE_TYPE = '${instanceType}'`
      : `export AMI_ACTION_INSTANCE_TYPE='${instanceType}'`;
  return { ...check, check: { ...check.check, script: `${line}\n${check.check.script}` } };
}

export function laneSteps(run: LaneRun, input: LaneInput): Step[] {
  const { config, amiId, platform } = input;
  const region = config.region;
  const type = run.instanceType;
  const who = input.several ? `${run.instanceId || type} (${type})` : run.instanceId;
  const target = () => ({
    region,
    instanceId: run.instanceId,
    platform,
    executionTimeoutSeconds: config.commandTimeout,
    pollIntervalSeconds: config.pollInterval,
    deadline: input.scope.deadline,
    instanceType: input.several ? type : undefined,
  });
  /**
   * keep-instance-on-failure: the failing step keeps the instance (settled, so nothing undoes it). A
   * cancelled job keeps nothing: cancelling asks for everything to stop, and the post step removes it.
   */
  const keepingOnFailure = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (config.keepInstanceOnFailure && run.launched && !cancellation.aborted) keepInstance(run, region);
      throw error;
    }
  };
  const checks = input.several ? input.checks.map((c) => typed(c, type, platform)) : input.checks;

  const steps: Step[] = [
    change(
      `launch ${type} from ${amiId}`,
      [{ call: 'ec2:RunInstances', detail: `${type}, IMDSv2 required, tagged ami-action:run-id` }],
      async (step) => {
        if (!config.instanceProfile && input.primary) {
          core.notice(
            'No instance-profile given: SSM can manage the instance only if Default Host Management Configuration is turned on for this account and region.',
          );
        }
        const { instance, undo } = await launchInstance(
          {
            region,
            amiId,
            instanceType: type,
            subnetId: config.subnetId,
            securityGroupIds: config.securityGroupIds,
            instanceProfile: config.instanceProfile,
            associatePublicIp: config.associatePublicIp,
            tokenPart: input.several ? type : undefined,
          },
          step,
        );
        run.launched = undo;
        run.instanceId = instance.InstanceId as string;
        run.launchedAt = instance.LaunchTime ?? awsNow();
        if (input.primary) core.setOutput('instance-id', run.instanceId);
        core.info(
          `Launched ${run.instanceId} (${type}) in ${instance.Placement?.AvailabilityZone ?? region}.`,
        );
      },
    ),
    wait('the instance to be running', (step) =>
      keepingOnFailure(async () => {
        await waitUntilRunning(region, run.instanceId, step);
        run.runningAt = awsNow();
      }),
    ),
    wait('SSM to see the instance Online', (step) =>
      keepingOnFailure(async () => {
        const { waitForAgent } = await import('./ssm.js');
        await waitForAgent({
          ...target(),
          instanceProfile: config.instanceProfile,
          associatePublicIp: config.associatePublicIp,
          deadline: step.deadline,
        });
        run.onlineAt = awsNow();
        const boot = laneBoot(run);
        core.info(
          `${input.several ? `${run.instanceId} (${type})` : run.instanceId} is Online in SSM ${formatSeconds(boot.total ?? 0)} after launch (running after ${formatSeconds(boot.launchToRunning ?? 0)}, then ${formatSeconds(boot.runningToOnline ?? 0)} until SSM saw it).`,
        );
      }),
    ),
    ...checks.map((planned) =>
      change(`run: ${checkLabel(planned)}`, [], () =>
        keepingOnFailure(async () => {
          const { runCheck } = await import('./ssm.js');
          run.results.push(await runCheck(planned, target()));
        }),
      ),
    ),
  ];

  if (input.inspect) {
    steps.push(
      wait('Amazon Inspector to scan the instance; read its findings', (step) =>
        keepingOnFailure(async () => {
          const inspector = await import('./inspector.js');
          const scannedAt = await inspector.waitForScan({
            region,
            instanceId: run.instanceId,
            launchedAt: run.launchedAt ?? new Date(0),
            deadline: step.deadline,
            pollIntervalSeconds: config.pollInterval,
          });
          run.findings = await inspector.instanceFindings(region, run.instanceId);
          run.counts = countBySeverity(run.findings);
          if (input.gate) run.verdict = judge(run.findings, input.gate);
          const counts = Object.entries(run.counts)
            .filter(([, n]) => n > 0)
            .map(([severity, n]) => `${n} ${severity}`);
          core.info(
            `Amazon Inspector scanned ${who || run.instanceId} at ${scannedAt.toISOString()}: ${counts.length ? counts.join(', ') : 'no active findings'}.`,
          );
        }),
      ),
    );
  }
  const sbom = input.sbom;
  if (sbom) {
    steps.push(
      change(
        'export the SBOM of the instance (CycloneDX)',
        [
          {
            call: 'inspector2:CreateSbomExport',
            detail: `CycloneDX 1.4 to s3://${sbom.bucket}/${sbom.prefix}, encrypted with ${sbom.kmsKeyArn}`,
          },
        ],
        (step) =>
          keepingOnFailure(async () => {
            const { exportSbom } = await import('./inspector.js');
            run.sbomUri = await exportSbom({
              region,
              instanceId: run.instanceId,
              ...sbom,
              deadline: step.deadline,
              pollIntervalSeconds: config.pollInterval,
            });
            core.setOutput('sbom-uri', run.sbomUri);
            core.info(`SBOM of ${run.instanceId} exported to ${run.sbomUri}`);
          }),
      ),
    );
  }
  steps.push(
    change(
      'terminate the instance (or keep it, with keep-instance-on-failure, when a check failed)',
      [{ call: 'ec2:TerminateInstances', detail: 'the test instance' }],
      async (step) => {
        const failed = run.results.some(isFailure) || run.verdict?.passed === false;
        if (config.keepInstanceOnFailure && failed && run.launched) {
          keepInstance(run, region);
          return;
        }
        await terminateInstances(region, [run.instanceId], {
          deadline: step.deadline,
          pollIntervalSeconds: config.pollInterval,
          wait: true,
        });
        run.launched?.settle();
      },
    ),
  );
  return steps;
}

function keepInstance(run: LaneRun, region: string): void {
  run.launched?.settle();
  const id = run.instanceId;
  core.warning(
    [
      `keep-instance-on-failure: ${id} (${run.instanceType}) is still running so you can look into the failure.`,
      `Connect with Session Manager: aws ssm start-session --target ${id} --region ${region}`,
      `It costs money until removed: aws ec2 terminate-instances --instance-ids ${id} --region ${region}`,
    ].join('\n'),
  );
}
