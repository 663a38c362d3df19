export const id = 662;
export const ids = [662,76];
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


/***/ }),

/***/ 1229:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ valuesOrThrow),
/* harmony export */   _: () => (/* binding */ mapConcurrent)
/* harmony export */ });
/** Runs `work` over `items` with at most `limit` in flight; results keep the items' order. */
async function mapConcurrent(items, limit, work) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            try {
                results[index] = { status: 'fulfilled', value: await work(items[index], index) };
            }
            catch (reason) {
                results[index] = { status: 'rejected', reason };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    return results;
}
/** The values of settled results, or the first rejection's reason thrown. */
function valuesOrThrow(results) {
    const failed = results.find((result) => result.status === 'rejected');
    if (failed)
        throw failed.reason;
    return results.map((result) => result.value);
}


/***/ }),

/***/ 1831:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ clientToken)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Idempotency tokens. A token hashes what identifies the attempt (repository, run, attempt, job and
 * the target), so a re-run of the same attempt converges on what the first run started while two
 * matrix jobs never collide. EC2 allows 64 ASCII characters, Image Builder 1-36.
 */

function clientToken(context, parts, maxLength = 64) {
    const identity = [context.repository, context.runId, context.runAttempt, context.job, ...parts].join('\n');
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(identity).digest('hex').slice(0, maxLength);
}


/***/ }),

/***/ 6308:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ WaitTimeoutError),
/* harmony export */   a: () => (/* binding */ waitUntil)
/* harmony export */ });
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3218);
/* harmony import */ var _cancel_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(833);
/* harmony import */ var _report_format_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2011);
/**
 * The one way this action waits for AWS: a deadline, jittered polling that starts quick and backs off
 * to the poll interval (never beyond, unlike the SDK's stock waiters that drift to two minutes),
 * cancellation, each status change logged and a progress line at least every 30 s.
 */




class WaitTimeoutError extends Error {
    what;
    lastStatus;
    constructor(what, lastStatus, timeoutSeconds, hint) {
        super(`Timed out after ${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatSeconds */ .X)(timeoutSeconds)} waiting for ${what}` +
            `${lastStatus ? ` (last status: ${lastStatus})` : ''}. ${hint ?? 'Raise the timeout input if it needs longer.'}`);
        this.what = what;
        this.lastStatus = lastStatus;
        this.name = 'WaitTimeoutError';
    }
}
const PROGRESS_EVERY_MS = 30_000;
const FIRST_DELAY_MS = 1_000;
async function waitUntil(options) {
    const signal = options.signal ?? _cancel_js__WEBPACK_IMPORTED_MODULE_2__/* .cancellation */ .WN;
    const started = Date.now();
    const deadline = started + options.timeoutSeconds * 1000;
    const intervalMs = Math.max(50, options.pollIntervalSeconds * 1000);
    let delayMs = Math.min(FIRST_DELAY_MS, intervalMs);
    let lastStatus;
    let lastLog = started;
    for (;;) {
        if (signal.aborted)
            throw signal.reason;
        const result = await options.check();
        if (result.done)
            return result.value;
        const now = Date.now();
        const elapsed = (now - started) / 1000;
        if (result.status !== lastStatus) {
            lastStatus = result.status;
            lastLog = now;
            (options.onStatus ?? ((status) => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(`${options.what}: ${status} (${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatSeconds */ .X)(elapsed)})`)))(result.status, elapsed);
        }
        else if (now - lastLog >= PROGRESS_EVERY_MS) {
            lastLog = now;
            _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(`Still waiting for ${options.what}: ${result.status} (${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatSeconds */ .X)(elapsed)})`);
        }
        if (now >= deadline) {
            throw new WaitTimeoutError(options.what, lastStatus, options.timeoutSeconds, options.timeoutHint);
        }
        const jittered = delayMs * (0.8 + Math.random() * 0.2);
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(Math.min(jittered, deadline - now), undefined, { signal }).catch(() => {
            throw signal.reason;
        });
        delayMs = Math.min(delayMs * 2, intervalMs);
    }
}


/***/ }),

