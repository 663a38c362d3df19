/**
 * Which service and region a request is for: the SigV4 credential scope, as AWS routes it.
 * `Credential=<key>/<yyyymmdd>/<region>/<service>/aws4_request`. The Host header says nothing.
 * Unsigned requests (STS AssumeRoleWithWebIdentity) are routed by the query `Version`.
 */
import type { SimRequest } from '../protocols/types.js';

const SCOPE = /Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;

/** API versions of the query protocols whose unsigned operations exist. */
const UNSIGNED_BY_VERSION: Record<string, string> = { '2011-06-15': 'sts' };

/** `accessKeyId`: the key the request was signed with (`''` when unsigned). */
export type Route = { service: string; region: string; accessKeyId: string } | { error: string };

export function routeOf(req: SimRequest): Route {
  const auth = req.headers.authorization ?? req.query.get('X-Amz-Credential') ?? '';
  const m = SCOPE.exec(auth.includes('Credential=') ? auth : `Credential=${auth}`);
  if (m) return { region: m[3], service: m[4], accessKeyId: m[1] };
  if ((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    const service = UNSIGNED_BY_VERSION[new URLSearchParams(req.body).get('Version') ?? ''];
    if (service) return { service, region: 'us-east-1', accessKeyId: '' };
  }
  return {
    error:
      'No SigV4 credential scope in the Authorization header: the simulator routes requests by ' +
      '`Credential=<key>/<date>/<region>/<service>/aws4_request`. Use an AWS SDK client with any ' +
      'credentials and `endpoint` set to the simulator URL; control endpoints live under /_sim/.',
  };
}
