export const id = 805;
export const ids = [805,76];
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

/***/ 8228:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N3: () => (/* binding */ describeGroup),
/* harmony export */   bL: () => (/* binding */ templateVersion),
/* harmony export */   iY: () => (/* binding */ readGroup),
/* harmony export */   sH: () => (/* binding */ DeployError)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_auto_scaling__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8932);
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5193);
/* harmony import */ var _aws_clients_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6076);
/**
 * What a deploy needs to know about a group: its launch template (directly or inside a mixed
 * instances policy), the version it refers to and the numbered version that resolves to, the AMI of
 * that version, its target groups and instances.
 */



class DeployError extends Error {
    constructor(message) {
        super(message);
        this.name = 'DeployError';
    }
}
async function describeGroup(region, name) {
    const out = await (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_0__.awsClient)(_aws_sdk_client_auto_scaling__WEBPACK_IMPORTED_MODULE_1__/* .AutoScalingClient */ .yis, region).send(new _aws_sdk_client_auto_scaling__WEBPACK_IMPORTED_MODULE_1__/* .DescribeAutoScalingGroupsCommand */ .NkQ({ AutoScalingGroupNames: [name] }));
    const group = out.AutoScalingGroups?.[0];
    if (!group) {
        throw new DeployError(`Auto Scaling group '${name}' was not found in ${region}. Check the asg input and region.`);
    }
    return group;
}
async function templateVersion(region, templateId, version) {
    const out = await (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_0__.awsClient)(_aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__.EC2Client, region).send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .DescribeLaunchTemplateVersionsCommand */ .Ptd({ LaunchTemplateId: templateId, Versions: [version] }));
    const v = out.LaunchTemplateVersions?.[0];
    if (!v)
        throw new DeployError(`Launch template ${templateId} has no version ${version} in ${region}.`);
    return v;
}
async function readGroup(region, name) {
    const group = await describeGroup(region, name);
    const mixed = !group.LaunchTemplate && !!group.MixedInstancesPolicy;
    const spec = group.LaunchTemplate ?? group.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
    if (!spec?.LaunchTemplateId && !spec?.LaunchTemplateName) {
        throw new DeployError(`Auto Scaling group '${name}' in ${region} uses no launch template (a launch configuration?). ` +
            'Instance refresh with a new AMI needs a launch template: migrate the group to one first.');
    }
    const versionRef = spec.Version ?? '$Default';
    const out = await (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_0__.awsClient)(_aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__.EC2Client, region).send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .DescribeLaunchTemplateVersionsCommand */ .Ptd({
        ...(spec.LaunchTemplateId
            ? { LaunchTemplateId: spec.LaunchTemplateId }
            : { LaunchTemplateName: spec.LaunchTemplateName }),
        Versions: [versionRef],
    }));
    const v = out.LaunchTemplateVersions?.[0];
    const ami = v?.LaunchTemplateData?.ImageId;
    if (!v || !ami) {
        throw new DeployError(`The launch template of group '${name}' (version ${versionRef}) names no ImageId.`);
    }
    if (ami.startsWith('resolve:ssm:')) {
        throw new DeployError(`Group '${name}' takes its AMI from an SSM parameter (${ami}). Deploy writes an AMI id into a new launch template version; ` +
            'point the template at an AMI id, or update the parameter instead of deploying.');
    }
    return {
        region,
        name,
        group,
        mixed,
        templateId: v.LaunchTemplateId,
        templateName: v.LaunchTemplateName,
        versionRef,
        version: v.VersionNumber,
        ami,
        description: v.VersionDescription,
    };
}


/***/ }),

/***/ 9270:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   es: () => (/* binding */ rollbackTarget),
/* harmony export */   sR: () => (/* binding */ describeRollback),
/* harmony export */   ze: () => (/* binding */ describeDeploy)
/* harmony export */ });
/* unused harmony export parseRecord */
const AMI = 'ami-[0-9a-f]{8,17}';
const DEPLOY = new RegExp(`^ami-action deploy (${AMI}) replaces (${AMI}) of version (\\d+)`);
const ROLLBACK = new RegExp(`^ami-action rollback to (${AMI}) of version (\\d+), removing (${AMI})`);
function describeDeploy(ami, previousAmi, fromVersion, note = '') {
    return `ami-action deploy ${ami} replaces ${previousAmi} of version ${fromVersion}${note}`.slice(0, 255);
}
function describeRollback(ami, stateOfVersion, removedAmi, note = '') {
    return `ami-action rollback to ${ami} of version ${stateOfVersion}, removing ${removedAmi}${note}`.slice(0, 255);
}
function parseRecord(description) {
    const d = DEPLOY.exec(description ?? '');
    if (d)
        return { kind: 'deploy', ami: d[1], previousAmi: d[2], fromVersion: Number(d[3]) };
    const r = ROLLBACK.exec(description ?? '');
    if (r)
        return { kind: 'rollback', ami: r[1], stateOfVersion: Number(r[2]), removedAmi: r[3] };
    return undefined;
}
/**
 * What a rollback from `currentVersion` restores, reading records through `describe(version)`:
 * the AMI the deploy that produced the current state replaced. Undefined with why, when none.
 */
