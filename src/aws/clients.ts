/**
 * One place that makes AWS SDK clients: per region and cached, with retries chosen for long
 * pipelines, the action's user agent, and the proxy the runner may require. Endpoints come from the
 * standard SDK configuration, so `AWS_ENDPOINT_URL` (or `AWS_ENDPOINT_URL_<SERVICE>`) redirects them.
 */
import { HttpsProxyAgent } from 'https-proxy-agent';
import { VERSION } from '../version.js';
import { annotateErrors } from './errors.js';

interface SdkClient {
  middlewareStack: { add: (...args: any[]) => void };
}
type ClientClass<C extends SdkClient> = new (config: Record<string, unknown>) => C;

/**
 * Throttling and transient faults are retried by the SDK with exponential back-off and full jitter, up
 * to this many attempts. Standard rather than adaptive mode: the action's calls per region are few,
 * and adaptive's client-side rate limiter slowed a 16-region publish under 30% throttling to 6.2x its
 * unthrottled time where standard took 4.6x (npm run bench).
 */
export const MAX_ATTEMPTS = 8;

const cache = new Map<string, SdkClient>();

export function awsClient<C extends SdkClient>(ClientClass: ClientClass<C>, region: string): C {
  const key = `${ClientClass.name}@${region}`;
  let client = cache.get(key) as C | undefined;
  if (!client) {
    client = new ClientClass({
      region,
      retryMode: 'standard',
      maxAttempts: MAX_ATTEMPTS,
      customUserAgent: `ami-action/${VERSION}`,
      ...proxyConfig(),
    });
    annotateErrors(client, region);
    cache.set(key, client);
  }
  return client;
}

/** The SDK ignores HTTPS_PROXY by default; self-hosted runners behind a proxy need it honoured. */
function proxyConfig(env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const proxy = env.HTTPS_PROXY || env.https_proxy;
  if (!proxy) return {};
  return { requestHandler: { httpsAgent: new HttpsProxyAgent(proxy) } };
}
