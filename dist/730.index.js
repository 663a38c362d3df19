export const id = 730;
export const ids = [730,76];
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

/***/ 3730:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 20 modules
var core = __webpack_require__(3218);
// EXTERNAL MODULE: ./src/aws/errors.ts
var errors = __webpack_require__(9378);
// EXTERNAL MODULE: ./src/aws/fanout.ts
var fanout = __webpack_require__(1229);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(5468);
// EXTERNAL MODULE: ./src/report/timeline.ts
var timeline = __webpack_require__(1935);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-cjs/index.js
var dist_cjs = __webpack_require__(5193);
// EXTERNAL MODULE: ./src/tags.ts
var src_tags = __webpack_require__(9506);
// EXTERNAL MODULE: ./src/inputs/common.ts
var common = __webpack_require__(832);
;// CONCATENATED MODULE: ./src/modes/publish/desired.ts
/** What the inputs ask publishing to reach in every region. */


function desiredFrom(config) {
    const tags = Object.fromEntries(config.tags);
    const version = tags.version;
    const { amiId, amis } = (0,common/* amisOf */.mR)(config);
    const { [config.region]: _source, ...givenCopies } = amis;
    const regions = [...new Set([...config.copyToRegions, ...Object.keys(givenCopies)])];
    return {
        sourceId: amiId,
        sourceRegion: config.region,
        copyRegions: regions.filter((region) => region !== config.region),
        givenCopies,
        tags,
        accounts: config.shareWithAccounts,
        organizations: config.shareWithOrganizations,
        ous: config.shareWithOus,
        public: config.public,
        kmsKeyIds: config.kmsKeyIds,
        kmsGrants: config.kmsGrants,
        deprecateAt: config.deprecateAt,
        deprecateAfterSeconds: config.deprecateAfter,
        protection: config.deregistrationProtection,
        parameter: config.ssmParameter,
        parameterLabel: versionLabel(version),
        requireTest: config.requireTest,
        copyConcurrency: config.copyConcurrency,
    };
}
const isShared = (desired) => desired.public || desired.accounts.length + desired.organizations.length + desired.ous.length > 0;
/** The tags every copy carries: the requested ones and the marker that finds it on a re-run. */
function copyTags(desired) {
    return { ...desired.tags, [src_tags/* TAG */.Dk.sourceAmi]: desired.sourceId };
}
/** "2 accounts, 1 organization, 1 OU", "public", or "not shared". */
function describeSharing(desired) {
    const parts = [
        desired.public ? 'public' : '',
        plural(desired.accounts.length, 'account'),
        plural(desired.organizations.length, 'organization'),
        plural(desired.ous.length, 'OU'),
    ].filter(Boolean);
    return parts.length ? parts.join(', ') : 'not shared';
}
function plural(count, word) {
    return count === 0 ? '' : `${count} ${word}${count === 1 ? '' : 's'}`;
}
function versionLabel(version) {
    if (!version)
        return undefined;
    return /^v/i.test(version) ? version : `v${version}`;
}

// EXTERNAL MODULE: ./src/aws/clients.ts + 1 modules
var clients = __webpack_require__(6076);
;// CONCATENATED MODULE: ./src/modes/publish/images.ts
/**
 * Reading AMIs: the source, a region's existing copy (found by its `ami-action:source-ami` tag), and
 * the facts of one image that publishing compares against what it wants.
 */




const ec2 = (region) => (0,clients.awsClient)(dist_cjs.EC2Client, region);
function imageFacts(region, image) {
    const ebs = (image.BlockDeviceMappings ?? []).map((mapping) => mapping.Ebs).filter((e) => e !== undefined);
    return {
        imageId: image.ImageId ?? '',
        region,
        name: image.Name ?? '',
        state: image.State ?? 'unknown',
        stateReason: image.StateReason?.Message,
        creationDate: image.CreationDate,
        tags: (0,src_tags/* fromTagList */.Bz)(image.Tags),
        snapshotIds: ebs.flatMap((e) => (e.SnapshotId ? [e.SnapshotId] : [])),
        kmsKeyId: ebs.find((e) => e.KmsKeyId)?.KmsKeyId,
        encrypted: ebs.some((e) => e.Encrypted),
        public: image.Public ?? false,
        deprecationTime: image.DeprecationTime,
        deregistrationProtection: image.DeregistrationProtection,
    };
}
class SourceImageError extends Error {
    name = 'SourceImageError';
}
/** The source AMI, owned by this account (another's AMI cannot be copied with its tags nor shared). */
async function readSource(region, imageId) {
    const own = await ec2(region)
        .send(new dist_cjs/* DescribeImagesCommand */.ji5({ ImageIds: [imageId], Owners: ['self'] }))
        .catch((error) => {
        if ((0,errors/* isNotFound */.c4)(error)) {
            throw new SourceImageError(`Input 'ami-id': ${imageId} does not exist in ${region} (or is not visible yet). Check the id and the region input.`);
        }
        throw error;
    });
    const image = own.Images?.[0];
    if (!image) {
        throw new SourceImageError(`Input 'ami-id': ${imageId} in ${region} belongs to another account. Publish an AMI this account owns (copy it first).`);
    }
    return imageFacts(region, image);
}
/**
 * The copies of `sourceId` this account has in `region`, found by tag. Failed ones come back too:
 * the caller replaces them.
 */