async function rollbackTarget(currentVersion, describe) {
    let version = currentVersion;
    // A rollback version stands for the state of an earlier version: follow it (bounded against loops).
    for (let hops = 0; hops < 100; hops++) {
        const record = parseRecord(await describe(version));
        if (!record) {
            return {
                none: version === currentVersion
                    ? `version ${version} was not made by an ami-action deploy, so there is no recorded AMI to go back to`
                    : `version ${version}, the state the last rollback restored, was not made by an ami-action deploy: there is no earlier AMI recorded`,
            };
        }
        if (record.kind === 'deploy')
            return { ami: record.previousAmi, stateOfVersion: record.fromVersion };
        version = record.stateOfVersion;
    }
    return { none: 'the rollback records form a loop' };
}


/***/ }),

/***/ 8429:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D4: () => (/* binding */ stopPendingRefreshes),
/* harmony export */   vy: () => (/* binding */ forgetRefresh),
/* harmony export */   z7: () => (/* binding */ rememberRefresh)
/* harmony export */ });
/* unused harmony export PENDING_STATE */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3218);
/* harmony import */ var _aws_sdk_client_auto_scaling__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8932);
/* harmony import */ var _aws_clients_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6076);
/* harmony import */ var _refresh_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3829);
/**
 * The refreshes this step started and has not seen to an end, saved for the post step: when the main
 * step is killed before it can stop them, the post step rolls them back (or cancels them).
 */




const PENDING_STATE = 'deploy-refreshes';
const pending = new Map();
function save() {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ(PENDING_STATE, JSON.stringify([...pending.values()]));
}
function rememberRefresh(p) {
    pending.set(p.refreshId, p);
    save();
}
function forgetRefresh(refreshId) {
    if (pending.delete(refreshId))
        save();
}
/** The post step: stops every saved refresh that is still rolling forward. */
async function stopPendingRefreshes() {
    const saved = JSON.parse(_actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu(PENDING_STATE) || '[]');
    for (const p of saved) {
        const out = await (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_1__.awsClient)(_aws_sdk_client_auto_scaling__WEBPACK_IMPORTED_MODULE_3__/* .AutoScalingClient */ .yis, p.region).send(new _aws_sdk_client_auto_scaling__WEBPACK_IMPORTED_MODULE_3__/* .DescribeInstanceRefreshesCommand */ .XcR({
            AutoScalingGroupName: p.group,
            InstanceRefreshIds: [p.refreshId],
        }));
        const status = out.InstanceRefreshes?.[0]?.Status;
        if (status !== 'Pending' && status !== 'InProgress' && status !== 'Baking') {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Instance refresh ${p.refreshId} of '${p.group}' (${p.region}): ${status ?? 'gone'}, nothing to do.`);
            continue;
        }
        const how = await (0,_refresh_js__WEBPACK_IMPORTED_MODULE_2__/* .stopRefresh */ .AB)({ region: p.region, name: p.group }, { autoRollback: p.autoRollback });
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Instance refresh ${p.refreshId} of '${p.group}' (${p.region}) was still ${status} after the main step: ${how === 'rollback' ? 'rolling it back' : 'cancelled it'}.`);
    }
}


/***/ }),

/***/ 3829:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AB: () => (/* binding */ stopRefresh),
/* harmony export */   MJ: () => (/* binding */ settleConflict),
/* harmony export */   QY: () => (/* binding */ startRefresh),
/* harmony export */   Sx: () => (/* binding */ activeRefresh),
/* harmony export */   ZP: () => (/* binding */ describeRefresh),
/* harmony export */   jy: () => (/* binding */ watchRefresh)
/* harmony export */ });
/* unused harmony export preferences */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3218);
/* harmony import */ var _aws_sdk_client_auto_scaling__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8932);
/* harmony import */ var _aws_clients_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6076);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9378);
/* harmony import */ var _aws_wait_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6308);
/* harmony import */ var _groups_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8228);
/* harmony import */ var _signals_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4871);
/**
 * The instance refresh of one group: dealing with one already running (on-conflict), starting it
 * with a numbered launch template version, and watching it to the end. For a canary, each
 * checkpoint opens an observation window in which the alarms, the target health of the new
 * instances and the health commands are checked; a bad signal rolls the refresh back (or cancels it
 * when auto-rollback is off).
 */







