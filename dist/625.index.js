export const id = 625;
export const ids = [625,76];
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

/***/ 1006:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  post: () => (/* binding */ post),
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 20 modules
var core = __webpack_require__(3218);
// EXTERNAL MODULE: ./src/cancel.ts
var cancel = __webpack_require__(833);
// EXTERNAL MODULE: ./src/inputs/common.ts
var common = __webpack_require__(832);
// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(2011);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(5468);
// EXTERNAL MODULE: ./src/report/timeline.ts
var timeline = __webpack_require__(1935);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-cjs/index.js
var dist_cjs = __webpack_require__(5193);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ssm/dist-cjs/index.js
var client_ssm_dist_cjs = __webpack_require__(4736);
// EXTERNAL MODULE: ./src/aws/clients.ts + 1 modules
var clients = __webpack_require__(6076);
// EXTERNAL MODULE: ./src/aws/wait.ts
var aws_wait = __webpack_require__(6308);
;// CONCATENATED MODULE: ./src/modes/test/agent.ts
/**
 * Waiting for the SSM agent to report the instance Online, and explaining the boot when it never does
 * (the console output's tail and the usual causes).
 */





const CONSOLE_TAIL_LINES = 40;
async function waitUntilOnline(wait) {
    const ssm = (0,clients.awsClient)(client_ssm_dist_cjs/* SSMClient */.jBj, wait.region);
    try {
        await (0,aws_wait/* waitUntil */.a)({
            what: `SSM to see ${wait.instanceId} Online`,
            timeoutSeconds: wait.timeoutSeconds,
            pollIntervalSeconds: wait.pollIntervalSeconds,
            check: async () => {
                const { InstanceInformationList } = await ssm.send(new client_ssm_dist_cjs/* DescribeInstanceInformationCommand */.MXw({
                    Filters: [{ Key: 'InstanceIds', Values: [wait.instanceId] }],
                }));
                const ping = InstanceInformationList?.[0]?.PingStatus;
                return ping === 'Online'
                    ? { done: true, value: undefined }
                    : { done: false, status: ping ?? 'not registered with SSM yet' };
            },
        });
    }
    catch (error) {
        if (!(error instanceof aws_wait/* WaitTimeoutError */.D))
            throw error;
        await showConsoleTail(wait.region, wait.instanceId);
        throw new Error(neverOnlineMessage(wait, error.message));
    }
}
async function showConsoleTail(region, instanceId) {
    try {
        const { Output } = await (0,clients.awsClient)(dist_cjs.EC2Client, region).send(new dist_cjs/* GetConsoleOutputCommand */.Olx({ InstanceId: instanceId, Latest: true }));
        const text = Output ? Buffer.from(Output, 'base64').toString('utf8') : '';
        const lines = text.replace(/\r/g, '').split('\n');
        while (lines.length && lines[lines.length - 1].trim() === '')
            lines.pop();
        await core/* group */.Os(`Console output of ${instanceId} (last ${CONSOLE_TAIL_LINES} lines)`, async () => {
            core/* info */.pq(lines.length ? lines.slice(-CONSOLE_TAIL_LINES).join('\n') : '(EC2 has no console output yet)');
        });
    }
    catch (error) {
        core/* warning */.$e(`Could not read the console output of ${instanceId}: ${error.message}`);
    }
}
function neverOnlineMessage(wait, timedOut) {
    const causes = [
        wait.instanceProfile
            ? `the instance profile ${wait.instanceProfile} lacks SSM permissions (attach the managed policy AmazonSSMManagedInstanceCore to its role)`
            : 'no instance profile: set instance-profile to one whose role has AmazonSSMManagedInstanceCore (without one, only Default Host Management Configuration lets SSM manage the instance)',
        `no route from the subnet to the SSM endpoints (ssm, ssmmessages, ec2messages in ${wait.region}): ${wait.associatePublicIp
            ? 'check the route table and network ACLs'
            : 'the instance has no public IP, so it needs a NAT gateway or VPC interface endpoints (or set associate-public-ip: true in a public subnet)'}`,
        'the SSM agent is missing from the AMI or does not start (see the console output above)',
    ];
    return `SSM never saw ${wait.instanceId} Online. ${timedOut}\nLikely causes:\n${causes.map((cause) => `- ${cause}`).join('\n')}`;
}

// EXTERNAL MODULE: ./src/aws/errors.ts
var errors = __webpack_require__(9378);
;// CONCATENATED MODULE: ./src/modes/test/command.ts
/**
 * Runs one check on the instance with SSM Run Command and waits for its result. The document's
 * `executionTimeout` limits the run; SendCommand's `TimeoutSeconds` only limits the delivery.
 */




