/** Tags blue-green keeps on its groups (beside the shared ones in src/tags.ts). */
export const BG_TAG = {
  /** The deploy lock of earlier versions (a tag; now an SSM parameter, ../lock.ts): never inherited. */
  legacyLock: 'ami-action:deploy-lock',
  /** On the group that serves: `true`. How the next deploy finds the live colour. */
  serving: 'ami-action:serving',
  /** blue | green, or the group's own name when it is not one of the two colours. */
  colour: 'ami-action:colour',
  /** The AMI the group was created with. */
  ami: 'ami-action:ami',
  /** On an old group kept scaled to zero (keep-old): until when (ISO time). */
  keepUntil: 'ami-action:keep-until',
  /** On the group a blue-green rollback switched away from (ISO time): never a rollback target itself. */
  rolledBack: 'ami-action:rolled-back',
} as const;

/** Tags a new group must not inherit from the group it copies. */
export const NOT_INHERITED = new Set<string>([
  BG_TAG.legacyLock,
  BG_TAG.serving,
  BG_TAG.keepUntil,
  BG_TAG.rolledBack,
]);