/***/ 4662:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  post: () => (/* binding */ post),
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 20 modules
var core = __webpack_require__(3218);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(2011);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(5468);
// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(7994);
// EXTERNAL MODULE: ./src/report/timeline.ts
var timeline = __webpack_require__(1935);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-imagebuilder/dist-cjs/index.js
var dist_cjs = __webpack_require__(1309);
// EXTERNAL MODULE: ./src/aws/clients.ts + 1 modules
var clients = __webpack_require__(6076);
// EXTERNAL MODULE: ./src/aws/tokens.ts
var tokens = __webpack_require__(1831);
// EXTERNAL MODULE: ./src/aws/wait.ts
var wait = __webpack_require__(6308);
// EXTERNAL MODULE: ./src/cancel.ts
var cancel = __webpack_require__(833);
;// CONCATENATED MODULE: ./src/modes/bake/image-builder.ts
/**
 * builder: image-builder — starts the pipeline once per workflow attempt (a client token makes a
 * re-run of the same attempt find its build instead of starting a second), waits through its
 * statuses, and reads the AMIs from the image's output resources.
 */







/** State the post step reads: the build to cancel if the main step could not. */
const IMAGE_BUILD_STATE = 'image-build-arn';
const ENDED = ['AVAILABLE', 'FAILED', 'CANCELLED', 'DEPRECATED', 'DELETED'];
const regionOfArn = (arn) => arn.split(':')[3];
async function bakeWithImageBuilder(config, context) {
    const pipelineArn = config.pipelineArn;
    const client = (0,clients.awsClient)(dist_cjs.ImagebuilderClient, regionOfArn(pipelineArn));
    const token = (0,tokens/* clientToken */.$)(context, ['image-builder', pipelineArn], 36);
    const { imageBuildVersionArn } = await client.send(new dist_cjs.StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn, clientToken: token }));
    const imageArn = imageBuildVersionArn;
    core/* saveState */.LZ(IMAGE_BUILD_STATE, imageArn);
    core/* info */.pq(`Started ${pipelineArn}: image ${imageArn}`);
    let image;
    try {
        image = await (0,wait/* waitUntil */.a)({
            what: `image ${imageArn}`,
            timeoutSeconds: config.timeout,
            pollIntervalSeconds: config.pollInterval,
            onStatus: (status, elapsed) => core/* info */.pq(`${status} (${(0,format/* formatSeconds */.X)(elapsed)})`),
            check: async () => {
                const { image } = await client.send(new dist_cjs.GetImageCommand({ imageBuildVersionArn: imageArn }));
                const status = image?.state?.status ?? 'UNKNOWN';
                return ENDED.includes(status) ? { done: true, value: image } : { done: false, status };
            },
        });
    }
    catch (error) {
        if (error instanceof cancel/* CancelledError */.cc)
            await cancelBuild(client, imageArn);
        throw error;
    }
    core/* saveState */.LZ(IMAGE_BUILD_STATE, '');
    const status = image.state?.status;
    if (status !== 'AVAILABLE') {
        throw new Error(`Image Builder build ${imageArn} ended ${status}: ${image.state?.reason ?? 'no reason given'}.`);
    }
    const amis = {};
    const names = {};
    for (const ami of image.outputResources?.amis ?? []) {
        if (!ami.region || !ami.image)
            continue;
        amis[ami.region] = ami.image;
        names[ami.image] = ami.name ?? '';
    }
    if (Object.keys(amis).length === 0) {
        throw new Error(`Image Builder build ${imageArn} is AVAILABLE but lists no AMI: is its distribution configuration for AMIs?`);
    }
    return { amis, names, imageArn };
}
async function cancelBuild(client, imageArn) {
    try {
        await client.send(new dist_cjs.CancelImageCreationCommand({
            imageBuildVersionArn: imageArn,
            clientToken: `cancel-${imageArn}`.slice(-36),
        }));
        core/* info */.pq(`Cancelled ${imageArn}.`);
    }
    catch (error) {
        core/* warning */.$e(`Could not cancel ${imageArn}: ${error.message}`);
    }
}
/** Post step: cancels a build the main step started but did not see end (killed, crashed). */
async function cancelUnfinishedBuild() {
    const imageArn = core/* getState */.Gu(IMAGE_BUILD_STATE);
    if (!imageArn)
        return;
    const client = (0,clients.awsClient)(dist_cjs.ImagebuilderClient, regionOfArn(imageArn));
    const { image } = await client.send(new dist_cjs.GetImageCommand({ imageBuildVersionArn: imageArn }));
    if (ENDED.includes(image?.state?.status ?? ''))
        return;
    await cancelBuild(client, imageArn);
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:readline"
var external_node_readline_ = __webpack_require__(481);
;// CONCATENATED MODULE: ./src/modes/bake/packer-output.ts
/**
 * Packer's machine-readable output (`-machine-readable`): one record per line,
 * `timestamp,target,type,data...`, with commas inside data written `%!(PACKER_COMMA)` and newlines
 * `\n`. See https://developer.hashicorp.com/packer/docs/commands#machine-readable-output
 */
function decodeField(text) {
    return text.replaceAll('%!(PACKER_COMMA)', ',').replaceAll('\\n', '\n').replaceAll('\\r', '\r');
}
/** A record, or undefined for a line that is not machine-readable (plugins may print such lines). */
function parseRecord(line) {
    const fields = line.replace(/\r$/, '').split(',');
    if (fields.length < 3 || !/^\d+$/.test(fields[0]))
        return undefined;
    const [timestamp, target, type, ...data] = fields;
    return { timestamp, target, type, data: data.map(decodeField) };
}
/** Collects artifacts from `artifact` records: `<n>,id,us-east-1:ami-1%!(PACKER_COMMA)eu-west-1:ami-2`. */
class ArtifactCollector {
    byKey = new Map();
    add(record) {
        if (record.type !== 'artifact')
            return;
        const [index, key, ...rest] = record.data;
        const artifact = this.byKey.get(`${record.target}#${index}`) ?? { build: record.target, amis: {} };
        this.byKey.set(`${record.target}#${index}`, artifact);
        if (key === 'builder-id')
            artifact.builderId = rest[0];
        if (key === 'id') {
            for (const pair of rest.join(',').split(',')) {
                const match = /^\s*([a-z]{2}(?:-[a-z]+)+-\d+):(ami-[0-9a-f]+)\s*$/.exec(pair);
                if (match)
                    artifact.amis[match[1]] = match[2];
            }
        }
    }
    get artifacts() {
        return [...this.byKey.values()].filter((artifact) => Object.keys(artifact.amis).length > 0);
    }
}
const ANNOUNCEMENTS = [
    ['instances', /Instance ID: (i-[0-9a-f]+)/],
    ['keyPairs', /Creating temporary keypair: (\S+)/],
    ['securityGroups', /Creating temporary security group for this instance: (\S+)/],
];
/** Adds what a UI line announces; true when it announced something new. */
function noteTemporaryResource(message, found) {
    for (const [kind, pattern] of ANNOUNCEMENTS) {
        const name = pattern.exec(message)?.[1];
        if (name && !found[kind].includes(name)) {
            found[kind].push(name);
            return true;
        }
    }
    return false;
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-cjs/index.js
var client_ec2_dist_cjs = __webpack_require__(5193);
// EXTERNAL MODULE: ./src/aws/fanout.ts
var fanout = __webpack_require__(1229);
// EXTERNAL MODULE: ./src/context.ts
var src_context = __webpack_require__(788);
// EXTERNAL MODULE: ./src/tags.ts
var src_tags = __webpack_require__(9506);
;// CONCATENATED MODULE: ./src/modes/bake/provenance.ts
/** Provenance: every baked AMI and its snapshots say which repository, commit and run made them. */






function provenanceTags(context) {
    const tags = { [src_tags/* TAG */.Dk.runId]: (0,src_context/* runTag */.e)(context) };
    if (context.repository)
        tags[src_tags/* TAG */.Dk.repository] = context.repository;
    if (context.commit)
        tags[src_tags/* TAG */.Dk.commit] = context.commit;
    if (context.runUrl)
        tags[src_tags/* TAG */.Dk.runUrl] = context.runUrl;
    return tags;
}
/** Tags each region's AMI and the snapshots behind it. */
async function tagProvenance(amis, context) {
    const tags = (0,src_tags/* toTagList */.s3)(provenanceTags(context));
    const results = await (0,fanout/* mapConcurrent */._)(Object.entries(amis), 8, async ([region, imageId]) => {
        const ec2 = (0,clients.awsClient)(client_ec2_dist_cjs.EC2Client, region);
        const { Images } = await ec2.send(new client_ec2_dist_cjs/* DescribeImagesCommand */.ji5({ ImageIds: [imageId] }));
        const snapshots = (Images?.[0]?.BlockDeviceMappings ?? []).flatMap((m) => m.Ebs?.SnapshotId ?? []);
        await ec2.send(new client_ec2_dist_cjs/* CreateTagsCommand */.RmG({ Resources: [imageId, ...snapshots], Tags: tags }));
        core/* info */.pq(`Tagged ${imageId} and ${snapshots.length} snapshot(s) in ${region} with their provenance.`);
    });
    (0,fanout/* valuesOrThrow */.H)(results);
}

;// CONCATENATED MODULE: ./src/modes/bake/packer.ts
/**
 * builder: packer — runs `packer build -machine-readable` (after `packer init` for HCL2 templates on
 * Packer 1.7 and later), streams its messages to the log, turns `ui,error` lines into annotations,
 * and reads the AMIs from its artifacts. The temporary instance, key pair and security group Packer
 * announces are saved as they appear, so the post step can remove them if the job is cancelled
 * before Packer cleans up itself.
 */








const PACKER_TEMPORARY_STATE = 'packer-temporary';
function findPacker(path = process.env.PATH ?? '') {
    for (const dir of path.split(external_node_path_.delimiter).filter(Boolean)) {
        const candidate = (0,external_node_path_.join)(dir, 'packer');
        try {
            (0,external_node_fs_.accessSync)(candidate, external_node_fs_.constants.X_OK);
            return candidate;
        }
        catch {
            // not here
        }
    }
    throw new Error('Packer is not on PATH. Add `uses: hashicorp/setup-packer@v3` before this step (or install packer on the runner).');
}
/** `Packer v1.6.6` -> [1, 6, 6]. */
function parsePackerVersion(text) {
    const match = /v?(\d+)\.(\d+)\.(\d+)/.exec(text);
    if (!match)
        throw new Error(`Could not read Packer's version from: ${text.trim()}`);
    return match.slice(1).map(Number);
}
function isHcl2(template) {
    return (/\.pkr\.(hcl|json)$/.test(template) ||
        (0,external_node_fs_.statSync)(template, { throwIfNoEntry: false })?.isDirectory() === true);
}
/** Template variables and environment carrying the provenance, for templates that want it. */
function provenanceEnv(context) {
    const env = {};
    for (const [tag, value] of Object.entries(provenanceTags(context))) {
        const name = tag.replace('ami-action:', 'ami_action_').replaceAll('-', '_');
        env[name.toUpperCase()] = value;
        env[`PKR_VAR_${name}`] = value;
    }
    return env;
}
function runPacker(packer, args, options) {
    return new Promise((done, fail) => {
        const child = (0,external_node_child_process_.spawn)(packer, args, {
            cwd: options.cwd,
            env: options.env,
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        const errors = [];
        // Packer cleans up on SIGINT; the runner's SIGKILL comes 10 s later, and the post step covers that.
        const forward = () => child.kill('SIGINT');
        cancel/* cancellation */.WN.addEventListener('abort', forward, { once: true });
        (0,external_node_readline_.createInterface)({ input: child.stdout }).on('line', (line) => options.onRecord?.(line));
        (0,external_node_readline_.createInterface)({ input: child.stderr }).on('line', (line) => {
            core/* info */.pq(line);
            errors.push(line);
        });
        child.on('error', fail);
        child.on('close', (code) => {
            cancel/* cancellation */.WN.removeEventListener('abort', forward);
            done({ code, errors });
        });
    });
}
async function bakeWithPacker(config, context) {
    const packer = findPacker();
    const cwd = (0,external_node_path_.resolve)(context.workspace, config.workingDirectory ?? '.');
    const template = config.template;
    const env = { ...process.env, ...provenanceEnv(context) };
    const versionRun = await new Promise((done, fail) => {
        const child = (0,external_node_child_process_.spawn)(packer, ['version'], { env });
        let out = '';
        child.stdout.on('data', (chunk) => {
            out += chunk;
        });
        child.on('error', fail);
        child.on('close', () => done(out));
    });
    const [major, minor] = parsePackerVersion(versionRun);
    core/* info */.pq(`Packer ${major}.${minor} at ${packer}`);
    if (isHcl2((0,external_node_path_.resolve)(cwd, template)) && (major > 1 || minor >= 7)) {
        const init = await runPacker(packer, ['init', template], {
            cwd,
            env,
            onRecord: (line) => core/* info */.pq(line),
        });
        if (init.code !== 0)
            throw new Error(`packer init failed (exit ${init.code}): ${init.errors.at(-1) ?? ''}`);
    }
    const args = [
        'build',
        '-machine-readable',
        '-color=false',
        ...(config.only.length ? [`-only=${config.only.join(',')}`] : []),
        ...(config.except.length ? [`-except=${config.except.join(',')}`] : []),
        ...config.varFiles.map((file) => `-var-file=${file}`),
        ...config.vars.flatMap(([key, value]) => ['-var', `${key}=${value}`]),
        ...config.packerArgs,
        template,
    ];
    const artifacts = new ArtifactCollector();
    const temporary = { instances: [], keyPairs: [], securityGroups: [] };
    const uiErrors = [];
    const onRecord = (line) => {
        const record = parseRecord(line);
        if (!record)
            return core/* info */.pq(line);
        artifacts.add(record);
        if (record.type !== 'ui')
            return;
        const [level, message = ''] = record.data;
        if (level === 'error') {
            uiErrors.push(message);
            core/* error */.z3(message, { title: 'packer' });
            return;
        }
        core/* info */.pq(message);
        if (noteTemporaryResource(message, temporary)) {
            core/* saveState */.LZ(PACKER_TEMPORARY_STATE, JSON.stringify({ region: config.region, ...temporary }));
        }
    };
    core/* info */.pq(`packer ${args.join(' ')}`);
    const run = await runPacker(packer, args, { cwd, env, onRecord });
    if (cancel/* cancellation */.WN.aborted)
        throw cancel/* cancellation */.WN.reason ?? new cancel/* CancelledError */.cc('SIGINT');
    if (run.code !== 0) {
        const why = uiErrors.at(-1) ?? run.errors.at(-1) ?? 'see the log above';
        throw new Error(`packer build failed (exit ${run.code}): ${why.trim()}`);
    }
    core/* saveState */.LZ(PACKER_TEMPORARY_STATE, '');
    const amis = {};
    for (const artifact of artifacts.artifacts)
        Object.assign(amis, artifact.amis);
    if (Object.keys(amis).length === 0) {
        throw new Error('packer build succeeded but printed no AMI artifact: does the template use an amazon-* builder that creates an AMI?');
    }
    return { amis, names: {} };
}

// EXTERNAL MODULE: ./src/aws/errors.ts
var errors = __webpack_require__(9378);
;// CONCATENATED MODULE: ./src/modes/bake/packer-cleanup.ts
/**
 * Post step for Packer: removes the temporary instance, key pair and security group that a cancelled
 * or killed `packer build` left behind (the main step saved them as Packer announced them).
 */





async function removePackerLeftovers() {
    const saved = core/* getState */.Gu(PACKER_TEMPORARY_STATE);
    if (!saved)
        return;
    const { region, instances, keyPairs, securityGroups } = JSON.parse(saved);
    const ec2 = (0,clients.awsClient)(client_ec2_dist_cjs.EC2Client, region);
    if (instances.length > 0) {
        try {
            await ec2.send(new client_ec2_dist_cjs.TerminateInstancesCommand({ InstanceIds: instances }));
            core/* info */.pq(`Terminating Packer's instance(s) ${instances.join(', ')}; waiting so its security group can go.`);
            await (0,client_ec2_dist_cjs/* waitUntilInstanceTerminated */.GJr)({ client: ec2, maxWaitTime: 600, minDelay: 2, maxDelay: 10 }, { InstanceIds: instances });
        }
        catch (error) {
            if (!(0,errors/* isNotFound */.c4)(error))
                throw error;
        }
    }
    for (const KeyName of keyPairs) {
        await ec2.send(new client_ec2_dist_cjs/* DeleteKeyPairCommand */.EWB({ KeyName }));
        core/* info */.pq(`Deleted Packer's key pair ${KeyName}.`);
    }
    for (const name of securityGroups) {
        const { SecurityGroups } = await ec2.send(new client_ec2_dist_cjs/* DescribeSecurityGroupsCommand */.jsQ({ Filters: [{ Name: 'group-name', Values: [name] }] }));
        for (const group of SecurityGroups ?? []) {
            await ec2.send(new client_ec2_dist_cjs/* DeleteSecurityGroupCommand */.yEh({ GroupId: group.GroupId }));
            core/* info */.pq(`Deleted Packer's security group ${name} (${group.GroupId}).`);
        }
    }
}

;// CONCATENATED MODULE: ./src/modes/bake/index.ts
/**
 * mode: bake — Packer or an EC2 Image Builder pipeline; outputs the AMI per region, tagged with its
 * provenance (repository, commit, run).
 */









async function run(config, context) {
    if (config.dryRun) {
        const what = config.builder === 'packer'
            ? `packer build -machine-readable ${config.template}`
            : `StartImagePipelineExecution ${config.pipelineArn}`;
        core/* info */.pq(`dry-run: would run ${what}, then tag the AMIs it makes (CreateTags). Nothing was started.`);
        return;
    }
    const started = Date.now();
    const result = await (0,timeline/* phase */.O)(`Bake with ${config.builder}`, () => config.builder === 'packer' ? bakeWithPacker(config, context) : bakeWithImageBuilder(config, context));
    const seconds = Math.round((Date.now() - started) / 1000);
    await (0,timeline/* phase */.O)('Tag provenance', () => tagProvenance(result.amis, context));
    (0,outputs/* setAmiOutputs */.C)(config.region, result.amis);
    if (result.imageArn)
        core/* setOutput */.uH('image-arn', result.imageArn);
    core/* setOutput */.uH('build-seconds', String(seconds));
    (0,summary/* summaryTable */.j)(`Baked with ${config.builder} in ${(0,format/* formatSeconds */.X)(seconds)}`, ['region', 'AMI id', 'name'], Object.entries(result.amis).map(([region, id]) => [region, id, result.names[id]]));
}
async function post() {
    await removePackerLeftovers();
    await cancelUnfinishedBuild();
}


/***/ }),

/***/ 5468:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ setAmiOutputs)
/* harmony export */ });
/* unused harmony export formatAmis */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3218);