const DOCUMENT = {
    Linux: 'AWS-RunShellScript',
    Windows: 'AWS-RunPowerShellScript',
};
/** How long the command may wait to reach the agent. */
const DELIVERY_TIMEOUT_SECONDS = 600;
/** How long SendCommand may keep answering InvalidInstanceId after the instance is Online. */
const ACCEPT_TIMEOUT_SECONDS = 60;
const STDOUT_LIMIT = 24_000;
const STDERR_LIMIT = 8_000;
const FINAL = new Set(['Success', 'Failed', 'Cancelled', 'TimedOut', 'Undeliverable', 'Terminated']);
function documentFor(platform) {
    return DOCUMENT[platform];
}
async function runCommand(run) {
    const ssm = (0,clients.awsClient)(client_ssm_dist_cjs/* SSMClient */.jBj, run.region);
    const started = Date.now();
    const Command = await (0,aws_wait/* waitUntil */.a)({
        what: `SSM to accept ${run.label} for ${run.instanceId}`,
        timeoutSeconds: ACCEPT_TIMEOUT_SECONDS,
        pollIntervalSeconds: Math.min(run.pollIntervalSeconds, 5),
        check: async () => {
            try {
                const { Command } = await ssm.send(new client_ssm_dist_cjs/* SendCommandCommand */.VWR({
                    InstanceIds: [run.instanceId],
                    DocumentName: DOCUMENT[run.platform],
                    Comment: `ami-action test: ${run.label}`.slice(0, 100),
                    TimeoutSeconds: DELIVERY_TIMEOUT_SECONDS,
                    Parameters: {
                        commands: run.lines,
                        executionTimeout: [String(Math.ceil(run.executionTimeoutSeconds))],
                    },
                }));
                return { done: true, value: Command };
            }
            catch (error) {
                // Right after registering, SSM can still refuse the instance for a moment.
                if ((0,errors/* errorCode */.CA)(error) === 'InvalidInstanceId')
                    return { done: false, status: 'InvalidInstanceId' };
                throw error;
            }
        },
    });
    const commandId = Command?.CommandId;
    const limit = Math.min(DELIVERY_TIMEOUT_SECONDS + run.executionTimeoutSeconds + 60, Math.max(1, (run.deadline - Date.now()) / 1000));
    const invocation = await (0,aws_wait/* waitUntil */.a)({
        what: `${run.label} on ${run.instanceId}`,
        timeoutSeconds: limit,
        pollIntervalSeconds: run.pollIntervalSeconds,
        onStatus: () => { },
        check: async () => {
            try {
                const result = await ssm.send(new client_ssm_dist_cjs/* GetCommandInvocationCommand */.ryN({ CommandId: commandId, InstanceId: run.instanceId }));
                const status = result.Status ?? 'Pending';
                return FINAL.has(status) ? { done: true, value: result } : { done: false, status };
            }
            catch (error) {
                // The invocation is not visible for a moment after SendCommand.
                if ((0,errors/* errorCode */.CA)(error) === 'InvocationDoesNotExist')
                    return { done: false, status: 'Pending' };
                throw error;
            }
        },
    });
    const stdout = invocation.StandardOutputContent ?? '';
    const stderr = invocation.StandardErrorContent ?? '';
    const start = Date.parse(invocation.ExecutionStartDateTime ?? '');
    const end = Date.parse(invocation.ExecutionEndDateTime ?? '');
    const exitCode = invocation.ResponseCode;
    return {
        status: invocation.Status,
        exitCode: exitCode === undefined || exitCode < 0 ? undefined : exitCode,
        stdout,
        stderr,
        truncated: stdout.length >= STDOUT_LIMIT || stderr.length >= STDERR_LIMIT,
        seconds: Number.isFinite(start) && Number.isFinite(end) ? (end - start) / 1000 : (Date.now() - started) / 1000,
    };
}

;// CONCATENATED MODULE: ./src/modes/test/checks.ts
/** Runs the planned checks one after another on the instance, each its own result. */



async function runChecks(planned, target) {
    const results = [];
    for (const { suite, profile, check } of planned) {
        const label = profile ? `${profile}/${check.name}` : check.name;
        const outcome = await runCommand({ ...target, label, lines: check.script.split('\n') });
        const exitMatches = outcome.exitCode === check.expectExitCode;
        const outputMatches = !check.expectOutput || new RegExp(check.expectOutput, 'm').test(outcome.stdout);
        const passed = outcome.status !== 'TimedOut' && outcome.status !== 'Cancelled' && exitMatches && outputMatches;
        const result = {
            suite,
            profile,
            name: check.name,
            description: check.description,
            severity: check.severity,
            passed,
            exitCode: outcome.exitCode,
            seconds: outcome.seconds,
            stdout: outcome.stdout,
            stderr: outcome.stderr,
            truncated: outcome.truncated,
            message: passed ? undefined : failureMessage(outcome, check, exitMatches),
        };
        core/* info */.pq(`${passed ? 'passed' : check.severity === 'warning' ? 'WARNING' : 'FAILED'}: ${label} (exit ${outcome.exitCode ?? '-'}, ${(0,format/* formatSeconds */.X)(outcome.seconds)})`);
        results.push(result);
    }
    return results;
}
function failureMessage(outcome, check, exitMatches) {
    if (outcome.status === 'TimedOut')
        return 'It ran longer than command-timeout and SSM stopped it (TimedOut).';
    if (outcome.exitCode === undefined)
        return `SSM reports ${outcome.status} with no exit code.`;
    if (!exitMatches)
        return `Exit code ${outcome.exitCode}, expected ${check.expectExitCode}.`;
    return `The output does not match /${check.expectOutput}/.`;
}

;// CONCATENATED MODULE: ./src/modes/test/image.ts
/**
 * What the test needs to know about the AMI before launching it (platform, architecture, default
 * instance type), and the checks that need only the image description, no instance.
 */


/** Small, cheap, current-generation types; Windows needs more memory to boot in reasonable time. */
const DEFAULT_INSTANCE_TYPE = {
    Linux: { x86_64: 't3.micro', arm64: 't4g.micro' },
    Windows: { x86_64: 't3.medium', arm64: 't4g.medium' },
};
async function describeImage(region, amiId) {
    const { Images } = await (0,clients.awsClient)(dist_cjs.EC2Client, region).send(new dist_cjs/* DescribeImagesCommand */.ji5({ ImageIds: [amiId] }));
    const image = Images?.[0];
    if (!image)
        throw new Error(`AMI ${amiId} was not found in ${region}.`);
    if (image.State !== 'available') {
        throw new Error(`AMI ${amiId} is ${image.State}, not available: it cannot be launched yet.`);
    }
    const architecture = image.Architecture;
    if (architecture !== 'x86_64' && architecture !== 'arm64') {
        throw new Error(`AMI ${amiId} is ${architecture}; mode test launches x86_64 and arm64 images only.`);
    }
    return {
        image,
        platform: String(image.Platform ?? '').toLowerCase() === 'windows' ? 'Windows' : 'Linux',
        architecture,
    };
}
function defaultInstanceType(facts) {
    return DEFAULT_INSTANCE_TYPE[facts.platform][facts.architecture];
}
const IMAGE_CHECKS = [
    {
        name: 'imds-v2-required',
        severity: 'warning',
        description: 'Instances launched from the AMI require IMDSv2 (ImdsSupport v2.0)',
        passes: (image) => image.ImdsSupport === 'v2.0',
        fix: 'register the image with ImdsSupport v2.0 (Packer: imds_support = "v2.0")',
    },
    {
        name: 'ena-support',
        severity: 'warning',
        description: 'Enhanced networking (ENA) is enabled',
        passes: (image) => image.EnaSupport === true,
        fix: 'enable ENA on the build instance before imaging (Packer: ena_support = true)',
    },
    {
        name: 'root-volume-encrypted',
        severity: 'warning',
        description: 'The root volume snapshot is encrypted',
        passes: (image) => image.BlockDeviceMappings?.find((mapping) => mapping.DeviceName === image.RootDeviceName)?.Ebs
            ?.Encrypted === true,
        fix: 'encrypt the root volume when baking, or copy the AMI with Encrypted and a KMS key',
    },
    {
        name: 'not-public',
        severity: 'error',
        description: 'The AMI is not shared publicly',
        passes: (image) => image.Public !== true,
        fix: 'remove the launch permission for group "all"',
    },
    {
        name: 'hvm',
        severity: 'error',
        description: 'Hardware virtual machine (HVM) virtualization',
        passes: (image) => image.VirtualizationType === 'hvm',
        fix: 'rebuild from an HVM source AMI (paravirtual is retired)',
    },
];
/** The checks answered from DescribeImages alone: run before any instance exists. */
function imageChecks(image) {
    return IMAGE_CHECKS.map((check) => {
        const passed = check.passes(image);
        return {
            suite: 'compliance',
            profile: 'baseline',
            name: check.name,
            description: check.description,
            severity: check.severity,
            passed,
            seconds: 0,
            stdout: '',
            stderr: '',
            truncated: false,
            message: passed ? undefined : `${check.description}: not so for ${image.ImageId}. Fix: ${check.fix}.`,
        };
    });
}

