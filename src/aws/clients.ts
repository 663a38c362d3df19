/**
 * One place that makes AWS SDK clients: per region and cached, with retries chosen for long
 * pipelines, the action's user agent, and the proxy the runner may require. Endpoints come from the
 * standard SDK configuration, so `AWS_ENDPOINT_URL` (or `AWS_ENDPOINT_URL_<SERVICE>`) redirects them.
 */
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { VERSION } from '../version.js';
import { watchAwsClock } from './clock.js';
import { annotateErrors } from './errors.js';

interface SdkClient {
  middlewareStack: { add: (...args: any[]) => void };
}
type ClientClass<C extends SdkClient> = new (config: Record<string, unknown>) => C;

/**
 * Throttling and transient faults are retried up to this many attempts, with exponential back-off and
 * full jitter from 50 ms up to 20 s. The SDK's standard mode starts throttling back-off at 500 ms. EC2
 * refills its request buckets 5 to 20 tokens a second for most calls, so a token is often back within
 * 50-200 ms; the longer first waits made a 16-region publish under 30% throttling take 4.6x its
 * unthrottled time (npm run bench), because publish checks every region before it changes any, and so
 * waits for the unluckiest one. Ten attempts still wait about 50 s in all under sustained throttling.
 */
export const MAX_ATTEMPTS = 10;
const BASE_DELAY_MS = 50;
const MAX_DELAY_MS = 20_000;

export function retryDelayMs(attempt: number, random = Math.random()): number {
  return random * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
}

/**
 * What a client is for. A `poll` inside a wait loop retries once at most: a throttled poll is simply
 * followed by the next one (waitUntil counts it as no news), where back-off inside the poll would
 * hold back noticing the change by seconds.
 */
export type ClientUse = 'call' | 'poll';
const ATTEMPTS: Record<ClientUse, number> = { call: MAX_ATTEMPTS, poll: 2 };

const cache = new Map<string, SdkClient>();

export function awsClient<C extends SdkClient>(
  ClientClass: ClientClass<C>,
  region: string,
  use: ClientUse = 'call',
): C {
  const key = `${ClientClass.name}@${region}:${use}`;
  let client = cache.get(key) as C | undefined;
  if (!client) {
    client = new ClientClass({
      region,
      retryStrategy: new ConfiguredRetryStrategy(ATTEMPTS[use], (attempt) => retryDelayMs(attempt)),
      customUserAgent: `ami-action/${VERSION}`,
      ...proxyConfig(),
    });
    annotateErrors(client, region);
    watchAwsClock(client);
    cache.set(key, client);
  }
  return client;
}

/**
 * The SDK ignores HTTPS_PROXY by default; self-hosted runners behind a proxy need it honoured. The
 * proxy agent is loaded on the first request, so runs without a proxy never load it.
 */
function proxyConfig(env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const proxy = env.HTTPS_PROXY || env.https_proxy;
  if (!proxy) return {};
  return {
    requestHandler: new NodeHttpHandler(async () => {
      const { HttpsProxyAgent } = await import('https-proxy-agent');
      return { httpsAgent: new HttpsProxyAgent(proxy) };
    }),
  };
}
