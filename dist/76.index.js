export const id = 76;
export const ids = [76];
export const modules = {

/***/ 6076:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  awsClient: () => (/* binding */ awsClient)
});

// UNUSED EXPORTS: MAX_ATTEMPTS

// EXTERNAL MODULE: ./node_modules/https-proxy-agent/dist/index.js + 4 modules
var dist = __webpack_require__(7659);
;// CONCATENATED MODULE: ./src/version.ts
/** The action's version, sent in the AWS user agent (`ami-action/<version>`). Bumped on release. */
const VERSION = '0.1.0';

// EXTERNAL MODULE: ./src/aws/errors.ts
var errors = __webpack_require__(9378);
;// CONCATENATED MODULE: ./src/aws/clients.ts
/**
 * One place that makes AWS SDK clients: per region and cached, with retries chosen for long
 * pipelines, the action's user agent, and the proxy the runner may require. Endpoints come from the
 * standard SDK configuration, so `AWS_ENDPOINT_URL` (or `AWS_ENDPOINT_URL_<SERVICE>`) redirects them.
 */



/**
 * Throttling and transient faults are retried by the SDK with exponential back-off and full jitter, up
 * to this many attempts. Standard rather than adaptive mode: the action's calls per region are few,
 * and adaptive's client-side rate limiter slowed a 16-region publish under 30% throttling to 6.2x its
 * unthrottled time where standard took 4.6x (npm run bench).
 */
const MAX_ATTEMPTS = 8;
const cache = new Map();
function awsClient(ClientClass, region) {
    const key = `${ClientClass.name}@${region}`;
    let client = cache.get(key);
    if (!client) {
        client = new ClientClass({
            region,
            retryMode: 'standard',
            maxAttempts: MAX_ATTEMPTS,
            customUserAgent: `ami-action/${VERSION}`,
            ...proxyConfig(),
        });
        (0,errors/* annotateErrors */.Ei)(client, region);
        cache.set(key, client);
    }
    return client;
}
/** The SDK ignores HTTPS_PROXY by default; self-hosted runners behind a proxy need it honoured. */
function proxyConfig(env = process.env) {
    const proxy = env.HTTPS_PROXY || env.https_proxy;
    if (!proxy)
        return {};
    return { requestHandler: { httpsAgent: new dist/* HttpsProxyAgent */.b(proxy) } };
}


/***/ })

};