// EXTERNAL MODULE: ./src/aws/tokens.ts
var tokens = __webpack_require__(1831);
// EXTERNAL MODULE: ./src/context.ts
var src_context = __webpack_require__(788);
// EXTERNAL MODULE: ./src/tags.ts
var src_tags = __webpack_require__(9506);
;// CONCATENATED MODULE: ./src/modes/test/instance.ts
/**
 * The throwaway instance: launched once per attempt (client token), recorded with core.saveState the
 * moment it exists, and terminated by the main step or, when that never got to it, the post step.
 */








const INSTANCE_STATE = 'test-instance';
/** This step's record: core.getState only sees what an earlier step saved, so keep it here too. */
let current;
function saveInstance(saved) {
    current = saved;
    core/* saveState */.LZ(INSTANCE_STATE, JSON.stringify(saved));
}
function readSavedInstance() {
    const text = core/* getState */.Gu(INSTANCE_STATE);
    return text ? JSON.parse(text) : undefined;
}
/** The default VPC's default subnet of the region's first zone (zones sorted, so it is stable). */
async function defaultSubnet(region) {
    const { Subnets } = await (0,clients.awsClient)(dist_cjs.EC2Client, region).send(new dist_cjs/* DescribeSubnetsCommand */.jSW({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }));
    const subnet = [...(Subnets ?? [])].sort((a, b) => (a.AvailabilityZone ?? '').localeCompare(b.AvailabilityZone ?? ''))[0];
    if (!subnet?.SubnetId) {
        throw new Error(`${region} has no default VPC (no default subnet), so there is nowhere to launch: set subnet-id to a subnet that reaches the SSM endpoints.`);
    }
    return subnet.SubnetId;
}
function profileReference(profile) {
    if (!profile)
        return undefined;
    return profile.startsWith('arn:') ? { Arn: profile } : { Name: profile };
}
async function launchInstance(request, context) {
    const token = (0,tokens/* clientToken */.$)(context, [
        'test',
        request.region,
        request.amiId,
        process.env.GITHUB_ACTION ?? '',
    ]);
    saveInstance({ region: request.region, clientToken: token });
    const subnetId = request.subnetId ?? (await defaultSubnet(request.region));
    const tags = {
        Name: `ami-action test ${request.amiId}`,
        [src_tags/* TAG */.Dk.runId]: (0,src_context/* runTag */.e)(context),
        [src_tags/* TAG */.Dk.purpose]: 'test',
    };
    const { Instances } = await (0,clients.awsClient)(dist_cjs.EC2Client, request.region).send(new dist_cjs/* RunInstancesCommand */.zq7({
        ClientToken: token,
        ImageId: request.amiId,
        InstanceType: request.instanceType,
        MinCount: 1,
        MaxCount: 1,
        IamInstanceProfile: profileReference(request.instanceProfile),
        MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 2 },
        NetworkInterfaces: [
            {
                DeviceIndex: 0,
                SubnetId: subnetId,
                Groups: request.securityGroupIds.length ? request.securityGroupIds : undefined,
                AssociatePublicIpAddress: request.associatePublicIp,
                DeleteOnTermination: true,
            },
        ],
        InstanceInitiatedShutdownBehavior: 'terminate',
        TagSpecifications: [
            { ResourceType: 'instance', Tags: (0,src_tags/* toTagList */.s3)(tags) },
            { ResourceType: 'volume', Tags: (0,src_tags/* toTagList */.s3)(tags) },
        ],
    }));
    const instance = Instances?.[0];
    if (!instance?.InstanceId)
        throw new Error('RunInstances returned no instance.');
    saveInstance({ region: request.region, clientToken: token, instanceId: instance.InstanceId });
    const state = instance.State?.Name;
    if (state === 'shutting-down' || state === 'terminated') {
        throw new Error(`This attempt already launched ${instance.InstanceId} (same client token) and it is ${state}; re-run the job to start a new attempt.`);
    }
    return instance;
}
async function describeInstance(region, instanceId) {
    try {
        const { Reservations } = await (0,clients.awsClient)(dist_cjs.EC2Client, region).send(new dist_cjs/* DescribeInstancesCommand */.bNs({ InstanceIds: [instanceId] }));
        return Reservations?.[0]?.Instances?.[0];
    }
    catch (error) {
        if ((0,errors/* isNotFound */.c4)(error))
            return undefined;
        throw error;
    }
}
function waitUntilRunning(region, instanceId, timing) {
    return (0,aws_wait/* waitUntil */.a)({
        what: `${instanceId} to be running`,
        ...timing,
        check: async () => {
            const instance = await describeInstance(region, instanceId);
            const state = instance?.State?.Name ?? 'not visible yet';
            if (state === 'running')
                return { done: true, value: instance };
            if (state === 'shutting-down' || state === 'terminated' || state === 'stopped') {
                const reason = instance?.StateReason?.Message ?? instance?.StateTransitionReason ?? '';
                throw new Error(`${instanceId} is ${state} before it ever ran${reason ? `: ${reason}` : ''}.`);
            }
            return { done: false, status: state };
        },
    });
}
/**
 * Terminates and waits until the instance is shutting down (or gone). Safe to repeat: terminating a
 * terminated instance changes nothing, and an instance EC2 no longer shows counts as gone.
 */