async function findCopies(region, sourceId) {
    const result = await ec2(region).send(new dist_cjs/* DescribeImagesCommand */.ji5({
        Owners: ['self'],
        Filters: [{ Name: `tag:${src_tags/* TAG */.Dk.sourceAmi}`, Values: [sourceId] }],
    }));
    return (result.Images ?? []).map((image) => imageFacts(region, image));
}
/**
 * One image by the `image-id` filter: unlike `ImageIds`, the filter answers an empty list instead of
 * failing while a fresh copy is not visible yet (EC2's eventual consistency).
 */
async function describeImageById(region, imageId) {
    const result = await ec2(region).send(new dist_cjs/* DescribeImagesCommand */.ji5({ Owners: ['self'], Filters: [{ Name: 'image-id', Values: [imageId] }] }));
    const image = result.Images?.[0];
    return image ? imageFacts(region, image) : undefined;
}
async function readLaunchPermissions(region, imageId) {
    const result = await ec2(region).send(new dist_cjs/* DescribeImageAttributeCommand */.OkE({ ImageId: imageId, Attribute: 'launchPermission' }));
    return result.LaunchPermissions ?? [];
}
async function readSnapshots(region, snapshotIds, withPermissions) {
    if (snapshotIds.length === 0)
        return [];
    const result = await ec2(region).send(new dist_cjs/* DescribeSnapshotsCommand */.MmI({ SnapshotIds: snapshotIds }));
    return Promise.all((result.Snapshots ?? []).map(async (snapshot) => {
        const snapshotId = snapshot.SnapshotId ?? '';
        const userIds = withPermissions
            ? ((await ec2(region).send(new dist_cjs/* DescribeSnapshotAttributeCommand */.x0J({
                SnapshotId: snapshotId,
                Attribute: 'createVolumePermission',
            }))).CreateVolumePermissions?.flatMap((p) => (p.UserId ? [p.UserId] : [])) ?? [])
            : [];
        return { snapshotId, tags: (0,src_tags/* fromTagList */.Bz)(snapshot.Tags), userIds };
    }));
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-kms/dist-cjs/index.js
var client_kms_dist_cjs = __webpack_require__(2632);
;// CONCATENATED MODULE: ./src/modes/publish/keys.ts
/**
 * KMS for shared encrypted AMIs: which key a region's image uses (customer managed or the AWS managed
 * aws/ebs key, which can never be shared), grants for the accounts it is shared with, and the key
 * policy statement to add instead when grants are off or the targets are organizations / OUs.
 */



const kms = (region) => (0,clients.awsClient)(client_kms_dist_cjs/* KMSClient */.pgq, region);
/** The AWS managed EBS key of a region: what a cross-region copy of an encrypted AMI uses by default. */
const AWS_EBS_KEY = 'alias/aws/ebs';
async function describeKey(region, ref) {
    try {
        const { KeyMetadata } = await kms(region).send(new client_kms_dist_cjs/* DescribeKeyCommand */.spV({ KeyId: ref }));
        return {
            arn: KeyMetadata?.Arn ?? ref,
            ref,
            customerManaged: KeyMetadata?.KeyManager === 'CUSTOMER',
            state: KeyMetadata?.KeyState ?? 'Unknown',
        };
    }
    catch (error) {
        if ((0,errors/* isNotFound */.c4)(error))
            return undefined;
        throw error;
    }
}
/** What an account needs on the key to launch an instance from an AMI encrypted with it. */
const GRANT_OPERATIONS = [
    'Decrypt',
    'DescribeKey',
    'CreateGrant',
    'GenerateDataKeyWithoutPlaintext',
    'ReEncryptFrom',
    'ReEncryptTo',
];
const accountPrincipal = (accountId) => `arn:aws:iam::${accountId}:root`;
/** Accounts of `accountIds` that have no grant with every needed operation on the key yet. */
async function accountsWithoutGrant(region, keyArn, accountIds) {
    const missing = [];
    for (const accountId of accountIds) {
        const { Grants } = await kms(region).send(new client_kms_dist_cjs/* ListGrantsCommand */.F9r({ KeyId: keyArn, GranteePrincipal: accountPrincipal(accountId) }));
        const complete = (Grants ?? []).some((grant) => GRANT_OPERATIONS.every((op) => grant.Operations?.includes(op)));
        if (!complete)
            missing.push(accountId);
    }
    return missing;
}
async function grantAccount(region, keyArn, accountId) {
    await kms(region).send(new client_kms_dist_cjs/* CreateGrantCommand */.Y_D({
        KeyId: keyArn,
        GranteePrincipal: accountPrincipal(accountId),
        Operations: [...GRANT_OPERATIONS],
        Name: `ami-action-share-${accountId}`,
    }));
}
/** The key policy statements that let the share targets use the key (for users who manage it by policy). */
function keyPolicyStatements(targets) {
    const actions = [
        'kms:Decrypt',
        'kms:DescribeKey',
        'kms:CreateGrant',
        'kms:GenerateDataKeyWithoutPlaintext',
        'kms:ReEncrypt*',
    ];
    const statements = [];
    if (targets.accounts.length) {
        statements.push({
            Sid: 'AmiActionShareAccounts',
            Effect: 'Allow',
            Principal: { AWS: targets.accounts.map(accountPrincipal) },
            Action: actions,
            Resource: '*',
        });
    }
    const orgIds = targets.organizations.map((arn) => arn.split('/').pop() ?? arn);
    if (orgIds.length) {
        statements.push({
            Sid: 'AmiActionShareOrganizations',
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: actions,
            Resource: '*',
            Condition: { StringEquals: { 'aws:PrincipalOrgID': orgIds } },
        });
    }
    const ouPaths = targets.ous.map((arn) => {
        const [, org, ou] = arn.split('/');
        return `${org}/*/${ou}/*`;
    });
    if (ouPaths.length) {
        statements.push({
            Sid: 'AmiActionShareOUs',
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: actions,
            Resource: '*',
            Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': ouPaths } },
        });
    }
    return statements;
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ssm/dist-cjs/index.js
var client_ssm_dist_cjs = __webpack_require__(4736);
// EXTERNAL MODULE: ./src/aws/wait.ts
var wait = __webpack_require__(6308);
;// CONCATENATED MODULE: ./src/modes/publish/parameter.ts
/**
 * The SSM parameter that names the AMI in each region. `DataType: aws:ec2:image` makes SSM check the
 * value is an available image, but only after PutParameter has answered: the new version shows (or is
 * dropped) a moment later, so this writes only once the image is available and waits to see it.
 */





const ssm = (region) => (0,clients.awsClient)(client_ssm_dist_cjs/* SSMClient */.jBj, region);
async function readParameter(region, name, label) {
    const current = await getParameter(region, name);
    if (!current || !label)
        return current ?? {};
    const labelled = await getParameter(region, `${name}:${label}`);
    return { ...current, labelledVersion: labelled?.version };
}
async function getParameter(region, ref) {
    try {
        const { Parameter } = await ssm(region).send(new client_ssm_dist_cjs/* GetParameterCommand */.lhy({ Name: ref }));
        return { value: Parameter?.Value, version: Parameter?.Version };
    }
    catch (error) {
        if ((0,errors/* isNotFound */.c4)(error))
            return undefined;
        throw error;
    }
}
/** How long SSM may take to show a validated aws:ec2:image version before we call it rejected. */
const VALIDATION_WAIT_SECONDS = 120;
/** Writes the AMI id; returns the new version once SSM shows it. */
async function writeParameter(region, name, imageId, exists, pollIntervalSeconds) {
    const { Version } = await ssm(region).send(new client_ssm_dist_cjs/* PutParameterCommand */.ihh({
        Name: name,
        Value: imageId,
        Type: 'String',
        DataType: 'aws:ec2:image',
        Description: `AMI published by ami-action (${src_tags/* TAG */.Dk.sourceAmi} on the AMI names its source)`,
        // SSM rejects Tags together with Overwrite: tag only on creation.
        ...(exists ? { Overwrite: true } : { Tags: [{ Key: 'managed-by', Value: 'ami-action' }] }),
    }));
    const version = Version ?? 0;
    await (0,wait/* waitUntil */.a)({
        what: `SSM parameter ${name} version ${version} in ${region}`,
        timeoutSeconds: VALIDATION_WAIT_SECONDS,
        pollIntervalSeconds,
        timeoutHint: `SSM did not accept ${imageId} as an aws:ec2:image value (it validates after answering): check that the image exists and is available in ${region}.`,
        check: async () => {
            const current = await getParameter(region, name);
            return (current?.version ?? 0) >= version
                ? { done: true, value: undefined }
                : { done: false, status: 'validating' };
        },
    });
    return version;
}
/** Puts the label on the version; labels SSM refuses come back in InvalidLabels, not as an error. */
async function labelVersion(region, name, version, label) {
    const { InvalidLabels } = await ssm(region).send(new client_ssm_dist_cjs/* LabelParameterVersionCommand */.Xjy({ Name: name, ParameterVersion: version, Labels: [label] }));
    if (InvalidLabels?.length) {
        throw new Error(`SSM refused the label ${InvalidLabels.join(', ')} on ${name} in ${region} (labels may not start with a digit, aws or ssm, and use letters, digits, . - _).`);
    }
}

;// CONCATENATED MODULE: ./src/modes/publish/converge.ts
/**
 * For one region's image: what is already there (tags, launch and snapshot permissions, grants,
 * deprecation, protection, parameter) and the changes that reach what the inputs ask. Changes only
 * ever add access; nothing here removes a permission someone else gave.
 */






async function observe(desired, ctx, image) {
    const { region } = ctx;
    const sharing = desired.accounts.length + desired.organizations.length + desired.ous.length > 0;
    const [launchPermissions, snapshots, ungranted, parameter] = await Promise.all([
        sharing || desired.public ? readLaunchPermissions(region, image.imageId) : [],
        readSnapshots(region, image.snapshotIds, desired.accounts.length > 0),
        grantsApply(desired, ctx) ? accountsWithoutGrant(region, ctx.key.arn, desired.accounts) : [],
        desired.parameter ? readParameter(region, desired.parameter, desired.parameterLabel) : {},
    ]);
    return { image, launchPermissions, snapshots, ungranted, parameter };
}
const grantsApply = (desired, ctx) => desired.kmsGrants && desired.accounts.length > 0 && !!ctx.key?.customerManaged;
/** What a fresh copy will look like once available: the copy's tags, nothing shared, nothing set. */
function expectedCopy(desired, ctx) {
    const tags = copyTags(desired);
    return {
        image: {
            imageId: '(new copy)',
            region: ctx.region,
            name: '',
            state: 'pending',
            tags,
            snapshotIds: ['(its snapshots)'],
            encrypted: !!ctx.key,
            public: false,
        },
        launchPermissions: [],
        snapshots: [{ snapshotId: '(its snapshots)', tags, userIds: [] }],
        ungranted: grantsApply(desired, ctx) ? desired.accounts : [],
        parameter: {},
    };
}
function missingTags(have, want) {
    return Object.fromEntries(Object.entries(want).filter(([key, value]) => have[key] !== value));
}
function changesFor(desired, ctx, observed) {
    const { region } = ctx;
    const { image } = observed;
    const client = () => ec2(region);
    const changes = [];
    const wantTags = ctx.primary ? desired.tags : copyTags(desired);
    const untagged = [
        ...(Object.keys(missingTags(image.tags, wantTags)).length ? [image.imageId] : []),
        ...observed.snapshots
            .filter((s) => Object.keys(missingTags(s.tags, wantTags)).length)
            .map((s) => s.snapshotId),
    ];
    if (untagged.length && Object.keys(wantTags).length) {
        changes.push({
            call: 'ec2:CreateTags',
            detail: `${untagged.join(', ')}: ${Object.entries(wantTags)
                .map(([k, v]) => `${k}=${v}`)
                .join(', ')}`,
            apply: async () => {
                await client().send(new dist_cjs/* CreateTagsCommand */.RmG({ Resources: untagged, Tags: (0,src_tags/* toTagList */.s3)(wantTags) }));
            },
        });
    }
    const has = (p) => observed.launchPermissions.some((q) => (p.UserId && q.UserId === p.UserId) ||
        (p.OrganizationArn && q.OrganizationArn === p.OrganizationArn) ||
        (p.OrganizationalUnitArn && q.OrganizationalUnitArn === p.OrganizationalUnitArn) ||
        (p.Group && q.Group === p.Group));
    const addLaunch = [
        ...desired.accounts.map((UserId) => ({ UserId })),
        ...desired.organizations.map((OrganizationArn) => ({ OrganizationArn })),
        ...desired.ous.map((OrganizationalUnitArn) => ({ OrganizationalUnitArn })),
        ...(desired.public ? [{ Group: 'all' }] : []),
    ].filter((p) => !has(p));
    if (addLaunch.length) {
        changes.push({
            call: 'ec2:ModifyImageAttribute',
            detail: `${image.imageId}: launch permission for ${addLaunch.map(describePermission).join(', ')}`,
            apply: async () => {
                await client().send(new dist_cjs/* ModifyImageAttributeCommand */.FE3({ ImageId: image.imageId, LaunchPermission: { Add: addLaunch } }));
            },
        });
    }
    for (const snapshot of observed.snapshots) {
        const users = desired.accounts.filter((account) => !snapshot.userIds.includes(account));
        if (!users.length)
            continue;
        changes.push({
            call: 'ec2:ModifySnapshotAttribute',
            detail: `${snapshot.snapshotId}: create volume permission for ${users.join(', ')}`,
            apply: async () => {
                await client().send(new dist_cjs/* ModifySnapshotAttributeCommand */.KD0({
                    SnapshotId: snapshot.snapshotId,
                    Attribute: 'createVolumePermission',
                    CreateVolumePermission: { Add: users.map((UserId) => ({ UserId })) },
                }));
            },
        });
    }
    for (const account of observed.ungranted) {
        changes.push({
            call: 'kms:CreateGrant',
            detail: `${ctx.key.arn}: grant for ${account}`,
            apply: () => grantAccount(region, ctx.key.arn, account),
        });
    }
    const deprecateAt = ctx.deprecateAt;
    if (deprecateAt && Date.parse(image.deprecationTime ?? '') !== deprecateAt.getTime()) {
        changes.push({
            call: 'ec2:EnableImageDeprecation',
            detail: `${image.imageId}: deprecate at ${deprecateAt.toISOString()}`,
            apply: async () => {
                await client().send(new dist_cjs/* EnableImageDeprecationCommand */.cJk({ ImageId: image.imageId, DeprecateAt: deprecateAt }));
            },
        });
    }
    if (desired.protection !== 'false' && !image.deregistrationProtection?.startsWith('enabled')) {
        const withCooldown = desired.protection === 'with-cooldown';
        changes.push({
            call: 'ec2:EnableImageDeregistrationProtection',
            detail: `${image.imageId}${withCooldown ? ' (with cooldown)' : ''}`,
            apply: async () => {
                await client().send(new dist_cjs/* EnableImageDeregistrationProtectionCommand */.BxO({
                    ImageId: image.imageId,
                    WithCooldown: withCooldown,
                }));
            },
        });
    }
    changes.push(...parameterChanges(desired, ctx, observed));
    return changes;
}
function parameterChanges(desired, ctx, observed) {
    const name = desired.parameter;
    if (!name)
        return [];
    const { region } = ctx;
    const { image, parameter } = observed;
    const label = desired.parameterLabel;
    let version = parameter.version;
    // The region's version until a write replaces it.
    if (version !== undefined)
        ctx.onParameterVersion(version);
    const changes = [];
    if (parameter.value !== image.imageId) {
        changes.push({
            call: 'ssm:PutParameter',
            detail: `${name} = ${image.imageId} (aws:ec2:image${parameter.version ? ', overwrite' : ''})`,
            apply: async () => {
                version = await writeParameter(region, name, image.imageId, parameter.version !== undefined, ctx.pollIntervalSeconds);
                ctx.onParameterVersion(version);
            },
        });
    }
    if (label && (changes.length || parameter.labelledVersion !== parameter.version)) {
        changes.push({
            call: 'ssm:LabelParameterVersion',
            detail: `${name}: label ${label} on the ${changes.length ? 'new' : 'current'} version`,
            apply: () => labelVersion(region, name, version ?? 0, label),
        });
    }
    return changes;
}
function describePermission(p) {
    if (p.UserId)
        return p.UserId;
    if (p.Group === 'all')
        return 'everyone (public)';
    return p.OrganizationArn ?? p.OrganizationalUnitArn ?? '?';
}

// EXTERNAL MODULE: ./src/aws/tokens.ts
var tokens = __webpack_require__(1831);
;// CONCATENATED MODULE: ./src/modes/publish/copy.ts
/**
 * Region copies: CopyImage with the source's tags plus the requested ones at copy time (tag
 * policies may refuse an untagged copy), a client token per attempt, and waiting with one
 * DescribeImages per region per poll that tolerates the window in which a new copy is not visible.
 */






class CopyFailedError extends Error {
    name = 'CopyFailedError';
}
/** Deregisters a failed copy (and its snapshots) so the region can be copied again. */
async function removeFailedCopy(copy) {
    await ec2(copy.region).send(new dist_cjs/* DeregisterImageCommand */.x2c({ ImageId: copy.imageId, DeleteAssociatedSnapshots: true }));
}
async function startCopy(desired, source, region, context, options) {
    const tags = (0,src_tags/* toTagList */.s3)(copyTags(desired));
    const { ImageId } = await ec2(region).send(new dist_cjs/* CopyImageCommand */.SDF({
        SourceRegion: source.region,
        SourceImageId: source.imageId,
        Name: source.name,
        Description: `Copy of ${source.imageId} from ${source.region} (ami-action)`,
        CopyImageTags: true,
        TagSpecifications: [
            { ResourceType: 'image', Tags: tags },
            { ResourceType: 'snapshot', Tags: tags },
        ],
        ...(options.kmsKeyId ? { Encrypted: true, KmsKeyId: options.kmsKeyId } : {}),
        // A replacement for a failed copy is another attempt: its own token.
        ClientToken: (0,tokens/* clientToken */.$)(context, ['publish-copy', source.imageId, region, ...options.replacing]),
    }));
    if (!ImageId)
        throw new CopyFailedError(`CopyImage to ${region} answered no image id.`);
    return ImageId;
}
/** How long a fresh copy may stay invisible to DescribeImages before it counts as lost. */
const NOT_VISIBLE_GRACE_MS = 5 * 60_000;
async function waitForImage(region, imageId, options) {
    const started = Date.now();
    return (0,wait/* waitUntil */.a)({
        what: `${imageId} in ${region}`,
        timeoutSeconds: options.timeoutSeconds,
        pollIntervalSeconds: options.pollIntervalSeconds,
        check: async () => {
            const image = await describeImageById(region, imageId);
            if (!image) {
                if (Date.now() - started > NOT_VISIBLE_GRACE_MS) {
                    throw new CopyFailedError(`${imageId} in ${region} never became visible to DescribeImages.`);
                }
                return { done: false, status: 'not visible yet' };
            }
            if (image.state === 'available')
                return { done: true, value: image };
            if (image.state === 'pending')
                return { done: false, status: 'pending' };
            throw new CopyFailedError(`${imageId} in ${region} is ${image.state}${image.stateReason ? `: ${image.stateReason}` : ''}. A re-run deregisters it and copies again.`);
        },
    });
}

;// CONCATENATED MODULE: ./src/modes/publish/plan.ts
/**
 * The plan: everything publishing needs to know before it changes anything. Reads only: the source
 * AMI, each region's existing copy, the KMS key each region's image is (or will be) encrypted with,
 * and, for public AMIs, each region's image block public access state.
 */





const READ_CONCURRENCY = 8;
async function makePlan(desired) {
    const source = await readSource(desired.sourceRegion, desired.sourceId);
    const regionNames = [desired.sourceRegion, ...desired.copyRegions];
    const settled = await (0,fanout/* mapConcurrent */._)(regionNames, READ_CONCURRENCY, (region) => planRegion(desired, source, region));
    const regions = settled.map((result) => {
        if (result.status === 'rejected')
            throw result.reason;
        return result.value;
    });
    return { source, regions, deprecateAt: deprecationTime(desired, source) };
}
function deprecationTime(desired, source) {
    if (desired.deprecateAt)
        return roundToMinute(desired.deprecateAt);
    if (desired.deprecateAfterSeconds === undefined)
        return undefined;
    const created = source.creationDate ? Date.parse(source.creationDate) : Date.now();
    return roundToMinute(new Date(created + desired.deprecateAfterSeconds * 1000));
}
/** EC2 keeps deprecation times to the minute. */
function roundToMinute(date) {
    return new Date(Math.round(date.getTime() / 60_000) * 60_000);
}
async function planRegion(desired, source, region) {
    const primary = region === desired.sourceRegion;
    const plan = { region, primary, failedCopies: [] };
    if (primary) {
        plan.image = source;
    }
    else {
        const given = desired.givenCopies[region];
        const copies = given ? await givenCopy(region, given) : await findCopies(region, source.imageId);
        plan.image =
            copies.find((copy) => copy.state === 'available') ?? copies.find((copy) => copy.state === 'pending');
        plan.failedCopies = copies.filter((copy) => copy.state === 'failed' || copy.state === 'error');
        if (!plan.image)
            plan.copyKeyRef = desired.kmsKeyIds[region];
    }
    const keyRef = plan.image?.kmsKeyId ?? plan.copyKeyRef ?? (source.encrypted && !primary ? AWS_EBS_KEY : undefined);
    if (keyRef) {
        plan.key = await describeKey(region, keyRef);
        if (!plan.key)
            plan.missingKey = keyRef;
    }
    if (desired.public && isShared(desired)) {
        const state = await ec2(region).send(new dist_cjs/* GetImageBlockPublicAccessStateCommand */.QRd({}));
        plan.blocksPublicAccess = state.ImageBlockPublicAccessState === 'block-new-sharing';
    }
    return plan;
}
/** An AMI given in `amis` for a region stands for that region's copy (it gets the copy's tags). */
async function givenCopy(region, imageId) {
    const image = await describeImageById(region, imageId);
    if (!image) {
        throw new SourceImageError(`Input 'amis': ${imageId} for ${region} does not exist there (or is not this account's). Give the AMI ids this account owns.`);
    }
    return [image];
}
/** Whether the region's image is (or its copy will be) encrypted. */
function isEncrypted(plan, source) {
    return plan.image ? plan.image.encrypted : source.encrypted || plan.copyKeyRef !== undefined;
}

;// CONCATENATED MODULE: ./src/modes/publish/refusals.ts
/**
 * What publishing refuses to do, checked against the plan before any change: each refusal names the
 * input and the fix. A refused publish changes nothing anywhere.
 */



class PublishRefusedError extends Error {
    reasons;
    constructor(reasons) {
        super(reasons.length === 1
            ? reasons[0]
            : `Publishing refused, nothing was changed:\n${reasons.map((r) => `- ${r}`).join('\n')}`);
        this.reasons = reasons;
        this.name = 'PublishRefusedError';
    }
}
const YEAR_MS = 365.25 * 24 * 3600 * 1000;
function refusals(desired, plan, nowMs = Date.now()) {
    const reasons = [];
    const { source } = plan;
    if (source.state !== 'available' && source.state !== 'pending') {
        reasons.push(`Input 'ami-id': ${source.imageId} is ${source.state}${source.stateReason ? ` (${source.stateReason})` : ''}; only an available AMI can be published.`);
    }
    if (desired.requireTest && source.tags[src_tags/* TAG */.Dk.test] !== 'passed') {
        reasons.push(`Input 'require-test': ${source.imageId} is not tagged ${src_tags/* TAG */.Dk.test}=passed (it is ${source.tags[src_tags/* TAG */.Dk.test] ? `tagged ${source.tags[src_tags/* TAG */.Dk.test]}` : 'untested'}). Run mode: test on it first, or set require-test: false.`);
    }
    const unknownKeyRegions = Object.keys(desired.kmsKeyIds).filter((region) => !desired.copyRegions.includes(region));
    for (const region of unknownKeyRegions) {
        reasons.push(region === desired.sourceRegion
            ? `Input 'kms-key-ids': ${region} is the source region; kms-key-ids encrypts copies, and the source AMI is published as it is. Remove that line (or bake with that key).`
            : `Input 'kms-key-ids': ${region} is not in copy-to-regions. Add it there or remove that line.`);
    }
    for (const region of plan.regions) {
        if (region.missingKey) {
            reasons.push(`Input 'kms-key-ids': the KMS key ${region.missingKey} does not exist in ${region.region} (keys are regional). Give a customer managed key of ${region.region}.`);
        }
        else if (region.key && region.key.state !== 'Enabled') {
            reasons.push(`Input 'kms-key-ids': the KMS key ${region.key.ref} in ${region.region} is ${region.key.state}; enable it or give another key.`);
        }
    }
    if (isShared(desired)) {
        const awsManaged = plan.regions.filter((region) => region.key && !region.key.customerManaged);
        for (const region of awsManaged) {
            reasons.push(region.primary
                ? `Input 'share-with-*': ${source.imageId} in ${region.region} is encrypted with the AWS managed key aws/ebs, which cannot be shared with other accounts. Bake it with a customer managed KMS key, then publish.`
                : `Input 'kms-key-ids': the copy in ${region.region} would be encrypted with the AWS managed key aws/ebs, which cannot be shared with other accounts. Copies must be re-encrypted with a customer managed key: add "${region.region}=alias/<your-key>" to kms-key-ids${region.image ? ` (and deregister the existing copy ${region.image.imageId})` : ''}.`);
        }
    }
    if (desired.public) {
        const encrypted = plan.regions.filter((region) => isEncrypted(region, source));
        if (encrypted.length) {
            reasons.push(`Input 'public': encrypted AMIs can never be public (${encrypted.map((r) => r.region).join(', ')}). Share with accounts, organizations or OUs instead, or publish an unencrypted AMI.`);
        }
        const blocked = plan.regions.filter((region) => region.blocksPublicAccess);
        if (blocked.length) {
            reasons.push(`Input 'public': block public access for AMIs is on in ${blocked.map((r) => r.region).join(', ')} (GetImageBlockPublicAccessState: block-new-sharing). Turn it off there deliberately (DisableImageBlockPublicAccess) or do not publish publicly.`);
        }
    }
    if (desired.parameter &&
        desired.parameterLabel &&
        !/^[a-zA-Z0-9_.-]{1,100}$/.test(desired.parameterLabel)) {
        reasons.push(`Input 'tags': the version tag (given in tags, or on the source AMI) makes the SSM label "${desired.parameterLabel}", which SSM refuses (labels use letters, digits, . - _, at most 100). Use a version such as 1.4.2.`);
    }
    reasons.push(...deprecationRefusals(desired, plan, nowMs));
    return reasons;
}
/**
 * EC2 refuses a deprecation time in the past, or more than 10 years ahead (for public AMIs, 2 years
 * after the AMI's creation). Regions that already carry the time need no call, so a re-run after
 * the time has passed is not refused.
 */
function deprecationRefusals(desired, plan, nowMs) {
    const at = plan.deprecateAt;
    if (!at)
        return [];
    const needed = plan.regions.some((region) => !region.image || Date.parse(region.image.deprecationTime ?? '') !== at.getTime());
    if (!needed)
        return [];
    const input = desired.deprecateAt ? 'deprecate-at' : 'deprecate-after';
    if (at.getTime() <= nowMs) {
        const counted = input === 'deprecate-after' ? ` (counted from the AMI's creation, ${plan.source.creationDate})` : '';
        return [
            `Input '${input}': ${at.toISOString()} is in the past${counted}; EC2 only deprecates at a future time.`,
        ];
    }
    const created = Date.parse(plan.source.creationDate ?? '') || nowMs;
    const limit = desired.public ? created + 2 * YEAR_MS : nowMs + 10 * YEAR_MS;
    if (at.getTime() > limit) {
        return [
            `Input '${input}': ${at.toISOString()} is further ahead than EC2 allows: ${desired.public ? '2 years after the creation of a public AMI' : '10 years from now'}.`,
        ];
    }
    return [];
}

// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(7994);
;// CONCATENATED MODULE: ./src/modes/publish/report.ts
/** What publishing did per region, for the job summary. */


function newResult(plan) {
    return { region: plan.region, imageId: plan.image?.imageId, state: plan.image?.state, changes: [] };
}
function summarize(desired, results, dryRun) {
    (0,summary/* summaryTable */.j)(dryRun ? 'Publish plan (dry run: nothing was changed)' : 'Publish', ['region', 'AMI', 'state', 'shared with', 'deprecation', 'parameter', dryRun ? 'would call' : 'result'], results.map((result) => row(result, desired, dryRun).map((cell) => cell || '—')));
    if (!dryRun && results.some((result) => result.error)) {
        (0,summary/* summaryLine */.d)('Some regions failed. Re-run the step: it completes only what is missing.');
    }
}
/** One region's cells (an empty cell would render as an unclosed <td>, so the caller fills in a dash). */
function row(result, desired, dryRun) {
    return [
        result.region,
        result.imageId ?? (dryRun ? '(copy to make)' : ''),
        result.error && result.state !== 'available' ? 'failed' : (result.state ?? ''),
        result.shared || dryRun ? describeSharing(desired) : '',
        result.deprecation?.toISOString() ?? '',
        desired.parameter
            ? `${desired.parameter}${result.parameterVersion !== undefined ? ` (version ${result.parameterVersion})` : ''}`
            : '',
        dryRun
            ? result.changes.join(', ') || 'nothing'
            : result.error
                ? `failed: ${result.error}`
                : result.changes.length
                    ? `done (${result.changes.length} change${result.changes.length === 1 ? '' : 's'})`
                    : 'already published',
    ];
}

;// CONCATENATED MODULE: ./src/modes/publish/index.ts
/**
 * mode: publish. Plan (reads only), refuse what must not happen, then converge every region: copy
 * where no copy exists, and add tags, sharing, grants, deprecation, protection and the SSM parameter
 * where missing. A re-run does only what is still missing.
 */












async function run(config, context) {
    startedAt = Date.now();
    const desired = desiredFrom(config);
    const plan = await (0,timeline/* phase */.O)('Plan', () => makePlan(desired));
    desired.parameterLabel ??= versionLabel(plan.source.tags.version);
    const reasons = refusals(desired, plan);
    if (reasons.length)
        throw new PublishRefusedError(reasons);
    const results = plan.regions.map((region) => newResult(region));
    if (config.dryRun) {
        await (0,timeline/* phase */.O)('Dry run: the calls publishing would make', () => printPlan(desired, plan, config, results));
        printKeyPolicyAdvice(desired, plan);
        summarize(desired, results, true);
        return;
    }
    if (plan.source.state === 'pending') {
        await (0,timeline/* phase */.O)('Wait for the source AMI', async () => {
            plan.source = await waitForImage(desired.sourceRegion, desired.sourceId, waitOptions(config));
            plan.regions[0].image = plan.source;
        });
    }
    await (0,timeline/* phase */.O)('Publish', () => publishAll(desired, plan, config, context, results));
    printKeyPolicyAdvice(desired, plan);
    summarize(desired, results, false);
    setOutputs(desired, results);
    const failed = results.filter((result) => result.error);
    if (failed.length) {
        throw new Error(`Publishing failed in ${failed.length} of ${results.length} regions (the others are done):\n${failed
            .map((result) => `- ${result.region}: ${result.error}`)
            .join('\n')}\nRe-run the step: it completes only what is missing.`);
    }
}
/** `timeout` bounds the whole step: every wait gets what is left of it. */
let startedAt = Date.now();
const waitOptions = (config) => ({
    timeoutSeconds: Math.max(1, config.timeout - (Date.now() - startedAt) / 1000),
    pollIntervalSeconds: config.pollInterval,
});
function regionContext(plan, region, config, result) {
    return {
        region: region.region,
        primary: region.primary,
        key: region.key,
        deprecateAt: plan.deprecateAt,
        pollIntervalSeconds: config.pollInterval,
        onParameterVersion: (version) => {
            result.parameterVersion = version;
        },
    };
}
async function publishAll(desired, plan, config, context, results) {
    const work = async (index) => {
        const region = plan.regions[index];
        const result = results[index];
        try {
            await publishRegion(desired, plan, region, config, context, result);
        }
        catch (error) {
            result.error = await (0,errors/* explainError */.UW)(error);
            core/* error */.z3(`${region.region}: ${result.error}`);
        }
    };
    const copyIndexes = plan.regions.map((_, index) => index).filter((index) => !plan.regions[index].primary);
    await Promise.all([work(0), (0,fanout/* mapConcurrent */._)(copyIndexes, desired.copyConcurrency, (index) => work(index))]);
}
async function publishRegion(desired, plan, region, config, context, result) {
    let image = region.image;
    if (!region.primary) {
        for (const failed of region.failedCopies) {
            core/* info */.pq(`${region.region}: deregistering the failed copy ${failed.imageId} to copy again`);
            await removeFailedCopy(failed);
            result.changes.push('ec2:DeregisterImage');
        }
        if (!image) {
            const imageId = await startCopy(desired, plan.source, region.region, context, {
                kmsKeyId: region.copyKeyRef,
                replacing: region.failedCopies.map((copy) => copy.imageId),
            });
            core/* info */.pq(`${region.region}: copying ${plan.source.imageId} as ${imageId}`);
            result.changes.push('ec2:CopyImage');
            result.imageId = imageId;
            result.state = 'pending';
            image = await waitForImage(region.region, imageId, waitOptions(config));
        }
        else if (image.state !== 'available') {
            result.imageId = image.imageId;
            image = await waitForImage(region.region, image.imageId, waitOptions(config));
        }
    }
    if (!image)
        throw new Error(`No image in ${region.region}.`);
    result.imageId = image.imageId;
    result.state = image.state;
    const ctx = regionContext(plan, region, config, result);
    const changes = changesFor(desired, ctx, await observe(desired, ctx, image));
    for (const change of changes) {
        core/* info */.pq(`${region.region}: ${change.call} ${change.detail}`);
        await change.apply();
        result.changes.push(change.call);
    }
    result.shared = true;
    result.deprecation = plan.deprecateAt;
}
/** Grants cannot name organizations or OUs, and kms-grants: false makes none: say what the key policies need. */
function printKeyPolicyAdvice(desired, plan) {
    const keys = plan.regions.flatMap((region) => (region.key?.customerManaged ? [region.key.arn] : []));
    const statements = keyPolicyStatements({
        accounts: desired.kmsGrants ? [] : desired.accounts,
        organizations: desired.organizations,
        ous: desired.ous,
    });
    if (!keys.length || !statements.length)
        return;
    core/* notice */.lm(`The AMI is encrypted with customer managed keys (${keys.join(', ')}). For the ${desired.kmsGrants ? 'organizations and OUs' : 'accounts, organizations and OUs'} it is shared with to launch it, each key's policy needs:\n${JSON.stringify(statements, null, 2)}`);
}
async function printPlan(desired, plan, config, results) {
    let count = 0;
    for (const [index, region] of plan.regions.entries()) {
        const result = results[index];
        const calls = [];
        for (const failed of region.failedCopies) {
            calls.push({
                call: 'ec2:DeregisterImage',
                detail: `${failed.imageId} (failed copy, with its snapshots)`,
            });
        }
        const ctx = regionContext(plan, region, config, result);
        let changes;
        if (region.image) {
            changes = changesFor(desired, ctx, await observe(desired, ctx, region.image));
        }
        else {
            calls.push({
                call: 'ec2:CopyImage',
                detail: `${plan.source.imageId} from ${plan.source.region}, CopyImageTags and tags ${Object.keys(expectedCopy(desired, ctx).image.tags).join(', ')}${region.copyKeyRef ? `, encrypted with ${region.copyKeyRef}` : ''}`,
            });
            changes = changesFor(desired, ctx, expectedCopy(desired, ctx));
        }
        calls.push(...changes);
        result.changes = calls.map((call) => call.call);
        result.deprecation = plan.deprecateAt;
        count += calls.length;
        core/* info */.pq(`${region.region} (${region.image ? region.image.imageId : 'no copy yet'}):`);
        for (const call of calls)
            core/* info */.pq(`  would call ${call.call} ${call.detail}`);
        if (!calls.length)
            core/* info */.pq('  nothing to change');
    }
    core/* info */.pq(`Dry run: ${count} change(s) planned, none made.`);
}
function setOutputs(desired, results) {
    const primary = results.find((result) => result.region === desired.sourceRegion);
    // ami-id names the source region's AMI: without it, no output rather than another region's id.
    if (!primary || primary.error)
        return;
    const amis = {};
    for (const result of results) {
        if (result.imageId && !result.error)
            amis[result.region] = result.imageId;
    }
    (0,outputs/* setAmiOutputs */.C)(desired.sourceRegion, amis, desired.copyRegions);
    if (primary.parameterVersion !== undefined) {
        core/* setOutput */.uH('ssm-parameter-version', String(primary.parameterVersion));
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
