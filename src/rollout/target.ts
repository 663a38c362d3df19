/**
 * Where a rollout goes: a deploy to the AMI given for the group's region, or a rollback to the AMI a
 * template launched before its current one, as the history records in its launch template versions
 * say. Each launch template of a group (a mixed instances policy's overrides may name their own) gets
 * its own target and its own history record.
 */
import type { GroupState, TemplateUse } from '../aws/groups.js';
import { templateVersion } from '../aws/groups.js';
import type { RunContext } from '../context.js';
import type { RolloutConfig } from './config.js';
import { describeDeploy, describeRollback, rollbackTarget } from './history.js';
import { type ParameterState, parameterRollback } from './parameter.js';

export type TemplateTarget = { ami: string; description: string } | { none: string };

export interface RolloutTarget {
  kind: 'deploy' | 'rollback';
  /** The AMI this template of the group should launch, with the new version's history record. */
  choose(group: GroupState, template: TemplateUse): Promise<TemplateTarget>;
  /**
   * The AMI the SSM parameter the group's templates resolve should name, with the new parameter
   * version's history record (the same records, with parameter version numbers).
   */
  chooseParameter(group: GroupState, parameter: ParameterState): Promise<TemplateTarget>;
}

const runNote = (context: RunContext) => (context.runUrl ? ` (${context.runUrl})` : '');

/** The AMI of a region, from `amis` or (in the primary region) `ami-id`. */
export function amiForRegion(config: RolloutConfig, region: string): string | { none: string } {
  const ami = config.amis?.[region] ?? (region === config.region ? config.amiId : undefined);
  if (ami) return ami;
  return {
    none: `no AMI for ${region}: ${config.amis ? 'amis has no entry for it' : 'ami-id is for the primary region only'}. Pass amis from mode: publish with this region in copy-to-regions`,
  };
}

export function deployTarget(config: RolloutConfig, context: RunContext): RolloutTarget {
  return {
    kind: 'deploy',
    async choose(group, template) {
      const ami = amiForRegion(config, group.region);
      if (typeof ami !== 'string') return ami;
      return {
        ami,
        description: describeDeploy(
          ami,
          template.ami ?? template.imageRef,
          template.version,
          runNote(context),
        ),
      };
    },
    async chooseParameter(group, parameter) {
      const ami = amiForRegion(config, group.region);
      if (typeof ami !== 'string') return ami;
      return { ami, description: describeDeploy(ami, parameter.value, parameter.version, runNote(context)) };
    },
  };
}

export function rollbackTargetOf(context: RunContext): RolloutTarget {
  return {
    kind: 'rollback',
    async choose(group, template) {
      const target = await rollbackTarget(template.version, async (version) =>
        version === template.version
          ? template.description
          : (await templateVersion(group.region, template.templateId, version))?.VersionDescription,
      );
      if ('none' in target) {
        return {
          none: `Nothing to roll back to for '${group.name}' in ${group.region} (on ${template.ami ?? template.imageRef}, version ${template.version} of ${template.templateName}): ${target.none}`,
        };
      }
      return {
        ami: target.ami,
        description: describeRollback(
          target.ami,
          target.stateOfVersion,
          template.ami ?? template.imageRef,
          runNote(context),
        ),
      };
    },
    async chooseParameter(group, parameter) {
      const target = await parameterRollback(parameter);
      if ('none' in target) {
        return {
          none: `Nothing to roll back to for '${group.name}' in ${group.region} (SSM parameter ${parameter.name} at version ${parameter.version}, ${parameter.value}): ${target.none.replace(/^version/, 'parameter version')}`,
        };
      }
      return {
        ami: target.ami,
        description: describeRollback(target.ami, target.stateOfVersion, parameter.value, runNote(context)),
      };
    },
  };
}