async function terminateInstance(region, instanceId, pollIntervalSeconds) {
    const ec2 = (0,clients.awsClient)(dist_cjs.EC2Client, region);
    try {
        await ec2.send(new dist_cjs.TerminateInstancesCommand({ InstanceIds: [instanceId] }));
    }
    catch (error) {
        if ((0,errors/* isNotFound */.c4)(error))
            return;
        throw error;
    }
    core/* info */.pq(`Terminating ${instanceId}.`);
    await (0,aws_wait/* waitUntil */.a)({
        what: `${instanceId} to shut down`,
        timeoutSeconds: 300,
        pollIntervalSeconds,
        // Cleanup must finish even when the job is being cancelled.
        signal: new AbortController().signal,
        check: async () => {
            const state = (await describeInstance(region, instanceId))?.State?.Name ?? 'terminated';
            return state === 'shutting-down' || state === 'terminated'
                ? { done: true, value: state }
                : { done: false, status: state };
        },
    });
}
/** Tells the post step the instance needs nothing more: terminated (`done`) or `kept` on purpose. */
function markSettled(settled) {
    if (current)
        saveInstance({ ...current, settled });
}
/** The instances a token launched, for a post step whose main step died inside RunInstances. */
async function instancesByToken(region, token) {
    const { Reservations } = await (0,clients.awsClient)(dist_cjs.EC2Client, region).send(new dist_cjs/* DescribeInstancesCommand */.bNs({ Filters: [{ Name: 'client-token', Values: [token] }] }));
    return (Reservations ?? [])
        .flatMap((r) => (r.Instances ?? []).map((i) => i.InstanceId ?? ''))
        .filter(Boolean);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
;// CONCATENATED MODULE: ./src/modes/test/profiles/baseline/cloud-init-data.ts
/** cloud-init keeps per-instance data under instances/<id>; only this instance's may be there. */
const cloudInitData = {
    name: 'no-cloud-init-instance-data',
    description: 'No cloud-init instance data left from the build instance (cloud-init clean before imaging)',
    severity: 'error',
    expectExitCode: 0,
    script: `R=$AMI_ACTION_ROOT
current=""
if [ -f "$R/var/lib/cloud/data/instance-id" ]; then
  current=$(cat "$R/var/lib/cloud/data/instance-id")
elif [ -L "$R/var/lib/cloud/instance" ]; then
  current=$(basename "$(readlink "$R/var/lib/cloud/instance")")
fi
found=0
for dir in "$R"/var/lib/cloud/instances/*; do
  [ -e "$dir" ] || continue
  if [ "$(basename "$dir")" != "$current" ]; then
    echo "data of another instance left in $dir (this instance: $current)"
    found=1
  fi
done
if [ "$found" = 0 ]; then echo "only this instance's cloud-init data ($current)"; fi
exit "$found"`,
};

;// CONCATENATED MODULE: ./src/modes/test/profiles/baseline/listening-ports.ts
/**
 * Reads the kernel's TCP tables: state 0A is LISTEN; addresses are hex (IPv4 little-endian, so
 * 127.x ends in 7F). Sockets bound to loopback only are not reachable from outside and do not count.
 * The allowed ports come in AMI_ACTION_ALLOWED_PORTS (the allowed-ports input).
 */
const listeningPorts = {
    name: 'only-expected-ports-listening',
    description: 'Only the allowed TCP ports listen on non-loopback addresses (allowed-ports)',
    severity: 'error',
    expectExitCode: 0,
    script: `R=$AMI_ACTION_ROOT
allowed=" $(echo "$AMI_ACTION_ALLOWED_PORTS" | tr ',' ' ') "
listening=$(
  for table in "$R/proc/net/tcp" "$R/proc/net/tcp6"; do
    [ -f "$table" ] && awk 'NR > 1 && $4 == "0A" { split($2, local, ":"); print local[1], local[2] }' "$table"
  done
)
seen=" "
bad=0
while read -r address hexport; do
  [ -n "$hexport" ] || continue
  case "$address" in
    ??????7F|00000000000000000000000001000000|0000000000000000FFFF0000??????7F) continue ;;
  esac
  port=$(printf '%d' "0x$hexport")
  case "$seen" in *" $port "*) continue ;; esac
  seen="$seen$port "
  case "$allowed" in
    *" $port "*) echo "port $port listens (allowed)" ;;
    *) echo "port $port listens but is not in allowed-ports ($AMI_ACTION_ALLOWED_PORTS)"; bad=1 ;;
  esac
done <<PORTS
$listening
PORTS
if [ "$seen" = " " ]; then echo "no TCP port listens beyond loopback"; fi
exit "$bad"`,
};

;// CONCATENATED MODULE: ./src/modes/test/profiles/baseline/processes.ts
/** Prints the process names (/proc/<pid>/comm, at most 15 characters) of everything running. */
const RUNNING = `R=$AMI_ACTION_ROOT
running=$(cat "$R"/proc/[0-9]*/comm 2>/dev/null)`;
const timeSync = {
    name: 'time-sync-running',
    description: 'A time synchronisation daemon runs (chronyd, ntpd or systemd-timesyncd)',
    severity: 'error',
    expectExitCode: 0,
    script: `${RUNNING}
for name in $running; do
  case "$name" in
    chronyd|ntpd|ntpsec|openntpd|systemd-timesyn*) echo "time sync: $name is running"; exit 0 ;;
  esac
done
echo "no time sync daemon runs (chronyd, ntpd, systemd-timesyncd)"
exit 1`,
};
const ssmAgent = {
    name: 'ssm-agent-running',
    description: 'The SSM agent is installed and running',
    severity: 'error',
    expectExitCode: 0,
    script: `${RUNNING}
binary=""
for path in "$R"/usr/bin/amazon-ssm-agent "$R"/usr/local/bin/amazon-ssm-agent "$R"/snap/amazon-ssm-agent/current/amazon-ssm-agent; do
  if [ -x "$path" ]; then binary=$path; break; fi
done
if [ -z "$binary" ]; then
  echo "amazon-ssm-agent is not installed"
  exit 1
fi
for name in $running; do
  case "$name" in
    amazon-ssm-agen*) echo "amazon-ssm-agent is installed ($binary) and running"; exit 0 ;;
  esac
done
echo "amazon-ssm-agent is installed ($binary) but not running"
exit 1`,
};

;// CONCATENATED MODULE: ./src/modes/test/profiles/baseline/shell-history.ts
const shellHistory = {
    name: 'no-shell-history',
    description: 'No shell or tool history files left from the bake',
    severity: 'error',
    expectExitCode: 0,
    script: `R=$AMI_ACTION_ROOT
found=0
for home in "$R"/root "$R"/home/*; do
  for name in .bash_history .zsh_history .sh_history .ash_history .python_history .mysql_history .psql_history .lesshst .viminfo; do
    if [ -s "$home/$name" ]; then
      echo "history left in $home/$name"
      found=1
    fi
  done
done
if [ "$found" = 0 ]; then echo "no history files under /root or /home"; fi
exit "$found"`,
};

;// CONCATENATED MODULE: ./src/modes/test/profiles/baseline/ssh-authorized-keys.ts
const sshAuthorizedKeys = {
    name: 'no-ssh-authorized-keys',
    description: 'No SSH authorized_keys left from the bake under /root or /home',
    severity: 'error',
    expectExitCode: 0,
    script: `R=$AMI_ACTION_ROOT
found=0
for home in "$R"/root "$R"/home/*; do
  for file in "$home"/.ssh/authorized_keys "$home"/.ssh/authorized_keys2; do
    if [ -f "$file" ] && grep -qvE '^[[:space:]]*(#|$)' "$file"; then
      echo "keys left in $file"
      found=1
    fi
  done
done
if [ "$found" = 0 ]; then echo "no authorized_keys with keys under /root or /home"; fi
exit "$found"`,
};

;// CONCATENATED MODULE: ./src/modes/test/profiles/baseline/sshd.ts
/**
 * The effective global value of an sshd_config keyword, as sshd reads it: the first value wins,
 * drop-ins under sshd_config.d come first when sshd_config includes them (as distributions put the
 * Include at the top), and `Match` blocks do not count. Prints the value in lower case, or nothing.
 */
function sshdValue(keyword) {
    return `R=$AMI_ACTION_ROOT
conf="$R/etc/ssh/sshd_config"
if [ ! -f "$conf" ]; then
  echo "sshd is not installed (no /etc/ssh/sshd_config)"
  exit 0
fi
value=$(
  {
    if grep -qiE '^[[:space:]]*Include[[:space:]]' "$conf"; then
      for drop in "$R"/etc/ssh/sshd_config.d/*.conf; do
        [ -f "$drop" ] && { echo "#ami-action-next-file"; cat "$drop"; }
      done
    fi
    echo "#ami-action-next-file"
    cat "$conf"
  } | awk '
    /^#ami-action-next-file/ { inMatch = 0; next }
    { sub(/^[[:space:]]+/, ""); n = split($0, word, /[[:space:]=]+/) }
    n == 0 || word[1] ~ /^#/ { next }
    tolower(word[1]) == "match" { inMatch = 1; next }
    !inMatch && tolower(word[1]) == "${keyword.toLowerCase()}" { print tolower(word[2]); exit }
  '
)`;
}
const sshdRootLogin = {
    name: 'sshd-no-root-login',
    description: 'sshd does not let root log in (PermitRootLogin no)',
    severity: 'error',
    expectExitCode: 0,
    script: `${sshdValue('PermitRootLogin')}
if [ "$value" = "no" ]; then
  echo "PermitRootLogin no"
  exit 0
fi
echo "PermitRootLogin is \${value:-not set (the default, prohibit-password, lets root log in with a key)}; set PermitRootLogin no"
exit 1`,
};
const sshdPasswordLogin = {
    name: 'sshd-no-password-login',
    description: 'sshd does not accept passwords (PasswordAuthentication no)',
    severity: 'error',
    expectExitCode: 0,
    script: `${sshdValue('PasswordAuthentication')}
if [ "$value" = "no" ]; then
  echo "PasswordAuthentication no"
  exit 0
fi
echo "PasswordAuthentication is \${value:-not set (the default is yes)}; set PasswordAuthentication no"
exit 1`,
};

;// CONCATENATED MODULE: ./src/modes/test/profiles/baseline/world-writable-etc.ts
const worldWritableEtc = {
    name: 'no-world-writable-etc',
    description: 'No world-writable files (or world-writable directories without the sticky bit) under /etc',
    severity: 'error',
    expectExitCode: 0,
    script: String.raw `R=$AMI_ACTION_ROOT
found=$(find "$R/etc" -xdev \( \( -type f -perm -0002 \) -o \( -type d -perm -0002 ! -perm -1000 \) \) -print 2>/dev/null)
if [ -n "$found" ]; then
  echo "world-writable under /etc:"
  echo "$found"
  exit 1
fi
echo "nothing world-writable under /etc"`,
};

;// CONCATENATED MODULE: ./src/modes/test/profiles/baseline/index.ts







const baseline = {
    name: 'baseline',
    platforms: ['Linux'],
    imageChecks: true,
    checks: [
        sshAuthorizedKeys,
        shellHistory,
        cloudInitData,
        sshdRootLogin,
        sshdPasswordLogin,
        worldWritableEtc,
        timeSync,
        ssmAgent,
        listeningPorts,
    ],
};

;// CONCATENATED MODULE: ./src/modes/test/profiles/index.ts
/**
 * Compliance profiles named by the `compliance` input: built-in names (`baseline`) or paths, relative
 * to the workspace, of YAML profile files:
 *
 *   name: app                      # optional, defaults to the file name
 *   checks:
 *     - id: nginx-config-valid         # or name:
 *       description: nginx accepts its configuration
 *       command: nginx -t          # a command or a multi-line script
 *       expect-exit-code: 0        # default 0
 *       expect-output: "successful" # optional regular expression over stdout
 *       severity: error            # error (default) fails the test; warning only reports
 */





const BUILT_IN_PROFILES = { baseline: baseline };
const checkName = schemas/* string */.YjP().regex(/^[A-Za-z0-9][A-Za-z0-9 ._:/-]*$/, 'letters, digits, space and . _ : / -');
const checkSchema = schemas/* strictObject */.rej({
    /** `id` and `name` are the same thing; either may be used. */
    id: checkName.optional(),
    name: checkName.optional(),
    description: schemas/* string */.YjP().optional(),
    command: schemas/* string */.YjP().min(1),
    'expect-exit-code': schemas/* number */.aig().int().min(0).max(255).default(0),
    'expect-output': schemas/* string */.YjP()
        .refine((pattern) => {
        try {
            new RegExp(pattern);
            return true;
        }
        catch {
            return false;
        }
    }, 'a valid regular expression')
        .optional(),
    severity: schemas/* enum */.k5n(['error', 'warning']).default('error'),
})
    .refine((check) => (check.id ?? check.name) !== undefined && !(check.id && check.name), {
    message: 'give each check an id (or a name), not both',
});
const profileSchema = schemas/* strictObject */.rej({
    name: schemas/* string */.YjP().optional(),
    platform: schemas/* enum */.k5n(['Linux', 'Windows']).optional(),
    checks: schemas/* array */.YOg(checkSchema).min(1),
});
function loadProfile(reference, workspace) {
    const builtIn = BUILT_IN_PROFILES[reference];
    if (builtIn)
        return builtIn;
    const path = (0,external_node_path_.isAbsolute)(reference) ? reference : (0,external_node_path_.resolve)(workspace, reference);
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch {
        throw new Error(`Input 'compliance': "${reference}" is neither a built-in profile (${Object.keys(BUILT_IN_PROFILES).join(', ')}) nor a readable file (looked for ${path}).`);
    }
    const result = profileSchema.safeParse((0,dist/* parse */.qg)(text));
    if (!result.success) {
        const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`);
        throw new Error(`Compliance profile ${reference} is not valid:\n${problems.join('\n')}`);
    }
    const names = result.data.checks.map((check) => (check.id ?? check.name));
    const duplicate = names.find((name, index) => names.indexOf(name) !== index);
    if (duplicate)
        throw new Error(`Compliance profile ${reference} names the check "${duplicate}" twice.`);
    return {
        name: result.data.name ?? (0,external_node_path_.basename)(reference, (0,external_node_path_.extname)(reference)),
        platforms: result.data.platform ? [result.data.platform] : ['Linux', 'Windows'],
        checks: result.data.checks.map((check) => ({
            name: (check.id ?? check.name),
            description: check.description,
            severity: check.severity,
            script: check.command,
            expectExitCode: check['expect-exit-code'],
            expectOutput: check['expect-output'],
        })),
    };
}

;// CONCATENATED MODULE: ./src/modes/test/plan.ts
/**
 * The checks a run makes on the instance, in order: each smoke line or script file, then each check
 * of each compliance profile. Everything is read before any AWS call, so a missing file fails fast.
 */




/** A smoke entry that names a file in the repository is a script; anything else is one command. */
function smokeCheck(entry, workspace, platform = 'Linux') {
    const path = (0,external_node_path_.isAbsolute)(entry) ? entry : (0,external_node_path_.resolve)(workspace, entry);
    const isScript = !/\s/.test(entry) && (0,external_node_fs_.existsSync)(path) && (0,external_node_fs_.statSync)(path).isFile();
    const text = isScript ? (0,external_node_fs_.readFileSync)(path, 'utf8') : entry;
    return {
        name: entry,
        severity: 'error',
        expectExitCode: 0,
        script: isScript && platform === 'Linux' ? withInterpreter(text) : text,
    };
}
/**
 * AWS-RunShellScript runs the commands with sh. A script whose first line names another interpreter
 * (`#!/bin/bash`, `#!/usr/bin/env python3`) is written to a file and run as such, so its shebang counts.
 */
function withInterpreter(script) {
    if (!script.startsWith('#!') || /^#!\s*\/bin\/sh\s*$/.test(script.split('\n')[0]))
        return script;
    const end = `AMI_ACTION_SCRIPT_${(0,external_node_crypto_.createHash)('sha256').update(script).digest('hex').slice(0, 12)}`;
    return [
        'script=$(mktemp)',
        `cat > "$script" <<'${end}'`,
        script.replace(/\n?$/, ''),
        end,
        'chmod +x "$script"',
        '"$script"',
        'status=$?',
        'rm -f "$script"',
        'exit "$status"',
    ].join('\n');
}
function planChecks(options, platform, workspace) {
    const checks = options.smoke.map((entry) => ({
        suite: 'smoke',
        check: smokeCheck(entry, workspace, platform),
    }));
    const profiles = options.compliance.map((reference) => loadProfile(reference, workspace));
    const skipped = [];
    for (const profile of profiles) {
        if (!profile.platforms.includes(platform)) {
            skipped.push(`${profile.name} (written for ${profile.platforms.join(', ')}; this AMI is ${platform})`);
            continue;
        }
        for (const check of profile.checks) {
            const script = profile === BUILT_IN_PROFILES.baseline
                ? `export AMI_ACTION_ALLOWED_PORTS='${options.allowedPorts.join(' ')}'\n${check.script}`
                : check.script;
            checks.push({ suite: 'compliance', profile: profile.name, check: { ...check, script } });
        }
    }
    return { checks, profiles, skipped };
}

// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(7994);
;// CONCATENATED MODULE: ./src/modes/test/results.ts
/** One result per check: smoke lines and scripts, compliance checks, and the image's API checks. */
/** A failed check that fails the test (a failed warning does not). */
function isFailure(result) {
    return !result.passed && result.severity === 'error';
}
/** `passed` counts warnings too, as the `passed` output says. */
function countResults(results) {
    const failed = results.filter(isFailure).length;
    const warnings = results.filter((result) => !result.passed && result.severity === 'warning').length;
    return { passed: results.length - failed, failed, warnings };
}
/** The suite a result is reported under: `smoke`, `image`, or `compliance/<profile>`. */
function suiteName(result) {
    return result.profile ? `${result.suite}/${result.profile}` : result.suite;
}

;// CONCATENATED MODULE: ./src/modes/test/junit.ts
/**
 * JUnit XML as test-report actions read it (dorny/test-reporter, mikepenz/action-junit-report,
 * EnricoMi/publish-unit-test-result-action): one testsuite per suite, one testcase per check.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping terminal escapes is the point
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: characters XML 1.0 cannot carry
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
function stripAnsi(text) {
    return text.replace(ANSI, '');
}
function escapeXml(text) {
    return stripAnsi(text)
        .replace(NOT_XML, '')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;');
}
function output(result) {
    const parts = [result.stdout, result.stderr ? `--- stderr ---\n${result.stderr}` : ''];
    if (result.truncated)
        parts.push('--- SSM truncated this output (24,000 characters of stdout, 8,000 of stderr) ---');
    return parts.filter(Boolean).join('\n');
}
function testcase(result, classname) {
    const attributes = `name="${escapeXml(result.name)}" classname="${escapeXml(classname)}" time="${result.seconds.toFixed(3)}"`;
    const body = [];
    const warning = !result.passed && result.severity === 'warning';
    if (!result.passed && !warning) {
        const message = result.message ?? 'failed';
        body.push(`      <failure message="${escapeXml(message)}" type="${result.suite}">${escapeXml([message, result.exitCode === undefined ? '' : `exit code ${result.exitCode}`]
            .filter(Boolean)
            .join('\n'))}</failure>`);
    }
    const text = [warning ? `warning: ${result.message ?? 'failed'}` : '', output(result)]
        .filter(Boolean)
        .join('\n');
    if (text)
        body.push(`      <system-out>${escapeXml(text)}</system-out>`);
    return body.length
        ? `    <testcase ${attributes}>\n${body.join('\n')}\n    </testcase>`
        : `    <testcase ${attributes}/>`;
}
function junitXml(results, title, timestamp) {
    const suites = new Map();
    for (const result of results) {
        const name = suiteName(result);
        suites.set(name, [...(suites.get(name) ?? []), result]);
    }
    const total = (list) => list.reduce((sum, result) => sum + result.seconds, 0).toFixed(3);
    const failures = (list) => list.filter(isFailure).length;
    const lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="${escapeXml(title)}" tests="${results.length}" failures="${failures(results)}" errors="0" time="${total(results)}">`,
    ];
    for (const [name, list] of suites) {
        lines.push(`  <testsuite name="${escapeXml(name)}" tests="${list.length}" failures="${failures(list)}" errors="0" skipped="0" time="${total(list)}" timestamp="${timestamp.toISOString()}">`, ...list.map((result) => testcase(result, `${title}.${name}`)), '  </testsuite>');
    }
    lines.push('</testsuites>', '');
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/modes/test/report.ts
/** What a run tells the user: the JUnit file, the outputs, a job summary table, an annotation per failed check. */







const EXCERPT_CHARS = 160;
function excerpt(result) {
    const text = stripAnsi(result.passed
        ? result.stdout
        : [result.message, result.stderr || result.stdout].filter(Boolean).join(' '))
        .replace(/\s+/g, ' ')
        .trim();
    const cut = text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
    return escapeXml(`${cut}${result.truncated ? ' (output truncated by SSM)' : ''}`);
}
function summarizeResults(amiId, results, extra) {
    const { passed, failed, warnings } = countResults(results);
    (0,summary/* summaryTable */.j)(`Test of ${amiId}: ${failed ? 'failed' : 'passed'} (${passed} passed, ${failed} failed${warnings ? `, ${warnings} with a warning` : ''})`, ['check', 'result', 'exit code', 'duration', 'excerpt'], results.map((result) => [
        escapeXml(`${suiteName(result)}: ${result.name}`),
        result.passed ? '✅ passed' : result.severity === 'warning' ? '⚠️ warning' : '❌ failed',
        result.exitCode ?? '–',
        (0,format/* formatSeconds */.X)(result.seconds),
        excerpt(result) || '–',
    ]));
    for (const line of extra)
        (0,summary/* summaryLine */.d)(escapeXml(line));
}
function annotateFailures(results) {
    for (const result of results.filter((entry) => !entry.passed)) {
        const output = stripAnsi([result.stderr, result.stdout].filter(Boolean).join('\n')).trim();
        core/* error */.z3([result.message, result.description, output.slice(0, 1000)].filter(Boolean).join('\n'), {
            title: `Check failed: ${suiteName(result)}: ${result.name}`,
        });
    }
}
function reportResults(report) {
    const { passed, failed } = countResults(report.results);
    (0,external_node_fs_.mkdirSync)(report.reportDir, { recursive: true });
    const path = (0,external_node_path_.join)(report.reportDir, `test-${report.amiId}-${process.pid}.xml`);
    (0,external_node_fs_.writeFileSync)(path, junitXml(report.results, `ami-action test ${report.amiId}`, report.testedAt));
    core/* setOutput */.uH('result', report.failed ? 'failed' : 'passed');
    core/* setOutput */.uH('passed', String(passed));
    core/* setOutput */.uH('failed', String(failed));
    core/* setOutput */.uH('report', path);
    summarizeResults(report.amiId, report.results, [...report.notes, `JUnit report: ${path}`]);
    annotateFailures(report.results);
}

;// CONCATENATED MODULE: ./src/modes/test/tag.ts
/** Marks the AMI with the test's result, so a later step (or deploy) can require a passed test. */





async function tagResult(region, amiId, passed, at) {
    const tags = { [src_tags/* TAG */.Dk.test]: passed ? 'passed' : 'failed', [src_tags/* TAG */.Dk.testedAt]: at.toISOString() };
    try {
        await (0,clients.awsClient)(dist_cjs.EC2Client, region).send(new dist_cjs/* CreateTagsCommand */.RmG({ Resources: [amiId], Tags: (0,src_tags/* toTagList */.s3)(tags) }));
        core/* info */.pq(`Tagged ${amiId}: ${src_tags/* TAG */.Dk.test}=${tags[src_tags/* TAG */.Dk.test]}, ${src_tags/* TAG */.Dk.testedAt}=${tags[src_tags/* TAG */.Dk.testedAt]}.`);
    }
    catch (error) {
        // An AMI owned by another account cannot be tagged by this one; the result still stands.
        core/* warning */.$e(`Could not tag ${amiId} with the test result: ${await (0,errors/* explainError */.UW)(error)}`);
    }
}

;// CONCATENATED MODULE: ./src/modes/test/index.ts
/**
 * mode: test — launches the AMI on a throwaway instance, runs the smoke tests and compliance profiles
 * over SSM (no SSH, no inbound ports), reports each check, tags the AMI with the result, and always
 * terminates the instance (the post step does it when the main step could not).
 */
















async function run(config, context) {
    const started = Date.now();
    const deadline = started + config.timeout * 1000;
    const region = config.region;
    const { amiId, amis } = (0,common/* amisOf */.mR)(config);
    (0,outputs/* setAmiOutputs */.C)(region, amis, Object.keys(config.amis ?? {}));
    const facts = await (0,timeline/* phase */.O)(`Inspect ${amiId}`, () => describeImage(region, amiId));
    const instanceType = config.instanceType ?? defaultInstanceType(facts);
    const plan = planChecks(config, facts.platform, context.workspace);
    for (const skipped of plan.skipped)
        core/* warning */.$e(`Compliance profile ${skipped}: skipped.`);
    const results = plan.profiles.some((profile) => profile.imageChecks)
        ? imageChecks(facts.image)
        : [];
    core/* info */.pq(`${amiId}: ${facts.platform} ${facts.architecture}; launching ${instanceType}, then ${plan.checks.length} check(s) with ${documentFor(facts.platform)}.`);
    if (config.dryRun) {
        for (const result of results)
            core/* info */.pq(`${result.passed ? 'passed' : 'FAILED'}: ${result.name}`);
        for (const { profile, check } of plan.checks)
            core/* info */.pq(`would run: ${profile ? `${profile}/` : ''}${check.name}`);
        core/* info */.pq('dry-run: would launch the instance, run the checks above and terminate it. Nothing was started.');
        return;
    }
    if (!config.instanceProfile) {
        core/* notice */.lm('No instance-profile given: SSM can manage the instance only if Default Host Management Configuration is turned on for this account and region.');
    }
    (0,cancel/* throwIfCancelled */.dZ)();
    const launchedAt = Date.now();
    const instance = await (0,timeline/* phase */.O)('Launch', () => launchInstance({
        region,
        amiId,
        instanceType,
        subnetId: config.subnetId,
        securityGroupIds: config.securityGroupIds,
        instanceProfile: config.instanceProfile,
        associatePublicIp: config.associatePublicIp,
    }, context));
    const instanceId = instance.InstanceId;
    core/* setOutput */.uH('instance-id', instanceId);
    core/* info */.pq(`Launched ${instanceId} (${instanceType}) in ${instance.Placement?.AvailabilityZone ?? region}.`);
    const timing = () => ({
        timeoutSeconds: Math.max(1, (deadline - Date.now()) / 1000),
        pollIntervalSeconds: config.pollInterval,
    });
    let failure;
    try {
        await (0,timeline/* phase */.O)('Wait for SSM', async () => {
            await waitUntilRunning(region, instanceId, timing());
            await waitUntilOnline({
                region,
                instanceId,
                instanceProfile: config.instanceProfile,
                associatePublicIp: config.associatePublicIp,
                ...timing(),
            });
        });
        const bootSeconds = Math.round((Date.now() - launchedAt) / 1000);
        core/* setOutput */.uH('boot-seconds', String(bootSeconds));
        core/* info */.pq(`${instanceId} is Online in SSM ${(0,format/* formatSeconds */.X)(bootSeconds)} after launch.`);
        results.push(...(await (0,timeline/* phase */.O)('Run checks', () => runChecks(plan.checks, {
            region,
            instanceId,
            platform: facts.platform,
            executionTimeoutSeconds: config.commandTimeout,
            pollIntervalSeconds: config.pollInterval,
            deadline,
        }))));
    }
    catch (error) {
        failure = error;
    }
    const failed = failure !== undefined || results.some(isFailure);
    if (failure instanceof cancel/* CancelledError */.cc) {
        // Best effort within the runner's grace period; the post step makes sure and waits.
        await terminateQuickly(region, instanceId);
        throw failure;
    }
    await (0,timeline/* phase */.O)('Clean up', () => settleInstance(config, region, instanceId, failed));
    const testedAt = new Date();
    reportResults({
        amiId,
        results,
        failed,
        testedAt,
        reportDir: (0,external_node_path_.join)(context.tempDir, 'ami-action'),
        notes: [
            `Instance ${instanceId} (${instanceType}).`,
            ...(failure ? [`The test did not finish: ${failure.message}`] : []),
        ],
    });
    await tagResult(region, amiId, !failed, testedAt);
    if (failure)
        throw failure;
    const failures = results.filter(isFailure);
    if (failures.length) {
        const names = failures.map((result) => result.name);
        throw new Error(`${failures.length} of ${results.length} checks failed: ${names.join(', ')}.`);
    }
    core/* info */.pq(`All ${results.length} checks passed.`);
}
async function settleInstance(config, region, instanceId, failed) {
    if (failed && config.keepInstanceOnFailure) {
        markSettled('kept');
        core/* warning */.$e([
            `keep-instance-on-failure: ${instanceId} is still running so you can look into the failure.`,
            `Connect with Session Manager: aws ssm start-session --target ${instanceId} --region ${region}`,
            `It costs money until removed: aws ec2 terminate-instances --instance-ids ${instanceId} --region ${region}`,
        ].join('\n'));
        return;
    }
    await terminateInstance(region, instanceId, config.pollInterval);
    markSettled('done');
}
async function terminateQuickly(region, instanceId) {
    const { EC2Client, TerminateInstancesCommand } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 5193, 19));
    const { awsClient } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 6076));
    await awsClient(EC2Client, region)
        .send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }))
        .then(() => core/* info */.pq(`Terminating ${instanceId}; the post step waits until it shuts down.`))
        .catch((error) => core/* warning */.$e(`Could not terminate ${instanceId} yet: ${error.message}`));
}
/** The post step: terminates the instance the main step launched and did not settle. */
async function post(_context) {
    const saved = readSavedInstance();
    if (!saved || saved.settled)
        return;
    const ids = saved.instanceId ? [saved.instanceId] : await instancesByToken(saved.region, saved.clientToken);
    for (const instanceId of ids) {
        core/* info */.pq(`The main step did not finish; terminating its test instance ${instanceId}.`);
        await terminateInstance(saved.region, instanceId, 2);
    }
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
