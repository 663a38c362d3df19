/**
 * A Recycle Bin client whose CreateRule also sends ExcludeResourceTags: the @aws-sdk/client-rbin the
 * registry serves (3.523) predates exclusion tags and leaves them out of the request it builds.
 */
import { RbinClient } from '@aws-sdk/client-rbin';

type ResourceTag = { ResourceTagKey: string; ResourceTagValue: string };

export function rbinExcluding(
  config: NonNullable<ConstructorParameters<typeof RbinClient>[0]>,
  exclude: ResourceTag[],
) {
  const client = new RbinClient(config);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const request = args.request as { body?: string; headers: Record<string, string> };
      if (context.commandName === 'CreateRuleCommand' && typeof request.body === 'string') {
        request.body = JSON.stringify({ ...JSON.parse(request.body), ExcludeResourceTags: exclude });
        delete request.headers['content-length'];
      }
      return next(args);
    },
    { step: 'build', priority: 'high', name: 'excludeResourceTags' },
  );
  return client;
}