const ACTIVE = new Set(['Pending', 'InProgress', 'Cancelling', 'RollbackInProgress', 'Baking']);
function describeRefresh(r) {
    const pct = r.PercentageComplete ?? 0;
    const left = r.InstancesToUpdate;
    return `${r.Status} ${pct}%${left !== undefined ? `, ${left} to update` : ''}${r.StatusReason ? ` - ${r.StatusReason}` : ''}`;
}
async function activeRefresh(region, group) {
    const out = await (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_1__.awsClient)(_aws_sdk_client_auto_scaling__WEBPACK_IMPORTED_MODULE_6__/* .AutoScalingClient */ .yis, region).send(new _aws_sdk_client_auto_scaling__WEBPACK_IMPORTED_MODULE_6__/* .DescribeInstanceRefreshesCommand */ .XcR({ AutoScalingGroupName: group, MaxRecords: 10 }));
    return out.InstanceRefreshes?.find((r) => ACTIVE.has(r.Status ?? ''));
}
async function refreshById(region, group, id) {
    const out = await (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_1__.awsClient)(_aws_sdk_client_auto_scaling__WEBPACK_IMPORTED_MODULE_6__/* .AutoScalingClient */ .yis, region).send(new _aws_sdk_client_auto_scaling__WEBPACK_IMPORTED_MODULE_6__/* .DescribeInstanceRefreshesCommand */ .XcR({ AutoScalingGroupName: group, InstanceRefreshIds: [id] }));
    const r = out.InstanceRefreshes?.[0];
    if (!r)
        throw new _groups_js__WEBPACK_IMPORTED_MODULE_4__/* .DeployError */ .sH(`Instance refresh ${id} of group '${group}' is gone.`);
    return r;
}
function conflictMessage(group, region, r) {
    return (`Group '${group}' in ${region} already has instance refresh ${r.InstanceRefreshId} running ` +
        `(${describeRefresh(r)}, started ${r.StartTime?.toISOString() ?? '?'}). Nothing was changed. ` +
        'Set on-conflict: wait to wait for it, or on-conflict: cancel to cancel it first.');
}
/** Applies on-conflict to a refresh already running on the group; returns once none runs. */
async function settleConflict(state, config) {
    const running = await activeRefresh(state.region, state.name);
    if (!running)
        return;
    if (config.onConflict === 'fail')
        throw new _groups_js__WEBPACK_IMPORTED_MODULE_4__/* .DeployError */ .sH(conflictMessage(state.name, state.region, running));
    if (config.onConflict === 'cancel' && running.Status !== 'Cancelling') {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Cancelling instance refresh ${running.InstanceRefreshId} of '${state.name}' (on-conflict: cancel).`);
        await (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_1__.awsClient)(_aws_sdk_client_auto_scaling__WEBPACK_IMPORTED_MODULE_6__/* .AutoScalingClient */ .yis, state.region)
            .send(new _aws_sdk_client_auto_scaling__WEBPACK_IMPORTED_MODULE_6__/* .CancelInstanceRefreshCommand */ .SMi({ AutoScalingGroupName: state.name }))
            .catch((error) => {
            if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorCode */ .CA)(error) !== 'ActiveInstanceRefreshNotFound')
                throw error;
        });
    }
    await (0,_aws_wait_js__WEBPACK_IMPORTED_MODULE_3__/* .waitUntil */ .a)({
        what: `the running instance refresh of '${state.name}' to end`,
        timeoutSeconds: config.timeout,
        pollIntervalSeconds: config.pollInterval,
        check: async () => {
            const r = await activeRefresh(state.region, state.name);
            return r ? { done: false, status: describeRefresh(r) } : { done: true, value: undefined };
        },
    });
}
function preferences(config) {
    const canary = config.strategy === 'canary';
    return {
        MinHealthyPercentage: config.minHealthyPercentage,
        MaxHealthyPercentage: config.maxHealthyPercentage,
        InstanceWarmup: config.instanceWarmup,
        SkipMatching: config.skipMatching,
        AutoRollback: config.autoRollback,
        // A canary watches the alarms itself at each checkpoint (and calls the rollback); a rolling
        // refresh hands them to Auto Scaling, which rolls back (without auto-rollback: fails) on its own.
        AlarmSpecification: !canary && config.alarms.length ? { Alarms: config.alarms } : undefined,
        CheckpointPercentages: canary ? (config.checkpoints ?? [10, 50, 100]) : undefined,
        CheckpointDelay: canary ? config.checkpointDelay : undefined,
        BakeTime: config.bakeTime,
    };
}
async function startRefresh(state, version, config) {
    const spec = { LaunchTemplateId: state.templateId, Version: String(version) };
    const mixed = state.group.MixedInstancesPolicy;
    const desired = state.mixed && mixed
        ? {
            MixedInstancesPolicy: {
                ...mixed,
                LaunchTemplate: { ...mixed.LaunchTemplate, LaunchTemplateSpecification: spec },
            },
        }
        : { LaunchTemplate: spec };
    try {
        const out = await (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_1__.awsClient)(_aws_sdk_client_auto_scaling__WEBPACK_IMPORTED_MODULE_6__/* .AutoScalingClient */ .yis, state.region).send(new _aws_sdk_client_auto_scaling__WEBPACK_IMPORTED_MODULE_6__/* .StartInstanceRefreshCommand */ .Wkp({
            AutoScalingGroupName: state.name,
            Strategy: 'Rolling',
            DesiredConfiguration: desired,
            Preferences: preferences(config),
        }));
        return out.InstanceRefreshId;
    }
    catch (error) {
        if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorCode */ .CA)(error) === 'InstanceRefreshInProgress') {
            const running = await activeRefresh(state.region, state.name);
            if (running)
                throw new _groups_js__WEBPACK_IMPORTED_MODULE_4__/* .DeployError */ .sH(conflictMessage(state.name, state.region, running).replace('Nothing was changed. ', `Launch template version ${version} was created but not rolled out. `));
        }
        throw error;
    }
}
/** New instances: launched from the new version. */
async function newInstances(state, version) {
    const group = await (0,_groups_js__WEBPACK_IMPORTED_MODULE_4__/* .describeGroup */ .N3)(state.region, state.name);
    return (group.Instances ?? [])
        .filter((i) => i.LaunchTemplate?.Version === String(version) && i.LifecycleState === 'InService')
        .map((i) => i.InstanceId);
}
async function canarySignals(state, version, config, runCommands) {
    const ids = await newInstances(state, version);
    const bad = [
        ...(await (0,_signals_js__WEBPACK_IMPORTED_MODULE_5__/* .firingAlarms */ .Q$)(state.region, config.alarms)),
        ...(await (0,_signals_js__WEBPACK_IMPORTED_MODULE_5__/* .unhealthyTargets */ .tt)(state.region, state.group.TargetGroupARNs ?? [], ids)),
    ];
    if (!bad.length && runCommands && config.healthCommands.length) {
        bad.push(...(await (0,_signals_js__WEBPACK_IMPORTED_MODULE_5__/* .runHealthCommands */ .Qi)(state.region, ids, config.healthCommands, config.checkpointDelay, config.pollInterval)));
    }
    return bad;
}
/** Stops a refresh that went bad: rolls it back (auto-rollback) or cancels it. */
async function stopRefresh(state, config) {
    const client = (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_1__.awsClient)(_aws_sdk_client_auto_scaling__WEBPACK_IMPORTED_MODULE_6__/* .AutoScalingClient */ .yis, state.region);
    const how = config.autoRollback ? 'rollback' : 'cancel';
    try {
        if (how === 'rollback')
            await client.send(new _aws_sdk_client_auto_scaling__WEBPACK_IMPORTED_MODULE_6__/* .RollbackInstanceRefreshCommand */ .c8H({ AutoScalingGroupName: state.name }));
        else
            await client.send(new _aws_sdk_client_auto_scaling__WEBPACK_IMPORTED_MODULE_6__/* .CancelInstanceRefreshCommand */ .SMi({ AutoScalingGroupName: state.name }));
    }
    catch (error) {
        // Auto Scaling may have started its own rollback, or the refresh just ended.
        if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorCode */ .CA)(error) !== 'ActiveInstanceRefreshNotFound')
            throw error;
    }
    return how;
}
async function watchRefresh(state, refreshId, version, config) {
    const canary = config.strategy === 'canary';
    const checkpoints = [];
    const cps = (canary ? (config.checkpoints ?? [10, 50, 100]) : []).filter((p) => p < 100);
    const badSignals = [];
    let stopping = false;
    const refresh = await (0,_aws_wait_js__WEBPACK_IMPORTED_MODULE_3__/* .waitUntil */ .a)({
        what: `instance refresh ${refreshId} of '${state.name}' in ${state.region}`,
        timeoutSeconds: config.timeout,
        pollIntervalSeconds: config.pollInterval,
        timeoutHint: 'The refresh keeps running in AWS; raise the timeout input if it needs longer.',
        check: async () => {
            const r = await refreshById(state.region, state.name, refreshId);
            if (!ACTIVE.has(r.Status ?? ''))
                return { done: true, value: r };
            if (canary && !stopping && r.Status === 'InProgress') {
                const pct = r.PercentageComplete ?? 0;
                const reached = cps.filter((p) => pct >= p && !checkpoints.some((c) => c.percentage === p));
                // Without a checkpoint below 100 there is no pause: watch the whole refresh.
                const inWindow = !cps.length || checkpoints.length > 0 || reached.length > 0;
                if (inWindow) {
                    const bad = await canarySignals(state, version, config, reached.length > 0);
                    for (const p of reached) {
                        checkpoints.push({ percentage: p, reachedAt: new Date(), verdict: bad.length ? 'bad' : 'ok' });
                        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`'${state.name}': checkpoint ${p}% reached; ${bad.length ? bad.join('; ') : 'signals healthy'}`);
                    }
                    if (bad.length) {
                        badSignals.push(...bad);
                        const last = checkpoints[checkpoints.length - 1];
                        if (last)
                            last.verdict = 'bad';
                        stopping = true;
                        const how = await stopRefresh(state, config);
                        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(`'${state.name}': ${bad.join('; ')}. ${how === 'rollback' ? 'Rolling back' : 'Cancelling'} the instance refresh.`);
                    }
                }
            }
            return { done: false, status: describeRefresh(r) };
        },
    });
    return { refresh, checkpoints, badSignals };
}


/***/ }),

/***/ 8482:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WJ: () => (/* binding */ verdict),
/* harmony export */   _q: () => (/* binding */ logOutcomes),
/* harmony export */   eh: () => (/* binding */ summarize),
/* harmony export */   n0: () => (/* binding */ setOutputs)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3218);
/* harmony import */ var _cancel_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(833);
/* harmony import */ var _report_format_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2011);
/* harmony import */ var _report_outputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5468);
/* harmony import */ var _report_summary_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7994);
/* harmony import */ var _groups_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8228);
/* harmony import */ var _rollout_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3611);
/** Outputs, job summary and the step's verdict for a deploy or rollback. */







const SEVERITY = ['planned', 'unchanged', 'success', 'cancelled', 'rolled-back', 'failed'];
/** One value per group: plain for a single group, else a JSON object keyed by group (`region:name` outside the primary region). */
function perGroup(outcomes, primary, pick) {
    if (outcomes.length === 1) {
        const v = pick(outcomes[0]);
        return v === undefined ? '' : String(v);
    }
    return JSON.stringify(Object.fromEntries(outcomes.map((o) => [(0,_rollout_js__WEBPACK_IMPORTED_MODULE_5__/* .groupKey */ .$6)(o, primary), pick(o) ?? null])));
}
function setOutputs(outcomes, primary) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('launch-template-version', perGroup(outcomes, primary, (o) => o.toVersion));
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('previous-ami-id', perGroup(outcomes, primary, (o) => o.fromAmi));
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('instance-refresh-id', perGroup(outcomes, primary, (o) => o.refreshId));
    const worst = outcomes.map((o) => o.result).sort((a, b) => SEVERITY.indexOf(b) - SEVERITY.indexOf(a))[0];
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('result', worst ?? 'unchanged');
    const amis = {};
    for (const o of outcomes)
        if (o.toAmi && !amis[o.region])
            amis[o.region] = o.toAmi;
    if (Object.keys(amis).length)
        (0,_report_outputs_js__WEBPACK_IMPORTED_MODULE_2__/* .setAmiOutputs */ .C)(primary, amis);
}
function timeline(o) {
    const at = (d) => `+${(0,_report_format_js__WEBPACK_IMPORTED_MODULE_6__/* .formatSeconds */ .X)((d.getTime() - o.startedAt.getTime()) / 1000)}`;
    const parts = o.checkpoints.map((c) => `${c.percentage}% at ${at(c.reachedAt)} (${c.verdict})`);
    if (o.endedAt)
        parts.push(`ended at ${at(o.endedAt)}`);
    return parts.join(', ');
}
function summarize(title, outcomes, primary) {
    (0,_report_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .summaryTable */ .j)(title, ['group', 'strategy', 'version', 'AMI', 'refresh', 'timeline', 'result'], outcomes.map((o) => [
        (0,_rollout_js__WEBPACK_IMPORTED_MODULE_5__/* .groupKey */ .$6)(o, primary),
        o.strategy,
        `${o.fromVersion ?? '?'} -> ${o.toVersion ?? '-'}`,
        `${o.fromAmi ?? '?'} -> ${o.toAmi ?? '-'}`,
        o.refreshId,
        timeline(o),
        `${o.result}: ${o.detail}`,
    ]));
}
function logOutcomes(outcomes, primary) {
    for (const o of outcomes) {
        const line = `${(0,_rollout_js__WEBPACK_IMPORTED_MODULE_5__/* .groupKey */ .$6)(o, primary)}: ${o.result} - ${o.detail}`;
        if (o.result === 'failed' || o.result === 'rolled-back' || o.result === 'cancelled')
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(line);
        else
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(line);
    }
}
/** Fails the step when any group did not end well, naming each. */
function verdict(outcomes, primary, what) {
    const bad = outcomes.filter((o) => ['failed', 'rolled-back', 'cancelled'].includes(o.result));
    if (_cancel_js__WEBPACK_IMPORTED_MODULE_1__/* .cancellation */ .WN.aborted)
        throw _cancel_js__WEBPACK_IMPORTED_MODULE_1__/* .cancellation */ .WN.reason;
    if (!bad.length)
        return;
    throw new _groups_js__WEBPACK_IMPORTED_MODULE_4__/* .DeployError */ .sH(`${what} failed for ${bad.length} of ${outcomes.length} group(s): ` +
        bad.map((o) => `${(0,_rollout_js__WEBPACK_IMPORTED_MODULE_5__/* .groupKey */ .$6)(o, primary)} ${o.result} (${o.detail})`).join('; '));
}


/***/ }),

/***/ 3611:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $6: () => (/* binding */ groupKey),
/* harmony export */   Fs: () => (/* binding */ rolloutAll),
/* harmony export */   Uj: () => (/* binding */ checkAmi)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3218);
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(5193);
/* harmony import */ var _aws_clients_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6076);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9378);
/* harmony import */ var _aws_fanout_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(1229);
/* harmony import */ var _aws_tokens_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1831);
/* harmony import */ var _cancel_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(833);
/* harmony import */ var _groups_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8228);
/* harmony import */ var _pending_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8429);
/* harmony import */ var _refresh_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(3829);
/* harmony import */ var _signals_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(4871);
/**
 * One rollout per group, all groups concurrently: read the group, plan (which AMI, which version it
 * comes from), settle a running refresh, create the launch template version, run the refresh, and
 * report. Deploy and rollback differ only in how they choose the AMI and describe the version.
 */











const CONCURRENCY = 10;
function groupKey(o, primary) {
    return o.region === primary ? o.group : `${o.region}:${o.group}`;
}
/** Each group once (one refresh per group), in the order given. */
function refsWithRegion(refs, region) {
    const seen = new Set();
    return refs
        .map((r) => ({ region: r.region ?? region, name: r.name }))
        .filter((r) => !seen.has(`${r.region}/${r.name}`) && seen.add(`${r.region}/${r.name}`));
}
async function checkAmi(region, ami) {
    try {
        const out = await (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_1__.awsClient)(_aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_9__.EC2Client, region).send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_9__/* .DescribeImagesCommand */ .ji5({ ImageIds: [ami] }));
        const state = out.Images?.[0]?.State;
        if (state !== 'available')
            throw new _groups_js__WEBPACK_IMPORTED_MODULE_5__/* .DeployError */ .sH(`AMI ${ami} in ${region} is ${state ?? 'missing'}, not available.`);
    }
    catch (error) {
        if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isNotFound */ .c4)(error)) {
            throw new _groups_js__WEBPACK_IMPORTED_MODULE_5__/* .DeployError */ .sH(`AMI ${ami} does not exist in ${region} (AMI ids are regional: copy it there with mode: publish).`);
        }
        throw error;
    }
}
function warnAboutReference(state, newVersion) {
    if (/^\d+$/.test(state.versionRef))
        return;
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Group '${state.name}' in ${state.region} refers to its launch template as ${state.versionRef} (now version ${state.version}). ` +
        `Auto-rollback needs a numbered version, so the refresh uses version ${newVersion}; when it succeeds, the group refers to ` +
        `version ${newVersion} from then on, and a rollback needs the numbered previous version. To keep ${state.versionRef}, ` +
        'set set-default-version: true (for $Default) or point the group at numbered versions.');
}
async function createVersion(plan, context, kind) {
    const { state } = plan;
    const out = await (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_1__.awsClient)(_aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_9__.EC2Client, state.region).send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_9__/* .CreateLaunchTemplateVersionCommand */ .B_$({
        LaunchTemplateId: state.templateId,
        SourceVersion: String(state.version),
        VersionDescription: plan.description,
        LaunchTemplateData: { ImageId: plan.ami },
        ClientToken: (0,_aws_tokens_js__WEBPACK_IMPORTED_MODULE_3__/* .clientToken */ .$)(context, [kind, state.region, state.name, String(state.version), plan.ami]),
    }));
    return out.LaunchTemplateVersion.VersionNumber;
}
async function rolloutGroup(ref, plan, config, context, kind) {
    const outcome = {
        region: ref.region,
        group: ref.name,
        strategy: config.strategy,
        result: 'failed',
        detail: '',
        checkpoints: [],
        startedAt: new Date(),
    };
    let state;
    let refreshId;
    try {
        state = await (0,_groups_js__WEBPACK_IMPORTED_MODULE_5__/* .readGroup */ .iY)(ref.region, ref.name);
        outcome.fromVersion = state.version;
        outcome.fromAmi = state.ami;
        const p = await plan(state);
        outcome.toAmi = p.ami;
        if (p.ami === state.ami) {
            outcome.result = 'unchanged';
            outcome.detail = `already on ${p.ami} (version ${state.version})`;
            return outcome;
        }
        const missing = await (0,_signals_js__WEBPACK_IMPORTED_MODULE_8__/* .missingAlarms */ .VK)(state.region, config.alarms);
        if (missing.length)
            throw new _groups_js__WEBPACK_IMPORTED_MODULE_5__/* .DeployError */ .sH(`CloudWatch alarm(s) ${missing.join(', ')} not found in ${state.region}. Check the alarms input.`);
        await checkAmi(state.region, p.ami);
        if (config.dryRun) {
            const running = await (0,_refresh_js__WEBPACK_IMPORTED_MODULE_7__/* .activeRefresh */ .Sx)(state.region, state.name);
            outcome.result = 'planned';
            outcome.detail =
                `would create a version of launch template ${state.templateName} from version ${state.version} with ${p.ami} ` +
                    `and start a ${config.strategy} instance refresh` +
                    (running
                        ? `; a refresh is running now (${(0,_refresh_js__WEBPACK_IMPORTED_MODULE_7__/* .describeRefresh */ .ZP)(running)}), on-conflict: ${config.onConflict}`
                        : '');
            return outcome;
        }
        await (0,_refresh_js__WEBPACK_IMPORTED_MODULE_7__/* .settleConflict */ .MJ)(state, config);
        const version = await createVersion(p, context, kind);
        outcome.toVersion = version;
        warnAboutReference(state, version);
        refreshId = await (0,_refresh_js__WEBPACK_IMPORTED_MODULE_7__/* .startRefresh */ .QY)(state, version, config);
        outcome.refreshId = refreshId;
        (0,_pending_js__WEBPACK_IMPORTED_MODULE_6__/* .rememberRefresh */ .z7)({
            region: state.region,
            group: state.name,
            refreshId,
            autoRollback: config.autoRollback,
        });
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`'${state.name}' (${state.region}): ${state.ami} -> ${p.ami}, version ${state.version} -> ${version}, refresh ${refreshId}`);
        const watched = await (0,_refresh_js__WEBPACK_IMPORTED_MODULE_7__/* .watchRefresh */ .jy)(state, refreshId, version, config);
        (0,_pending_js__WEBPACK_IMPORTED_MODULE_6__/* .forgetRefresh */ .vy)(refreshId);
        outcome.checkpoints = watched.checkpoints;
        const status = watched.refresh.Status;
        const reason = watched.refresh.StatusReason ? `: ${watched.refresh.StatusReason}` : '';
        if (status === 'Successful') {
            outcome.result = 'success';
            outcome.detail = `every instance runs ${p.ami}`;
            if (config.setDefaultVersion) {
                await (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_1__.awsClient)(_aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_9__.EC2Client, state.region).send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_9__/* .ModifyLaunchTemplateCommand */ .ddr({
                    LaunchTemplateId: state.templateId,
                    DefaultVersion: String(version),
                }));
                outcome.detail += `; version ${version} is now the default`;
            }
        }
        else if (status === 'RollbackSuccessful') {
            outcome.result = 'rolled-back';
            const why = watched.badSignals.length ? `: ${watched.badSignals.join('; ')}` : reason;
            outcome.detail = `rolled back to ${state.ami}${why}`;
        }
        else if (status === 'Cancelled') {
            outcome.result = watched.badSignals.length ? 'failed' : 'cancelled';
            outcome.detail = `refresh cancelled${watched.badSignals.length ? `: ${watched.badSignals.join('; ')}` : reason}; replaced instances keep ${p.ami}`;
        }
        else {
            outcome.detail = `refresh ended ${status}${reason}`;
        }
    }
    catch (error) {
        if (_cancel_js__WEBPACK_IMPORTED_MODULE_4__/* .cancellation */ .WN.aborted && state && refreshId) {
            const how = await (0,_refresh_js__WEBPACK_IMPORTED_MODULE_7__/* .stopRefresh */ .AB)(state, config).catch(() => undefined);
            if (how)
                (0,_pending_js__WEBPACK_IMPORTED_MODULE_6__/* .forgetRefresh */ .vy)(refreshId);
            outcome.result = 'cancelled';
            outcome.detail =
                how === 'rollback'
                    ? `job cancelled: rollback of refresh ${refreshId} requested; the group goes back to ${state.ami}`
                    : `job cancelled: refresh ${refreshId} ${how ? 'cancelled' : 'could not be stopped'}; instances already replaced keep the new AMI`;
        }
        else {
            outcome.detail = error.message;
            if (refreshId) {
                // Not the job's cancellation: the refresh is left to Auto Scaling (and not to the post step).
                (0,_pending_js__WEBPACK_IMPORTED_MODULE_6__/* .forgetRefresh */ .vy)(refreshId);
                outcome.detail += ` (instance refresh ${refreshId} keeps running)`;
            }
        }
    }
    finally {
        outcome.endedAt = new Date();
    }
    return outcome;
}
async function rolloutAll(refs, plan, config, context, kind) {
    const targets = refsWithRegion(refs, config.region);
    const settled = await (0,_aws_fanout_js__WEBPACK_IMPORTED_MODULE_10__/* .mapConcurrent */ ._)(targets, CONCURRENCY, (ref) => rolloutGroup(ref, plan, config, context, kind));
    return settled.map((s, k) => s.status === 'fulfilled'
        ? s.value
        : {
            region: targets[k].region,
            group: targets[k].name,
            strategy: config.strategy,
            result: 'failed',
            detail: String(s.reason?.message ?? s.reason),
            checkpoints: [],
            startedAt: new Date(),
        });
}


