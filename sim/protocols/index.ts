/** The wire protocol a service speaks, from the SDK client's protocol (see `serviceInfo`). */
import type { ServiceInfo } from '../core/schemas.js';
import { jsonRpcProtocol } from './json-rpc.js';
import { awsQueryProtocol, ec2QueryProtocol } from './query.js';
import { restJsonProtocol } from './rest-json.js';
import type { Protocol } from './types.js';

const cache = new WeakMap<ServiceInfo, Protocol>();

export function protocolFor(info: ServiceInfo): Protocol {
  let p = cache.get(info);
  if (!p) {
    switch (info.protocol) {
      case 'ec2Query':
        p = ec2QueryProtocol(info);
        break;
      case 'awsQuery':
        p = awsQueryProtocol(info);
        break;
      case 'restJson1':
        p = restJsonProtocol();
        break;
      default:
        p = jsonRpcProtocol(info);
    }
    cache.set(info, p);
  }
  return p;
}

export { SerializationError } from './json-rpc.js';
export type { CannedError, Protocol, SimRequest, SimResponse, WireError } from './types.js';
