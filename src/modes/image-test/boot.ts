/**
 * Boot time: measured on AWS's clock (the instance's LaunchTime, then AWS's time when the polls saw
 * it running and SSM saw it Online: precise to a poll interval), split into launch -> running and
 * running -> SSM Online; and the boot-time gate, which compares the slowest instance type's boot with
 * a baseline: the `ami-action:boot-seconds` tag of the AMI that `ssm-parameter` names (what publish
 * last released), else of the newest earlier AMI of this account with the same name prefix that
 * passed its test.
 */
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { isNotFound } from '../../aws/errors.js';
import { ec2, type ImageFacts, ownImages } from '../../aws/images.js';
import type { BootTimeGate } from '../../inputs/test.js';
import { TAG } from '../../tags.js';

export interface BootTiming {
  /** Seconds from the launch (LaunchTime) until a poll saw it running. */
  launchToRunning?: number;
  /** From then until SSM saw it Online. */
  runningToOnline?: number;
  /** From the launch until SSM saw it Online: the `boot-seconds` output. */
  total?: number;
}

const seconds = (from: Date | undefined, to: Date | undefined) =>
  from && to ? Math.max(0, (to.getTime() - from.getTime()) / 1000) : undefined;

export function bootTiming(launchedAt?: Date, runningAt?: Date, onlineAt?: Date): BootTiming {
  return {
    launchToRunning: seconds(launchedAt, runningAt),
    runningToOnline: seconds(runningAt, onlineAt),
    total: seconds(launchedAt, onlineAt),
  };
}

export interface BootBaseline {
  amiId: string;
  name: string;
  seconds: number;
  /** Where it came from, in words: "ssm-parameter /app/ami/prod" or "name prefix app-". */
  source: string;
}

export type BaselineLookup = BootBaseline | { missing: string };

/**
 * The part of an AMI name before its version or timestamp: the shortest prefix ending in a separator
 * (`-`, `_`, `.`, `/`, space) after which only a version or date follows (digits, separators, T, Z,
 * a leading v). `app-2026-11-29` -> `app-`; `demo-app 2026-11-29T10-00-00Z 3` -> `demo-app `.
 */
export function namePrefix(name: string): string | undefined {
  for (let at = 0; at < name.length - 1; at++) {
    if (!/[-_./ ]/.test(name[at])) continue;
    const rest = name.slice(at + 1);
    if (at > 0 && /^v?\d[\d.:_+/ TZ-]*$/.test(rest)) return name.slice(0, at + 1);
  }
  return undefined;
}

const bootSecondsOf = (tags: Record<string, string>) => {
  const value = Number(tags[TAG.bootSeconds]);
  return tags[TAG.bootSeconds] !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;
};

/** The baseline the boot-time gate compares with (reads only). */
export async function bootBaseline(
  region: string,
  image: ImageFacts,
  parameter: string | undefined,
): Promise<BaselineLookup> {
  const notes: string[] = [];
  if (parameter) {
    // Loaded only here: the SSM client is not needed before the instance is up otherwise.
    const { getParameter } = await import('../../aws/parameters.js');
    const released = (await getParameter(region, parameter))?.value?.trim();
    if (!released) notes.push(`ssm-parameter ${parameter} does not exist in ${region} yet`);
    else if (released === image.imageId) notes.push(`ssm-parameter ${parameter} already names ${released}`);
    else {
      // An AMI the parameter still names may be deregistered since: not visible, not an error.
      const { Images } = await ec2(region)
        .send(new DescribeImagesCommand({ ImageIds: [released] }))
        .catch((error) => {
          if (isNotFound(error)) return { Images: [] };
          throw error;
        });
      const found = Images?.[0];
      const tags = Object.fromEntries((found?.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
      const seconds = bootSecondsOf(tags);
      if (found && seconds !== undefined) {
        return { amiId: released, name: found.Name ?? '', seconds, source: `ssm-parameter ${parameter}` };
      }
      notes.push(
        found
          ? `${released} (ssm-parameter ${parameter}) has no ${TAG.bootSeconds} tag: it was not tested by this mode since it records boot times`
          : `${released} (ssm-parameter ${parameter}) is not visible in ${region}`,
      );
    }
  }
  const prefix = namePrefix(image.name);
  if (!prefix) {
    notes.push(
      `the name "${image.name}" has no version or date part to find earlier AMIs of the same name by (give ssm-parameter)`,
    );
    return { missing: notes.join('; ') };
  }
  const created = image.creationDate ? Date.parse(image.creationDate) : Number.POSITIVE_INFINITY;
  const earlier = (
    await ownImages(region, [
      { Name: 'name', Values: [`${prefix}*`] },
      { Name: `tag:${TAG.test}`, Values: ['passed'] },
    ])
  )
    .filter((other) => other.imageId !== image.imageId && bootSecondsOf(other.tags) !== undefined)
    .filter((other) => !other.creationDate || Date.parse(other.creationDate) < created)
    .sort((a, b) => Date.parse(b.creationDate ?? '') - Date.parse(a.creationDate ?? ''));
  const previous = earlier[0];
  if (previous) {
    return {
      amiId: previous.imageId,
      name: previous.name,
      seconds: bootSecondsOf(previous.tags) as number,
      source: `name prefix "${prefix}"`,
    };
  }
  notes.push(`no earlier AMI of this account named "${prefix}*" passed a test with a ${TAG.bootSeconds} tag`);
  return { missing: notes.join('; ') };
}

export interface BootVerdict {
  passed: boolean;
  /** The slowest boot measured, and on which instance type. */
  slowest: { instanceType: string; seconds: number };
  allowedSeconds: number;
  message: string;
}

/** Judges the slowest boot measured against the baseline. */
export function judgeBoot(
  gate: BootTimeGate,
  baseline: BootBaseline,
  measured: { instanceType: string; seconds: number }[],
): BootVerdict | undefined {
  if (!measured.length) return undefined;
  const slowest = measured.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  const took = Math.round(slowest.seconds);
  const allowedSeconds =
    'percent' in gate ? baseline.seconds * (1 + gate.percent / 100) : baseline.seconds + gate.seconds;
  const passed = took <= allowedSeconds;
  const by = took - baseline.seconds;
  const percent = Math.round((by / baseline.seconds) * 100);
  const compared =
    by === 0
      ? `as fast as the ${baseline.seconds}s`
      : `${Math.abs(by)}s (${Math.abs(percent)}%) ${by > 0 ? 'slower' : 'faster'} than the ${baseline.seconds}s`;
  const message =
    `boot-time-gate ${gate.text}: ${slowest.instanceType} reached SSM Online ${took}s after launch, ${compared} ` +
    `of ${baseline.amiId}${baseline.name ? ` (${baseline.name})` : ''}, the baseline by ${baseline.source}; ` +
    `at most ${Math.round(allowedSeconds * 10) / 10}s allowed${passed ? '' : `, over by ${Math.round((took - allowedSeconds) * 10) / 10}s`}.`;
  return { passed, slowest: { instanceType: slowest.instanceType, seconds: took }, allowedSeconds, message };
}
