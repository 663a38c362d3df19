/**
 * One place that makes AWS SDK clients: per region and cached, with retries chosen for long
 * pipelines (every call its own attempts, no shared budget), requests paced to AWS's rates, the
 * action's user agent, and the proxy the runner may require. Endpoints come from the standard SDK
 * configuration, so `AWS_ENDPOINT_URL` (or `AWS_ENDPOINT_URL_<SERVICE>`) redirects them.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { VERSION } from '../version.js';
import { currentAccount } from './accounts.js';
import { watchAwsClock } from './clock.js';
import { annotateErrors, isThrottle } from './errors.js';
import { pacer } from './pacing.js';
import { PerCallRetryStrategy } from './retries.js';

interface SdkClient {
  middlewareStack: {
    add: (...args: any[]) => void;
    addRelativeTo: (...args: any[]) => void;
  };
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

/**
 * What a client is for. A `poll` inside a wait loop retries once at most: a throttled poll is simply
 * followed by the next one (waitUntil counts it as no news), where back-off inside the poll would
 * hold back noticing the change by seconds.
 */
export type ClientUse = 'call' | 'poll';
const ATTEMPTS: Record<ClientUse, number> = { call: MAX_ATTEMPTS, poll: 2 };

/** Clients made so far, per client class (the bundle's names are minified: a class is its own key). */
const cache = new WeakMap<ClientClass<SdkClient>, Map<string, SdkClient>>();

/** Connections open at once to one endpoint (the SDK's default per client is 50). */
const MAX_SOCKETS_PER_ENDPOINT = 100;

/**
 * The client for `region`, acting as the job or, inside `inAccount`, in that target account with its
 * role's credentials (accounts.ts).
 */
export function awsClient<C extends SdkClient>(
  ClientClass: ClientClass<C>,
  region: string,
  use: ClientUse = 'call',
): C {
  const account = currentAccount();
  let made = cache.get(ClientClass);
  if (!made) {
    made = new Map();
    cache.set(ClientClass, made);
  }
  const key = `${region}:${use}:${account?.id ?? 'job'}`;
  let client = made.get(key) as C | undefined;
  if (!client) {
    client = new ClientClass({
      region,
      retryStrategy: new PerCallRetryStrategy(ATTEMPTS[use]),
      customUserAgent: `ami-action/${VERSION}`,
      // Resolve the middleware stack once per command class, not on every send: a publish into 50
      // accounts sends thousands of requests, and re-resolving the stack was a tenth of its CPU. Safe
      // because every middleware of ours is added to the client right below, before its first send.
      cacheMiddleware: true,
      ...(account ? { credentials: account.credentials } : {}),
      ...connections(),
    });
    annotateErrors(client, region, account?.id);
    watchAwsClock(client);
    // AWS counts request rates per account and region.
    paceRequests(client, `${account?.id ?? 'job'}/${region}`);
    made.set(key, client);
  }
  return client;
}

/** Every attempt (after the retry middleware: retries too) waits for its token of the request rate. */
function paceRequests(client: SdkClient, scope: string): void {
  client.middlewareStack.addRelativeTo(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string; clientName?: string }) =>
      async (args: unknown) => {
        const service = SERVICE[context.clientName ?? ''] ?? '';
        const operation = context.commandName?.replace(/Command$/, '') ?? '';
        await pacer.take(scope, service, operation);
        try {
          return await next(args);
        } catch (error) {
          if (isThrottle(error)) pacer.throttled(scope, service, operation);
          throw error;
        }
      },
    { relation: 'after', toMiddleware: 'retryMiddleware', name: 'amiActionPacing' },
  );
}

/** The services pacing.ts knows buckets of, by SDK client name (the name the SDK gives, not the class's). */
const SERVICE: Record<string, string> = {
  EC2Client: 'ec2',
  SSMClient: 'ssm',
  AutoScalingClient: 'autoscaling',
};

let sharedAgents: { httpAgent: HttpAgent; httpsAgent: HttpsAgent } | undefined;

/**
 * How clients connect. Every client shares one pool of kept-alive connections per endpoint: each SDK
 * client would otherwise open its own, and publishing into 50 accounts in 16 regions makes 1,600
 * clients against 32 endpoints (a TLS handshake each, against AWS). The SDK ignores HTTPS_PROXY by
 * default; self-hosted runners behind a proxy need it honoured. The proxy agent is loaded on the
 * first request, so runs without a proxy never load it.
 */
function connections(env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const proxy = env.HTTPS_PROXY || env.https_proxy;
  if (!proxy) {
    sharedAgents ??= {
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_ENDPOINT }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_ENDPOINT }),
    };
    return { requestHandler: sharedAgents };
  }
  return {
    requestHandler: new NodeHttpHandler(async () => {
      const { HttpsProxyAgent } = await import('https-proxy-agent');
      return { httpsAgent: new HttpsProxyAgent(proxy) };
    }),
  };
}