/***/ }),

/***/ 4871:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q$: () => (/* binding */ firingAlarms),
/* harmony export */   Qi: () => (/* binding */ runHealthCommands),
/* harmony export */   VK: () => (/* binding */ missingAlarms),
/* harmony export */   tt: () => (/* binding */ unhealthyTargets)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_cloudwatch__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4085);
/* harmony import */ var _aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(586);
/* harmony import */ var _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4736);
/* harmony import */ var _aws_clients_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6076);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9378);
/* harmony import */ var _aws_wait_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6308);
/**
 * The canary's health signals for the new instances: CloudWatch alarms, target health in every
 * target group of the group, and the `health-commands` run over SSM. Each returns the bad signals
 * it saw, in words (empty when all is well).
 */






async function firingAlarms(region, names) {
    if (!names.length)
        return [];
    const out = await (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_0__.awsClient)(_aws_sdk_client_cloudwatch__WEBPACK_IMPORTED_MODULE_3__/* .CloudWatchClient */ .WBn, region).send(new _aws_sdk_client_cloudwatch__WEBPACK_IMPORTED_MODULE_3__/* .DescribeAlarmsCommand */ .zWD({ AlarmNames: names, AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }));
    const alarms = [...(out.MetricAlarms ?? []), ...(out.CompositeAlarms ?? [])];
    return alarms
        .filter((a) => a.StateValue === 'ALARM')
        .map((a) => `alarm ${a.AlarmName} is in ALARM${a.StateReason ? ` (${a.StateReason})` : ''}`);
}
/** Alarm names that do not exist: a typo would otherwise silently watch nothing. */
async function missingAlarms(region, names) {
    if (!names.length)
        return [];
    const out = await (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_0__.awsClient)(_aws_sdk_client_cloudwatch__WEBPACK_IMPORTED_MODULE_3__/* .CloudWatchClient */ .WBn, region).send(new _aws_sdk_client_cloudwatch__WEBPACK_IMPORTED_MODULE_3__/* .DescribeAlarmsCommand */ .zWD({ AlarmNames: names, AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }));
    const found = new Set([...(out.MetricAlarms ?? []), ...(out.CompositeAlarms ?? [])].map((a) => a.AlarmName));
    return names.filter((n) => !found.has(n));
}
async function unhealthyTargets(region, targetGroupArns, instanceIds) {
    if (!instanceIds.length)
        return [];
    const bad = [];
    for (const arn of targetGroupArns) {
        const out = await (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_0__.awsClient)(_aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_4__/* .ElasticLoadBalancingV2Client */ .MlD, region).send(new _aws_sdk_client_elastic_load_balancing_v2__WEBPACK_IMPORTED_MODULE_4__/* .DescribeTargetHealthCommand */ .qyg({ TargetGroupArn: arn, Targets: instanceIds.map((Id) => ({ Id })) }));
        for (const d of out.TargetHealthDescriptions ?? []) {
            if (d.TargetHealth?.State === 'unhealthy') {
                const tg = arn.split(':').pop();
                bad.push(`${d.Target?.Id} is unhealthy in ${tg} (${d.TargetHealth.Reason ?? ''}${d.TargetHealth.Description ? `: ${d.TargetHealth.Description}` : ''})`);
            }
        }
    }
    return bad;
}
const TERMINAL = new Set(['Success', 'Failed', 'Cancelled', 'TimedOut', 'Cancelling']);
/** Runs the commands on the instances once their agents are online; returns the failures. */
async function runHealthCommands(region, instanceIds, commands, timeoutSeconds, pollIntervalSeconds) {
    if (!commands.length || !instanceIds.length)
        return [];
    const ssm = (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_0__.awsClient)(_aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_5__/* .SSMClient */ .jBj, region);
    await (0,_aws_wait_js__WEBPACK_IMPORTED_MODULE_2__/* .waitUntil */ .a)({
        what: `SSM agents of ${instanceIds.join(', ')} to come online`,
        timeoutSeconds,
        pollIntervalSeconds,
        check: async () => {
            const out = await ssm.send(new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_5__/* .DescribeInstanceInformationCommand */ .MXw({ Filters: [{ Key: 'InstanceIds', Values: instanceIds }] }));
            const online = (out.InstanceInformationList ?? []).filter((i) => i.PingStatus === 'Online').length;
            return online === instanceIds.length
                ? { done: true, value: undefined }
                : { done: false, status: `${online}/${instanceIds.length} online` };
        },
    });
    const sent = await ssm.send(new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_5__/* .SendCommandCommand */ .VWR({
        DocumentName: 'AWS-RunShellScript',
        InstanceIds: instanceIds,
        Parameters: { commands },
        Comment: 'ami-action canary health check',
        TimeoutSeconds: Math.max(30, Math.round(timeoutSeconds)),
    }));
    const commandId = sent.Command.CommandId;
    const failures = [];
    for (const id of instanceIds) {
        const inv = await (0,_aws_wait_js__WEBPACK_IMPORTED_MODULE_2__/* .waitUntil */ .a)({
            what: `health commands on ${id}`,
            timeoutSeconds,
            pollIntervalSeconds,
            check: async () => {
                try {
                    const out = await ssm.send(new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_5__/* .GetCommandInvocationCommand */ .ryN({ CommandId: commandId, InstanceId: id }));
                    return TERMINAL.has(out.Status ?? '')
                        ? { done: true, value: out }
                        : { done: false, status: out.Status ?? '?' };
                }
                catch (error) {
                    if ((0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isNotFound */ .c4)(error) || error.name === 'InvocationDoesNotExist') {
                        return { done: false, status: 'not delivered yet' };
                    }
                    throw error;
                }
            },
        });
        if (inv.Status !== 'Success') {
            const detail = (inv.StandardErrorContent || inv.StandardOutputContent || '').trim().slice(0, 300);
            failures.push(`health commands ${inv.Status} on ${id} (exit ${inv.ResponseCode ?? '?'})${detail ? `: ${detail}` : ''}`);
        }
    }
    return failures;
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


/***/ })

};
