export const id = 47;
export const ids = [47,76];
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



/** Throttling and transient faults are retried by the SDK with adaptive back-off up to this many attempts. */
const MAX_ATTEMPTS = 8;
const cache = new Map();
function awsClient(ClientClass, region) {
    const key = `${ClientClass.name}@${region}`;
    let client = cache.get(key);
    if (!client) {
        client = new ClientClass({
            region,
            retryMode: 'adaptive',
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

/***/ 47:
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
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-cjs/index.js
var dist_cjs = __webpack_require__(5193);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ssm/dist-cjs/index.js
var client_ssm_dist_cjs = __webpack_require__(4736);
// EXTERNAL MODULE: ./src/aws/clients.ts + 1 modules
var clients = __webpack_require__(6076);
// EXTERNAL MODULE: ./src/inputs/common.ts
var common = __webpack_require__(832);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(5468);
// EXTERNAL MODULE: ./src/report/timeline.ts
var timeline = __webpack_require__(1935);
// EXTERNAL MODULE: ./src/tags.ts
var src_tags = __webpack_require__(9506);
// EXTERNAL MODULE: ./src/aws/errors.ts
var errors = __webpack_require__(9378);
// EXTERNAL MODULE: ./src/aws/wait.ts
var wait = __webpack_require__(6308);
;// CONCATENATED MODULE: ./src/modes/test/checks.ts
/** The checks a test runs and what each one's result holds. */
/** A failed check of severity warning is reported but does not fail the test. */
function judge(check, failedReason) {
    if (!failedReason)
        return 'passed';
    return check.severity === 'warning' ? 'warning' : 'failed';
}

;// CONCATENATED MODULE: ./src/modes/test/commands.ts
/** Runs one check on the instance over SSM Run Command and judges its result. */




/** SSM keeps this many characters of each output stream in GetCommandInvocation. */
const SSM_OUTPUT_LIMIT = 24_000;
const ENDED = [
    'Success',
    'Failed',
    'Cancelled',
    'TimedOut',
    'DeliveryTimedOut',
    'ExecutionTimedOut',
    'Undeliverable',
    'Terminated',
];
async function runCheck(target, check) {
    const started = Date.now();
    const { Command } = await target.ssm.send(new client_ssm_dist_cjs/* SendCommandCommand */.VWR({
        InstanceIds: [target.instanceId],
        DocumentName: target.document,
        Comment: `ami-action ${check.id}`.slice(0, 100),
        Parameters: {
            commands: [check.command],
            executionTimeout: [String(Math.round(target.commandTimeout))],
        },
        // Only how long SSM may take to deliver the command; the script's limit is executionTimeout.
        TimeoutSeconds: 600,
    }));
    const commandId = Command?.CommandId;
    const invocation = await (0,wait/* waitUntil */.a)({
        what: `${check.id} (command ${commandId})`,
        timeoutSeconds: target.timeout,
        pollIntervalSeconds: target.pollInterval,
        onStatus: () => { },
        check: async () => {
            try {
                const out = await target.ssm.send(new client_ssm_dist_cjs/* GetCommandInvocationCommand */.ryN({ CommandId: commandId, InstanceId: target.instanceId }));
                return ENDED.includes(out.Status ?? '')
                    ? { done: true, value: out }
                    : { done: false, status: out.Status ?? '' };
            }
            catch (error) {
                // Right after SendCommand the invocation may not be visible yet.
                if ((0,errors/* errorCode */.CA)(error) === 'InvocationDoesNotExist')
                    return { done: false, status: 'Pending' };
                throw error;
            }
        },
    });
    const stdout = invocation.StandardOutputContent ?? '';
    const stderr = invocation.StandardErrorContent ?? '';
    const exitCode = invocation.ResponseCode ?? -1;
    const reason = failureReason(check, invocation.Status ?? '', exitCode, stdout, target.commandTimeout);
    return {
        check,
        outcome: judge(check, reason),
        exitCode,
        seconds: (Date.now() - started) / 1000,
        stdout,
        stderr,
        reason,
        truncated: stdout.length >= SSM_OUTPUT_LIMIT || stderr.length >= SSM_OUTPUT_LIMIT,
    };
}
function failureReason(check, status, exitCode, stdout, timeout) {
    if (status === 'TimedOut' || status === 'ExecutionTimedOut')
        return `timed out after ${timeout}s (command-timeout)`;
    if (status === 'DeliveryTimedOut' || status === 'Undeliverable')
        return `SSM could not deliver the command (${status})`;
    if (status === 'Cancelled' || status === 'Terminated')
        return `the command was ${status.toLowerCase()}`;
    if (exitCode !== check.expectExitCode)
        return `exit code ${exitCode}, expected ${check.expectExitCode}`;
    if (check.expectOutput && !check.expectOutput.test(stdout))
        return `output does not match /${check.expectOutput.source}/`;
    return undefined;
}

;// CONCATENATED MODULE: ./src/modes/test/image-checks.ts

const rootMapping = (image) => image.BlockDeviceMappings?.find((mapping) => mapping.DeviceName === image.RootDeviceName);
const IMAGE_CHECKS = [
    {
        id: 'baseline/image-hvm',
        description: 'HVM virtualization',
        severity: 'error',
        failure: (image) => image.VirtualizationType === 'hvm' ? undefined : `virtualization is ${image.VirtualizationType}`,
    },
    {
        id: 'baseline/image-not-public',
        description: 'The image is not public',
        severity: 'error',
        failure: (image) => (image.Public ? 'the image is public' : undefined),
    },
    {
        id: 'baseline/image-ena',
        description: 'ENA (enhanced networking) support',
        severity: 'warning',
        failure: (image) => (image.EnaSupport ? undefined : 'EnaSupport is not set'),
    },
    {
        id: 'baseline/image-imdsv2',
        description: 'Instances launched from it require IMDSv2 (ImdsSupport v2.0)',
        severity: 'warning',
        failure: (image) => (image.ImdsSupport === 'v2.0' ? undefined : 'ImdsSupport is not v2.0'),
    },
    {
        id: 'baseline/image-root-encrypted',
        description: 'The root volume snapshot is encrypted',
        severity: 'warning',
        failure: (image) => rootMapping(image)?.Ebs?.Encrypted ? undefined : 'the root volume is not encrypted',
    },
].map((check) => ({ ...check, suite: 'baseline', expectExitCode: 0 }));
function runImageChecks(image) {
    return IMAGE_CHECKS.map(({ failure, ...check }) => {
        const reason = failure(image);
        return {
            check,
            outcome: judge(check, reason),
            seconds: 0,
            stdout: '',
            stderr: '',
            reason,
            truncated: false,
        };
    });
}

// EXTERNAL MODULE: ./src/aws/tokens.ts
var tokens = __webpack_require__(1831);
// EXTERNAL MODULE: ./src/context.ts
var src_context = __webpack_require__(788);
;// CONCATENATED MODULE: ./src/modes/test/instance.ts
/**
 * The throwaway instance: launched with a client token (a re-run of the step finds it), IMDSv2
 * required, no public IP unless asked, tagged with the run so the post step and audits find it; and
 * terminated whatever happens.
 */







/** State for the post step: `{ region, instanceId }` of an instance the main step has not terminated. */
const TEST_INSTANCE_STATE = 'test-instance';
function defaultInstanceType(image) {
    return image.Architecture === 'arm64' ? 't4g.small' : 't3.small';
}
async function defaultSubnet(ec2) {
    const { Subnets } = await ec2.send(new dist_cjs/* DescribeSubnetsCommand */.jSW({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }));
    return Subnets?.sort((a, b) => (a.AvailabilityZone ?? '').localeCompare(b.AvailabilityZone ?? ''))[0]
        ?.SubnetId;
}
async function launch(ec2, image, config, context) {
    const subnetId = config.subnetId ?? (await defaultSubnet(ec2));
    const profile = config.instanceProfile;
    const tags = (0,src_tags/* toTagList */.s3)({
        Name: `ami-action test ${image.ImageId}`,
        [src_tags/* TAG */.Dk.runId]: (0,src_context/* runTag */.e)(context),
        [src_tags/* TAG */.Dk.purpose]: 'test',
    });
    const { Instances } = await ec2.send(new dist_cjs/* RunInstancesCommand */.zq7({
        ImageId: image.ImageId,
        InstanceType: (config.instanceType ?? defaultInstanceType(image)),
        MinCount: 1,
        MaxCount: 1,
        ClientToken: (0,tokens/* clientToken */.$)(context, ['test', image.ImageId]),
        IamInstanceProfile: profile
            ? profile.startsWith('arn:')
                ? { Arn: profile }
                : { Name: profile }
            : undefined,
        MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
        NetworkInterfaces: [
            {
                DeviceIndex: 0,
                SubnetId: subnetId,
                Groups: config.securityGroupIds.length ? config.securityGroupIds : undefined,
                AssociatePublicIpAddress: config.associatePublicIp,
                DeleteOnTermination: true,
            },
        ],
        TagSpecifications: [
            { ResourceType: 'instance', Tags: tags },
            { ResourceType: 'volume', Tags: tags },
        ],
    }));
    const instanceId = Instances?.[0]?.InstanceId;
    core/* saveState */.LZ(TEST_INSTANCE_STATE, JSON.stringify({ region: config.region, instanceId }));
    core/* info */.pq(`Launched ${instanceId} (${config.instanceType ?? defaultInstanceType(image)}) from ${image.ImageId}.`);
    return instanceId;
}
async function instanceState(ec2, instanceId) {
    try {
        const { Reservations } = await ec2.send(new dist_cjs/* DescribeInstancesCommand */.bNs({ InstanceIds: [instanceId] }));
        return Reservations?.[0]?.Instances?.[0];
    }
    catch (error) {
        // Just after RunInstances the instance may not be visible yet.
        if ((0,errors/* isNotFound */.c4)(error))
            return undefined;
        throw error;
    }
}
async function waitRunning(ec2, instanceId, timeout, pollInterval) {
    await (0,wait/* waitUntil */.a)({
        what: `${instanceId} to run`,
        timeoutSeconds: timeout,
        pollIntervalSeconds: pollInterval,
        check: async () => {
            const instance = await instanceState(ec2, instanceId);
            const state = instance?.State?.Name ?? 'pending';
            if (state === 'running')
                return { done: true, value: undefined };
            if (state === 'shutting-down' || state === 'terminated') {
                throw new Error(`${instanceId} ended ${state} before running: ${instance?.StateReason?.Message ?? 'no reason given'}.`);
            }
            return { done: false, status: state };
        },
    });
}
/** Terminates and waits until EC2 has it shutting down; a missing instance is already gone. */
async function terminate(ec2, instanceId, pollInterval) {
    try {
        await ec2.send(new dist_cjs/* TerminateInstancesCommand */.NaF({ InstanceIds: [instanceId] }));
    }
    catch (error) {
        if ((0,errors/* isNotFound */.c4)(error))
            return;
        throw error;
    }
    await (0,wait/* waitUntil */.a)({
        what: `${instanceId} to terminate`,
        // Termination must finish even while the job is being cancelled.
        signal: new AbortController().signal,
        timeoutSeconds: 300,
        pollIntervalSeconds: pollInterval,
        check: async () => {
            const state = (await instanceState(ec2, instanceId))?.State?.Name ?? 'terminated';
            return ['shutting-down', 'terminated'].includes(state)
                ? { done: true, value: undefined }
                : { done: false, status: state };
        },
    });
    core/* info */.pq(`Terminated ${instanceId}.`);
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
;// CONCATENATED MODULE: ./src/modes/test/baseline.ts
// biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a template.
const ROOT = 'root="${AMI_ACTION_ROOT:-}"';
/** The first value of an sshd directive, as sshd reads it: drop-ins first, then sshd_config. */
const SSHD_FIRST = (directive) => `${ROOT}
value=$(cat "$root"/etc/ssh/sshd_config.d/*.conf "$root"/etc/ssh/sshd_config 2>/dev/null \\
  | awk 'tolower($1) == "${directive.toLowerCase()}" { print tolower($2); exit }')`;
const BASELINE_SCRIPTS = {
    'no-authorized-keys': {
        description: 'No SSH authorized_keys left from the bake',
        script: `${ROOT}
found=$(find "$root"/root/.ssh "$root"/home/*/.ssh -name authorized_keys -size +0 2>/dev/null)
[ -z "$found" ] || { echo "authorized_keys left: $found"; exit 1; }`,
    },
    'no-shell-history': {
        description: 'No shell history left from the bake',
        script: `${ROOT}
found=$(find "$root"/root "$root"/home -maxdepth 2 -name '.*_history' -size +0 2>/dev/null)
[ -z "$found" ] || { echo "shell history left: $found"; exit 1; }`,
    },
    'no-cloud-init-instance-data': {
        description: "No cloud-init instance data from the bake's instance",
        script: `${ROOT}
found=$(ls -A "$root"/var/lib/cloud/instances 2>/dev/null)
[ -z "$found" ] || { echo "cloud-init instance data left: $found"; exit 1; }`,
    },
    'sshd-no-root-login': {
        description: 'sshd refuses root login',
        script: `${SSHD_FIRST('PermitRootLogin')}
[ "$value" = "no" ] || { echo "PermitRootLogin is \${value:-unset (default prohibit-password)}, want no"; exit 1; }`,
    },
    'sshd-no-password-login': {
        description: 'sshd refuses password login',
        script: `${SSHD_FIRST('PasswordAuthentication')}
[ "$value" = "no" ] || { echo "PasswordAuthentication is \${value:-unset (default yes)}, want no"; exit 1; }`,
    },
    'no-world-writable-etc': {
        description: 'No world-writable files under /etc',
        script: `${ROOT}
found=$(find "$root"/etc -xdev -type f -perm -0002 2>/dev/null)
[ -z "$found" ] || { echo "world-writable: $found"; exit 1; }`,
    },
    'time-sync-running': {
        description: 'Time synchronisation is running (chronyd, systemd-timesyncd or ntpd)',
        script: `for unit in chronyd chrony systemd-timesyncd ntpd; do
  systemctl is-active --quiet "$unit" && { echo "$unit is active"; exit 0; }
done
echo "no time sync service is active"; exit 1`,
    },
    'ssm-agent-running': {
        description: 'The SSM agent is installed and running',
        script: `for unit in amazon-ssm-agent snap.amazon-ssm-agent.amazon-ssm-agent; do
  systemctl is-active --quiet "$unit" && { echo "$unit is active"; exit 0; }
done
echo "the SSM agent is not running"; exit 1`,
    },
    'only-allowed-ports': {
        description: 'Only the allowed TCP ports listen beyond loopback',
        script: `allowed=" \${ALLOWED_PORTS:-22} "
bad=""
for address in $(ss -Htln | awk '{ print $4 }'); do
  case "$address" in 127.*|\\[::1\\]*|::1*) continue ;; esac
  port="\${address##*:}"
  case "$allowed" in *" $port "*) ;; *) bad="$bad $port" ;; esac
done
[ -z "$bad" ] || { echo "listening on ports not allowed:$bad (allowed:$allowed)"; exit 1; }`,
    },
};
function baselineChecks(allowedPorts) {
    return Object.entries(BASELINE_SCRIPTS).map(([name, { description, script }]) => ({
        id: `baseline/${name}`,
        suite: 'baseline',
        description,
        severity: 'error',
        command: name === 'only-allowed-ports' ? `ALLOWED_PORTS="${allowedPorts.join(' ')}"\n${script}` : script,
        expectExitCode: 0,
    }));
}

;// CONCATENATED MODULE: ./src/modes/test/profiles.ts
/**
 * Which checks a test runs: the smoke entries (a command per line, or a script file of the repository)
 * and the compliance profiles (`baseline`, built in, or a YAML file of named checks:
 *
 *   checks:
 *     - id: nginx-version
 *       description: nginx 1.x is installed
 *       command: nginx -v 2>&1
 *       expect-exit-code: 0        # default 0
 *       expect-output: "nginx/1\\."  # a regular expression, optional
 *       severity: error            # error (default) fails the test; warning only reports
 */





function smokeChecks(entries, workspace) {
    return entries.map((entry, index) => {
        const path = (0,external_node_path_.resolve)(workspace, entry);
        const isScript = !/\s/.test(entry) && (0,external_node_fs_.existsSync)(path) && (0,external_node_fs_.statSync)(path).isFile();
        return {
            id: isScript ? `smoke/${entry}` : `smoke-${index + 1}`,
            suite: 'smoke',
            description: isScript ? `script ${entry}` : entry,
            severity: 'error',
            command: isScript ? (0,external_node_fs_.readFileSync)(path, 'utf8') : entry,
            expectExitCode: 0,
        };
    });
}
const profileFile = schemas/* object */.Ikc({
    name: schemas/* string */.YjP().optional(),
    checks: schemas/* array */.YOg(schemas/* object */.Ikc({
        id: schemas/* string */.YjP().regex(/^[\w.-]+$/, 'ids are letters, digits, _ . and -'),
        description: schemas/* string */.YjP().optional(),
        command: schemas/* string */.YjP().min(1),
        'expect-exit-code': schemas/* number */.aig().int().default(0),
        'expect-output': schemas/* string */.YjP().optional(),
        severity: schemas/* enum */.k5n(['error', 'warning']).default('error'),
    }))
        .min(1),
});
function fileChecks(path) {
    const parsed = profileFile.safeParse((0,dist/* parse */.qg)((0,external_node_fs_.readFileSync)(path, 'utf8')));
    if (!parsed.success) {
        const problem = parsed.error.issues[0];
        throw new Error(`Compliance profile ${path}: ${problem.path.join('.')}: ${problem.message}`);
    }
    const suite = parsed.data.name ?? (0,external_node_path_.basename)(path).replace(/\.ya?ml$/, '');
    return parsed.data.checks.map((check) => ({
        id: `${suite}/${check.id}`,
        suite,
        description: check.description ?? check.command,
        severity: check.severity,
        command: check.command,
        expectExitCode: check['expect-exit-code'],
        expectOutput: check['expect-output'] ? new RegExp(check['expect-output'], 'm') : undefined,
    }));
}
function complianceChecks(profiles, options) {
    const selection = { checks: [], imageChecks: false };
    for (const profile of profiles) {
        if (profile === 'baseline') {
            selection.imageChecks = true;
            selection.checks.push(...baselineChecks(options.allowedPorts));
            continue;
        }
        const path = (0,external_node_path_.resolve)(options.workspace, profile);
        if (!(0,external_node_fs_.existsSync)(path)) {
            throw new Error(`Input 'compliance': "${profile}" is neither a built-in profile (baseline) nor a file in the repository.`);
        }
        selection.checks.push(...fileChecks(path));
    }
    return selection;
}

// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(2011);
// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(7994);
;// CONCATENATED MODULE: ./src/modes/test/report.ts
/** The test's report: job summary table, JUnit XML for test-report actions, an annotation per failure. */





// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes start with ESC.
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
// XML 1.0 allows no control characters but tab, newline and carriage return.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to remove.
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
function xmlText(text) {
    return text
        .replace(ANSI, '')
        .replace(XML_INVALID, '')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;');
}
function excerpt(result, length = 120) {
    const text = (result.reason ? `${result.reason}. ` : '') + (result.stderr || result.stdout).replace(ANSI, '');
    const line = text.replace(/\s+/g, ' ').trim();
    return line.length > length ? `${line.slice(0, length - 1)}…` : line;
}
function junitXml(amiId, results) {
    const failures = results.filter((r) => r.outcome === 'failed').length;
    const seconds = results.reduce((sum, r) => sum + r.seconds, 0);
    const cases = results.map((r) => {
        const attrs = `classname="${xmlText(r.check.suite)}" name="${xmlText(r.check.id)}" time="${r.seconds.toFixed(3)}"`;
        const output = [
            r.exitCode === undefined ? '' : `exit code: ${r.exitCode}`,
            r.stdout && `stdout:\n${r.stdout}`,
            r.stderr && `stderr:\n${r.stderr}`,
            r.truncated ? '(output truncated by SSM at 24,000 characters)' : '',
        ]
            .filter(Boolean)
            .join('\n');
        const failure = r.outcome === 'failed'
            ? `\n      <failure message="${xmlText(r.reason ?? 'failed')}">${xmlText(output)}</failure>`
            : '';
        const warning = r.outcome === 'warning'
            ? `\n      <properties><property name="warning" value="${xmlText(r.reason ?? '')}"/></properties>`
            : '';
        return `    <testcase ${attrs}>${warning}${failure}\n      <system-out>${xmlText(output)}</system-out>\n    </testcase>`;
    });
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="ami-action test" tests="${results.length}" failures="${failures}" time="${seconds.toFixed(3)}">`,
        `  <testsuite name="${xmlText(amiId)}" tests="${results.length}" failures="${failures}" errors="0" time="${seconds.toFixed(3)}">`,
        ...cases,
        '  </testsuite>',
        '</testsuites>',
        '',
    ].join('\n');
}
function writeJunit(dir, amiId, results) {
    const path = (0,external_node_path_.join)(dir, `ami-action-test-${amiId}.xml`);
    (0,external_node_fs_.writeFileSync)(path, junitXml(amiId, results));
    return path;
}
function reportResults(amiId, instanceId, results) {
    for (const r of results) {
        const line = `${r.outcome.toUpperCase()} ${r.check.id}: ${r.check.description}${r.reason ? ` (${r.reason})` : ''}`;
        if (r.outcome === 'failed')
            core/* error */.z3(`${excerpt(r, 500)}`, { title: `AMI test failed: ${r.check.id}` });
        else if (r.outcome === 'warning')
            core/* warning */.$e(`${r.check.id}: ${r.reason}`, { title: 'AMI test warning' });
        core/* info */.pq(line);
    }
    const passed = results.filter((r) => r.outcome !== 'failed').length;
    (0,summary/* summaryTable */.j)(`Test of ${amiId}${instanceId ? ` on ${instanceId}` : ''}: ${passed}/${results.length} passed`, ['check', 'result', 'exit code', 'duration', 'excerpt'], results.map((r) => [
        r.check.id,
        r.outcome === 'passed' ? '✅ passed' : r.outcome === 'warning' ? '⚠️ warning' : '❌ failed',
        r.exitCode,
        (0,format/* formatSeconds */.X)(r.seconds),
        excerpt(r),
    ]));
}

;// CONCATENATED MODULE: ./src/modes/test/ssm-online.ts
/**
 * Waits for the SSM agent to report the instance Online. When it never does, shows the tail of the
 * console output and the usual causes, since that is all there is to go on without SSH.
 */




const CONSOLE_TAIL_LINES = 40;
async function waitOnline(ssm, ec2, instanceId, options) {
    try {
        await (0,wait/* waitUntil */.a)({
            what: `the SSM agent on ${instanceId} to come Online`,
            timeoutSeconds: options.timeout,
            pollIntervalSeconds: options.pollInterval,
            check: async () => {
                const { InstanceInformationList } = await ssm.send(new client_ssm_dist_cjs/* DescribeInstanceInformationCommand */.MXw({ Filters: [{ Key: 'InstanceIds', Values: [instanceId] }] }));
                const status = InstanceInformationList?.[0]?.PingStatus ?? 'not registered';
                return status === 'Online' ? { done: true, value: undefined } : { done: false, status };
            },
        });
    }
    catch (error) {
        if (!(error instanceof wait/* WaitTimeoutError */.D))
            throw error;
        await showConsoleTail(ec2, instanceId);
        const causes = [
            options.instanceProfile
                ? `the instance profile ${options.instanceProfile} lacks SSM permissions (attach AmazonSSMManagedInstanceCore to its role)`
                : 'no instance profile was given (instance-profile): the agent needs one with AmazonSSMManagedInstanceCore',
            'the subnet has no route to the SSM endpoints (a NAT gateway, or VPC endpoints for ssm, ssmmessages and ec2messages)',
            'the AMI has no SSM agent installed, or it is not enabled at boot',
        ];
        throw new Error(`SSM never saw ${instanceId} Online within the timeout. Likely causes: ${causes.map((c, i) => `(${i + 1}) ${c}`).join('; ')}. The console output's tail is in the log above.`);
    }
}
async function showConsoleTail(ec2, instanceId) {
    try {
        const { Output } = await ec2.send(new dist_cjs/* GetConsoleOutputCommand */.Olx({ InstanceId: instanceId, Latest: true }));
        const text = Output ? Buffer.from(Output, 'base64').toString('utf8') : '';
        const tail = text.trimEnd().split('\n').slice(-CONSOLE_TAIL_LINES).join('\n');
        core/* startGroup */.Oh(`Console output of ${instanceId} (last ${CONSOLE_TAIL_LINES} lines)`);
        core/* info */.pq(tail || '(the console output is empty)');
        core/* endGroup */.N4();
    }
    catch (error) {
        core/* warning */.$e(`Could not read the console output of ${instanceId}: ${error.message}`);
    }
}

;// CONCATENATED MODULE: ./src/modes/test/index.ts
/**
 * mode: test — proves an AMI on a throwaway instance: launch, wait for SSM, run the smoke and
 * compliance checks one by one, report each, tag the AMI with the result, and terminate the
 * instance whatever happened (the post step too, if this step could not).
 */














async function run(config, context) {
    const { amiId, amis } = (0,common/* amisOf */.mR)(config);
    (0,outputs/* setAmiOutputs */.C)(config.region, amis);
    // Everything read from the repository is checked before any AWS call.
    const smoke = smokeChecks(config.smoke, context.workspace);
    const compliance = complianceChecks(config.compliance, {
        workspace: context.workspace,
        allowedPorts: config.allowedPorts,
    });
    const deadline = Date.now() + config.timeout * 1000;
    const secondsLeft = () => Math.max(1, (deadline - Date.now()) / 1000);
    const ec2 = (0,clients.awsClient)(dist_cjs/* EC2Client */.gu5, config.region);
    const image = await describeImage(ec2, amiId);
    const windows = image.Platform?.toLowerCase() === 'windows';
    const shellChecks = [...smoke, ...compliance.checks].filter((check) => !(windows && check.suite === 'baseline'));
    if (windows && compliance.imageChecks)
        core/* notice */.lm('baseline: its shell checks are for Linux; on Windows only its image checks run.');
    if (config.dryRun) {
        core/* info */.pq(`dry-run: would launch ${amiId}, run ${shellChecks.length} check(s) over SSM, tag the AMI and terminate the instance.`);
        return;
    }
    const results = compliance.imageChecks ? runImageChecks(image) : [];
    let instanceId;
    let keep = false;
    try {
        instanceId = await (0,timeline/* phase */.O)('Launch', () => launch(ec2, image, config, context));
        const id = instanceId;
        core/* setOutput */.uH('instance-id', id);
        const launchedAt = Date.now();
        await (0,timeline/* phase */.O)('Boot and SSM registration', async () => {
            await waitRunning(ec2, id, secondsLeft(), config.pollInterval);
            await waitOnline((0,clients.awsClient)(client_ssm_dist_cjs/* SSMClient */.jBj, config.region), ec2, id, {
                timeout: secondsLeft(),
                pollInterval: config.pollInterval,
                instanceProfile: config.instanceProfile,
            });
        });
        core/* setOutput */.uH('boot-seconds', String(Math.round((Date.now() - launchedAt) / 1000)));
        await (0,timeline/* phase */.O)(`Checks (${shellChecks.length})`, () => runChecks(shellChecks, results, id, windows, config, secondsLeft));
    }
    catch (error) {
        if (results.length > 0)
            finish(config, context, amiId, instanceId, results);
        throw error;
    }
    finally {
        const failed = results.some((r) => r.outcome === 'failed');
        keep = config.keepInstanceOnFailure && failed && instanceId !== undefined;
        if (instanceId && !keep) {
            const id = instanceId;
            await (0,timeline/* phase */.O)('Terminate', () => terminate(ec2, id, config.pollInterval));
            core/* saveState */.LZ(TEST_INSTANCE_STATE, '');
        }
    }
    const failed = finish(config, context, amiId, instanceId, results);
    await tagResult(ec2, amiId, failed ? 'failed' : 'passed');
    if (keep) {
        core/* saveState */.LZ(TEST_INSTANCE_STATE, '');
        core/* warning */.$e(`Kept ${instanceId} for debugging (keep-instance-on-failure). Reach it with \`aws ssm start-session --target ${instanceId} --region ${config.region}\`, and terminate it when done: it costs money and is not removed for you.`);
    }
    if (failed)
        throw new Error(`${results.filter((r) => r.outcome === 'failed').length} of ${results.length} checks failed on ${amiId}.`);
}
async function runChecks(checks, results, instanceId, windows, config, secondsLeft) {
    const ssm = (0,clients.awsClient)(client_ssm_dist_cjs/* SSMClient */.jBj, config.region);
    for (const check of checks) {
        const result = await runCheck({
            ssm,
            instanceId,
            document: windows ? 'AWS-RunPowerShellScript' : 'AWS-RunShellScript',
            commandTimeout: config.commandTimeout,
            pollInterval: config.pollInterval,
            timeout: Math.min(secondsLeft(), config.commandTimeout + 120),
        }, check);
        core/* info */.pq(`${result.outcome === 'failed' ? '✗' : '✓'} ${check.id} (exit ${result.exitCode})`);
        results.push(result);
    }
}
/** Outputs, report and summary; true when a check failed. */
function finish(config, context, amiId, instanceId, results) {
    const failed = results.filter((r) => r.outcome === 'failed').length;
    reportResults(amiId, instanceId, results);
    core/* setOutput */.uH('report', writeJunit(context.tempDir, amiId, results));
    core/* setOutput */.uH('passed', String(results.length - failed));
    core/* setOutput */.uH('failed', String(failed));
    core/* setOutput */.uH('result', failed > 0 ? 'failed' : 'passed');
    core/* setOutput */.uH('amis', (0,outputs/* formatAmis */.O)(config.region, { ...config.amis, [config.region]: amiId }));
    return failed > 0;
}
async function describeImage(ec2, amiId) {
    const { Images } = await ec2.send(new dist_cjs/* DescribeImagesCommand */.ji5({ ImageIds: [amiId] }));
    const image = Images?.[0];
    if (!image)
        throw new Error(`AMI ${amiId} was not found.`);
    if (image.State !== 'available')
        throw new Error(`AMI ${amiId} is ${image.State}, not available: it cannot be launched yet.`);
    return image;
}
async function tagResult(ec2, amiId, result) {
    await ec2.send(new dist_cjs/* CreateTagsCommand */.RmG({
        Resources: [amiId],
        Tags: (0,src_tags/* toTagList */.s3)({ [src_tags/* TAG */.Dk.test]: result, [src_tags/* TAG */.Dk.testedAt]: new Date().toISOString() }),
    }));
}
/** Post step: terminates the instance the main step did not (cancelled, killed, crashed). */
async function post() {
    const saved = core/* getState */.Gu(TEST_INSTANCE_STATE);
    if (!saved)
        return;
    const { region, instanceId } = JSON.parse(saved);
    const ec2 = (0,clients.awsClient)(dist_cjs/* EC2Client */.gu5, region);
    const state = (await instanceState(ec2, instanceId))?.State?.Name;
    if (state === 'terminated' || state === 'shutting-down')
        return;
    core/* info */.pq(`The main step did not terminate ${instanceId} (${state ?? 'state unknown'}): terminating it now.`);
    await terminate(ec2, instanceId, 5);
}


/***/ }),

/***/ 5468:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ setAmiOutputs),
/* harmony export */   O: () => (/* binding */ formatAmis)
/* harmony export */ });
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