/**
 * The `amis` output: compact JSON, region -> AMI id, the primary region first, then the others in
 * the order the user gave them (then any the action found on its own, in the order found).
 */
function formatAmis(primaryRegion, amis, regionOrder = []) {
    const ordered = {};
    for (const region of [primaryRegion, ...regionOrder, ...Object.keys(amis)]) {
        if (amis[region] && !(region in ordered))
            ordered[region] = amis[region];
    }
    return JSON.stringify(ordered);
}
/** Sets `ami-id` (the primary region's) and `amis`. */
function setAmiOutputs(primaryRegion, amis, regionOrder = []) {
    const primary = amis[primaryRegion] ?? Object.values(amis)[0];
    if (primary)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('ami-id', primary);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('amis', formatAmis(primaryRegion, amis, regionOrder));
}


/***/ }),

/***/ 9506:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bz: () => (/* binding */ fromTagList),
/* harmony export */   Dk: () => (/* binding */ TAG),
/* harmony export */   s3: () => (/* binding */ toTagList)
/* harmony export */ });
/** Tags the action puts on what it creates. Other steps, audits and cleanup find resources by them. */
const TAG = {
    /** On everything temporary or baked: the workflow run (and attempt) that made it. */
    runId: 'ami-action:run-id',
    /** On copies: the AMI they were copied from. */
    sourceAmi: 'ami-action:source-ami',
    /** On tested AMIs: passed | failed. */
    test: 'ami-action:test',
    /** On tested AMIs: when the test ran (ISO 8601). */
    testedAt: 'ami-action:tested-at',
    /** On temporary resources: why they exist (test, ...). */
    purpose: 'ami-action:purpose',
    repository: 'ami-action:repository',
    commit: 'ami-action:commit',
    runUrl: 'ami-action:run-url',
};
/** SDK `Tags` list from a record. */
function toTagList(tags) {
    return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
/** A record from an SDK `Tags` list. */
function fromTagList(tags) {
    const record = {};
    for (const tag of tags ?? [])
        if (tag.Key)
            record[tag.Key] = tag.Value ?? '';
    return record;
}


/***/ })

};
