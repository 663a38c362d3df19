/**
 * The state store: every key the main step leaves for the post step, declared here with its schema.
 *
 * - `isPost`: set first thing by the main step, so the second run of dist/index.js is the post step.
 * - `mode`: the mode the main step ran.
 * - `journal`: the undo journal. A step that creates something that must not outlive the step (an
 *   instance, a running refresh, a new group, a lock, a build, Packer's temporary resources) records
 *   how to undo it before the create call returns, and settles the entry once the thing is
 *   finished with. The post step replays the undo of every entry still open, newest first.
 *
 * The post step reads the journal validated: a missing key means nothing was left open; a corrupt
 * or foreign one is reported and never acted on. The main step writes it (journal.ts) without loading
 * this module: only the post step, with a journal to read, loads these schemas (and zod).
 */
import * as z from 'zod';

import { STATE_KEYS } from './state-keys.js';

export { STATE_KEYS };

const text = z.string().min(1);
const region = text;

const trafficPlan = z.object({
  region,
  listenerArn: text,
  /** The target group the live group serves from. */
  live: text,
  /** The other one, which the new group joins. */
  idle: text,
  /** Non-default rules forwarding to the same pair. */
  ruleArns: z.array(text),
});

/** How to undo each kind of thing a step creates. */
export const UNDO = {
  /** A test instance: terminate it (found by client token when the launch never answered). */
  'terminate-instances': z.object({
    region,
    clientToken: text.optional(),
    instanceIds: z.array(text),
  }),
  /** An Image Builder build: cancel it unless it ended. */
  'cancel-image-build': z.object({ imageBuildVersionArn: text }),
  /** What `packer build` announced it created, in case Packer could not clean up after itself. */
  'remove-packer-leftovers': z.object({
    region,
    instances: z.array(text),
    keyPairs: z.array(text),
    securityGroups: z.array(text),
  }),
  /**
   * An AMI a bake made, until it carries its provenance and fingerprint tags: deregistered with its
   * snapshots, so a re-run neither misses it (skip-if-unchanged finds AMIs by those tags) nor bakes a
   * duplicate beside it.
   */
  'deregister-baked-image': z.object({ region, imageId: text }),
  /** An instance refresh: roll it back (or cancel it) while it still rolls forward. */
  'stop-instance-refresh': z.object({
    region,
    group: text,
    refreshId: text.optional(),
    autoRollback: z.boolean(),
    /** The AMI a rollback of it brings back, for messages. */
    previousAmi: text.optional(),
  }),
  /**
   * A group brought up to take the traffic (blue-green's new group, or rollback's kept group): the
   * traffic shifted back first, then the group deleted when this step created it, else scaled to zero.
   */
  'retire-incoming-group': z.object({
    region,
    group: text,
    created: z.boolean(),
    targetGroupArns: z.array(text),
    traffic: trafficPlan.optional(),
    /**
     * What was copied onto a group this step did not create (it goes with a deleted one): the warm
     * pool, scheduled actions (names), traffic sources other than target groups.
     */
    copied: z
      .object({
        warmPool: z.boolean(),
        scheduledActions: z.array(text),
        trafficSources: z.array(z.object({ Identifier: text, Type: text })),
      })
      .optional(),
  }),
  /** A region copy made before the source's test passed (publish wait-for-test). */
  'remove-untested-copy': z.object({ region, sourceImageId: text, imageId: text.optional() }),
  /** Image usage reports a cleanup step made (deleted when read; EC2 deletes them after 30 days). */
  'delete-image-usage-reports': z.object({ region, reportIds: z.array(text) }),
  /**
   * The deploy lock: SSM parameters `/ami-action/locks/<region>/<group>` this run created (released
   * only while they still name this run).
   */
  'release-deploy-lock': z.object({ region, names: z.array(text), run: text }),
  /**
   * A new version of the SSM parameter a group's launch template resolves (`resolve:ssm:`): the
   * previous value goes back as a new version, and when a refresh had started, another refresh
   * brings the group's instances back to it (AWS's auto-rollback is not available for such templates).
   */
  'restore-parameter': z.object({
    region,
    group: text,
    name: text,
    /** The value (AMI) before this run's version, and that version's number. */
    value: text,
    fromVersion: z.number().int(),
    /** This run's version, once written. */
    version: z.number().int().optional(),
    dataType: text,
    /** The description of the version that puts it back (the rollout history record). */
    description: text,
    label: text,
    /** The refresh preferences of the refresh that rolled this version out, once it started. */
    refresh: z.record(z.string(), z.unknown()).optional(),
  }),
} as const;

export type UndoKind = keyof typeof UNDO;
export type UndoOf<K extends UndoKind> = z.infer<(typeof UNDO)[K]> & { kind: K };
export type UndoEntry = { [K in UndoKind]: UndoOf<K> }[UndoKind];
export type TrafficPlan = z.infer<typeof trafficPlan>;

/** An entry as kept in the journal: which lane (region, group, ...) of the step recorded it. */
export type JournalEntry = UndoEntry & { id: number; lane: string };

const entrySchema = z.discriminatedUnion(
  'kind',
  Object.entries(UNDO).map(([kind, schema]) => schema.extend({ kind: z.literal(kind) })) as unknown as [
    z.ZodObject<{ kind: z.ZodLiteral<string> }>,
    ...z.ZodObject<{ kind: z.ZodLiteral<string> }>[],
  ],
);

const journalSchema = z.object({
  version: z.literal(1),
  mode: text,
  entries: z.array(z.intersection(entrySchema, z.object({ id: z.number().int(), lane: z.string() }))),
});

export type SavedJournal = { version: 1; mode: string; entries: JournalEntry[] };

export type ReadState<T> = { ok: true; value: T | undefined } | { ok: false; problem: string };

/**
 * The journal the main step left, checked against its schema and the mode that reads it. Undefined
 * when there is none (nothing was left open).
 */
export function readJournal(mode: string, env: NodeJS.ProcessEnv = process.env): ReadState<SavedJournal> {
  const raw = env[`STATE_${STATE_KEYS.journal}`];
  if (!raw) return { ok: true, value: undefined };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    return { ok: false, problem: `state '${STATE_KEYS.journal}' is not JSON (${(error as Error).message})` };
  }
  const result = journalSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    return {
      ok: false,
      problem: `state '${STATE_KEYS.journal}' is malformed at ${issue.path.join('.') || 'its top'}: ${issue.message}`,
    };
  }
  const journal = result.data as SavedJournal;
  if (journal.mode !== mode) {
    return {
      ok: false,
      problem: `state '${STATE_KEYS.journal}' was written by mode ${journal.mode}, not ${mode}: it is not this step's`,
    };
  }
  return { ok: true, value: journal };
}
