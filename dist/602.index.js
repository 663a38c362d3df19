export const id = 602;
export const ids = [602,76];
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

/***/ 5602:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 20 modules
var core = __webpack_require__(3218);
// EXTERNAL MODULE: ./src/aws/fanout.ts
var fanout = __webpack_require__(1229);
// EXTERNAL MODULE: ./src/cancel.ts
var cancel = __webpack_require__(833);
// EXTERNAL MODULE: ./src/report/timeline.ts
var timeline = __webpack_require__(1935);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-auto-scaling/dist-cjs/index.js
var dist_cjs = __webpack_require__(8932);
// EXTERNAL MODULE: ./src/aws/clients.ts + 1 modules
var clients = __webpack_require__(6076);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-cjs/index.js
var client_ec2_dist_cjs = __webpack_require__(5193);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ssm/dist-cjs/index.js
var client_ssm_dist_cjs = __webpack_require__(4736);
// EXTERNAL MODULE: ./src/aws/errors.ts
var errors = __webpack_require__(9378);
;// CONCATENATED MODULE: ./src/modes/cleanup/keepers/types.ts
function addReason(reasons, imageId, reason) {
    const list = reasons.get(imageId);
    if (list) {
        if (!list.includes(reason))
            list.push(reason);
    }
    else
        reasons.set(imageId, [reason]);
}
/** Lists at most `max` names, then "and N more". */
function someOf(names, max = 3) {
    const shown = names.slice(0, max).join(', ');
    return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

;// CONCATENATED MODULE: ./src/modes/cleanup/keepers/launch-templates.ts
/**
 * Launch template versions: every version still present is a rollback target (deploy rolls back by
 * pointing the group at an older version), so any AMI one of them names stays. An image id of the
 * form `resolve:ssm:<parameter>` is resolved to the AMI the parameter names now.
 */






const TEMPLATE_CONCURRENCY = 4;
const SSM_IMAGE_REF = /^resolve:ssm:(.+)$/;
const launchTemplatesKeeper = {
    name: 'launch templates',
    async keep({ region, selected }) {
        const ec2 = (0,clients.awsClient)(client_ec2_dist_cjs.EC2Client, region);
        const templates = [];
        for await (const page of (0,client_ec2_dist_cjs/* paginateDescribeLaunchTemplates */.dij)({ client: ec2, pageSize: 200 }, {})) {
            for (const t of page.LaunchTemplates ?? []) {
                templates.push({ id: t.LaunchTemplateId ?? '', name: t.LaunchTemplateName ?? '' });
            }
        }
        const versionLists = (0,fanout/* valuesOrThrow */.H)(await (0,fanout/* mapConcurrent */._)(templates, TEMPLATE_CONCURRENCY, (t) => allVersions(ec2, t.id)));
        const wanted = new Set(selected.map((image) => image.imageId));
        const reasons = new Map();
        for (const version of versionLists.flat()) {
            const image = await imageOfVersion(region, version);
            if (!image || !wanted.has(image.imageId))
                continue;
            const defaultNote = version.DefaultVersion ? ' (the default)' : '';
            addReason(reasons, image.imageId, `launch template ${version.LaunchTemplateName} version ${version.VersionNumber}${defaultNote} refers to it${image.via}`);
        }
        return reasons;
    },
};
async function allVersions(ec2, templateId) {
    const versions = [];
    try {
        const pages = (0,client_ec2_dist_cjs/* paginateDescribeLaunchTemplateVersions */.ZY3)({ client: ec2, pageSize: 200 }, { LaunchTemplateId: templateId });
        for await (const page of pages)
            versions.push(...(page.LaunchTemplateVersions ?? []));
    }
    catch (error) {
        // Deleted between the two calls: it refers to nothing any more.
        if ((0,errors/* isNotFound */.c4)(error))
            return [];
        throw error;
    }
    return versions;
}
/** The AMI a version launches, and how it names it when through SSM. */
async function imageOfVersion(region, version) {
    const imageId = version.LaunchTemplateData?.ImageId;
    if (!imageId)
        return undefined;
    const ssmRef = SSM_IMAGE_REF.exec(imageId)?.[1];
    if (!ssmRef)
        return { imageId, via: '' };
    try {
        const { Parameter } = await (0,clients.awsClient)(client_ssm_dist_cjs/* SSMClient */.jBj, region).send(new client_ssm_dist_cjs/* GetParameterCommand */.lhy({ Name: ssmRef }));
        return Parameter?.Value
            ? { imageId: Parameter.Value, via: ` (through SSM parameter ${ssmRef})` }
            : undefined;
    }
    catch (error) {
        if ((0,errors/* isNotFound */.c4)(error))
            return undefined;
        throw error;
    }
}
/** The version a group's template reference resolves to (`$Default` when it names none). */
async function resolveTemplateSpec(region, spec) {
    try {
        const { LaunchTemplateVersions = [] } = await (0,clients.awsClient)(client_ec2_dist_cjs.EC2Client, region).send(new client_ec2_dist_cjs/* DescribeLaunchTemplateVersionsCommand */.Ptd({
            ...(spec.LaunchTemplateId
                ? { LaunchTemplateId: spec.LaunchTemplateId }
                : { LaunchTemplateName: spec.LaunchTemplateName }),
            Versions: [spec.Version || '$Default'],
        }));
        return LaunchTemplateVersions[0];
    }
    catch (error) {
        if ((0,errors/* isNotFound */.c4)(error))
            return undefined;
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/modes/cleanup/keepers/auto-scaling.ts
/**
 * Auto Scaling groups: the AMI of the launch template version a group launches (directly or through
 * a mixed instances policy and its overrides), or of its launch configuration.
 */




/** DescribeLaunchConfigurations takes at most 50 names per call. */
const CONFIGURATIONS_PER_CALL = 50;
const autoScalingKeeper = {
    name: 'Auto Scaling groups',
    async keep({ region, selected }) {
        const autoscaling = (0,clients.awsClient)(dist_cjs/* AutoScalingClient */.yis, region);
        const groups = [];
        for await (const page of (0,dist_cjs/* paginateDescribeAutoScalingGroups */.ZJr)({ client: autoscaling, pageSize: 100 }, {})) {
            groups.push(...(page.AutoScalingGroups ?? []));
        }
        const wanted = new Set(selected.map((image) => image.imageId));
        const reasons = new Map();
        const configurations = await launchConfigurationImages(autoscaling, groups);
        for (const group of groups) {
            const name = group.AutoScalingGroupName;
            for (const spec of templateSpecs(group)) {
                const version = await resolveTemplateSpec(region, spec);
                const image = version && (await imageOfVersion(region, version));
                if (!image || !wanted.has(image.imageId))
                    continue;
                const template = version.LaunchTemplateName ?? spec.LaunchTemplateName ?? spec.LaunchTemplateId;
                addReason(reasons, image.imageId, `Auto Scaling group ${name} uses it (launch template ${template} version ${version.VersionNumber}${image.via})`);
            }
            const configuration = group.LaunchConfigurationName;
            const imageId = configuration && configurations.get(configuration);
            if (imageId && wanted.has(imageId)) {
                addReason(reasons, imageId, `Auto Scaling group ${name} uses it (launch configuration ${configuration})`);
            }
        }
        return reasons;
    },
};
/** Every template reference of a group: its own, the mixed instances policy's and its overrides'. */
function templateSpecs(group) {
    const mixed = group.MixedInstancesPolicy?.LaunchTemplate;
    const specs = [
        group.LaunchTemplate,
        mixed?.LaunchTemplateSpecification,
        ...(mixed?.Overrides ?? []).map((o) => o.LaunchTemplateSpecification),
    ].filter((spec) => !!spec && !!(spec.LaunchTemplateId || spec.LaunchTemplateName));
    const seen = new Set();
    return specs.filter((spec) => {
        const key = `${spec.LaunchTemplateId ?? spec.LaunchTemplateName}@${spec.Version ?? ''}`;
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}
async function launchConfigurationImages(autoscaling, groups) {
    const names = [
        ...new Set(groups.flatMap((g) => (g.LaunchConfigurationName ? [g.LaunchConfigurationName] : []))),
    ];
    const images = new Map();
    for (let at = 0; at < names.length; at += CONFIGURATIONS_PER_CALL) {
        const pages = (0,dist_cjs/* paginateDescribeLaunchConfigurations */.JMU)({ client: autoscaling, pageSize: CONFIGURATIONS_PER_CALL }, { LaunchConfigurationNames: names.slice(at, at + CONFIGURATIONS_PER_CALL) });
        for await (const page of pages) {
            for (const c of page.LaunchConfigurations ?? []) {
                if (c.LaunchConfigurationName && c.ImageId)
                    images.set(c.LaunchConfigurationName, c.ImageId);
            }
        }
    }
    return images;
}

;// CONCATENATED MODULE: ./src/modes/cleanup/keepers/image-attributes.ts
/** What the AMI itself says: deregistration protection, public, shared with other accounts. */




/** Describes per AMI in flight at once in a region (EC2 throttles bursts of describes). */
const ATTRIBUTE_CONCURRENCY = 4;
const protectionKeeper = {
    name: 'deregistration protection',
    async keep({ selected }) {
        const reasons = new Map();
        for (const image of selected) {
            if (image.protection === 'disabled')
                continue;
            addReason(reasons, image.imageId, `deregistration protection is on (${image.protection}): turn it off with DisableImageDeregistrationProtection to let cleanup remove it`);
        }
        return reasons;
    },
};
const sharingKeeper = {
    name: 'shared',
    async keep({ region, selected, config }) {
        const reasons = new Map();
        if (config.includeShared)
            return reasons;
        const ec2 = (0,clients.awsClient)(client_ec2_dist_cjs.EC2Client, region);
        const shares = (0,fanout/* valuesOrThrow */.H)(await (0,fanout/* mapConcurrent */._)(selected, ATTRIBUTE_CONCURRENCY, async (image) => {
            const { LaunchPermissions = [] } = await ec2.send(new client_ec2_dist_cjs/* DescribeImageAttributeCommand */.OkE({ ImageId: image.imageId, Attribute: 'launchPermission' }));
            return LaunchPermissions.flatMap((p) => p.Group === 'all' ? [] : [p.UserId ?? p.OrganizationArn ?? p.OrganizationalUnitArn ?? '?']);
        }));
        selected.forEach((image, i) => {
            if (image.public)
                addReason(reasons, image.imageId, 'it is public (include-shared: true to remove it)');
            if (shares[i].length) {
                addReason(reasons, image.imageId, `shared with ${someOf(shares[i])} (include-shared: true to remove it)`);
            }
        });
        return reasons;
    },
};

;// CONCATENATED MODULE: ./src/modes/cleanup/keepers/instances.ts
/** Instances that run (or could start again) from an AMI: pending, running, stopping, stopped. */



/** EC2 takes up to 200 values per filter. */
const IDS_PER_CALL = 200;
const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped'];
const instancesKeeper = {
    name: 'instances',
    async keep({ region, selected }) {
        const users = new Map();
        const ids = selected.map((image) => image.imageId);
        for (let at = 0; at < ids.length; at += IDS_PER_CALL) {
            const pages = (0,client_ec2_dist_cjs/* paginateDescribeInstances */.H0T)({ client: (0,clients.awsClient)(client_ec2_dist_cjs.EC2Client, region), pageSize: 1000 }, {
                Filters: [
                    { Name: 'image-id', Values: ids.slice(at, at + IDS_PER_CALL) },
                    { Name: 'instance-state-name', Values: LIVE_STATES },
                ],
            });
            for await (const page of pages) {
                for (const instance of (page.Reservations ?? []).flatMap((r) => r.Instances ?? [])) {
                    const list = users.get(instance.ImageId ?? '') ?? [];
                    list.push(`${instance.InstanceId} (${instance.State?.Name})`);
                    users.set(instance.ImageId ?? '', list);
                }
            }
        }
        const reasons = new Map();
        for (const [imageId, instances] of users) {
            addReason(reasons, imageId, `used by instance${instances.length > 1 ? 's' : ''} ${someOf(instances)}`);
        }
        return reasons;
    },
};

// EXTERNAL MODULE: ./src/report/format.ts
var format = __webpack_require__(2011);
;// CONCATENATED MODULE: ./src/modes/cleanup/keepers/selection-rules.ts
/** Rules of the selection itself: only settled AMIs, old enough (or due by DeleteOn), keep-latest. */


const REMOVABLE_STATES = new Set(['available', 'failed', 'error', 'invalid', 'disabled']);
const DELETE_ON_TAG = 'DeleteOn';
const stateKeeper = {
    name: 'state',
    async keep({ selected }) {
        const reasons = new Map();
        for (const image of selected) {
            if (!REMOVABLE_STATES.has(image.state))
                addReason(reasons, image.imageId, `it is ${image.state}`);
        }
        return reasons;
    },
};
/** The `keep-latest` newest available AMIs of the selection, per region (a selection ami-id skips it). */
const keepLatestKeeper = {
    name: 'keep-latest',
    async keep({ selected, config }) {
        const reasons = new Map();
        if (config.amiId || config.keepLatest === 0)
            return reasons;
        const newest = selected
            .filter((image) => image.state === 'available')
            .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
            .slice(0, config.keepLatest);
        newest.forEach((image, i) => {
            addReason(reasons, image.imageId, `keep-latest: newest ${i + 1} of ${config.keepLatest} in the selection`);
        });
        return reasons;
    },
};
/**
 * Age: with `older-than`, younger AMIs stay; with `honor-delete-on`, an AMI tagged DeleteOn=<date>
 * is due once the date has passed (whatever its age) and stays before. With neither, age is no rule.
 */
const ageKeeper = {
    name: 'age',
    async keep({ selected, config, now }) {
        const reasons = new Map();
        if (config.amiId)
            return reasons;
        for (const image of selected) {
            const why = ageReason(image.createdAt, image.tags[DELETE_ON_TAG], config, now);
            if (why)
                addReason(reasons, image.imageId, why);
        }
        return reasons;
    },
};
function ageReason(createdAt, deleteOnTag, config, now) {
    const olderThan = config.olderThan;
    const ageSeconds = (now.getTime() - createdAt.getTime()) / 1000;
    const oldEnough = olderThan !== undefined && ageSeconds >= olderThan;
    if (config.honorDeleteOn && deleteOnTag !== undefined) {
        const deleteOn = parseDeleteOn(deleteOnTag);
        if (!deleteOn)
            return `its ${DELETE_ON_TAG} tag "${deleteOnTag}" is not a date (use YYYY-MM-DD or ISO 8601)`;
        if (deleteOn.getTime() <= now.getTime())
            return undefined;
        return `${DELETE_ON_TAG} ${deleteOnTag} not reached`;
    }
    if (olderThan === undefined) {
        return config.honorDeleteOn ? `no ${DELETE_ON_TAG} tag (and no older-than)` : undefined;
    }
    return oldEnough ? undefined : `younger than older-than (${formatAge(olderThan)})`;
}
function parseDeleteOn(text) {
    if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim()))
        return undefined;
    const date = new Date(text.trim());
    return Number.isNaN(date.getTime()) ? undefined : date;
}
/** Ages read best in days: `30d` rather than `720h`. */
function formatAge(seconds) {
    return seconds >= 86400 && seconds % 86400 === 0 ? `${seconds / 86400}d` : (0,format/* formatSeconds */.X)(seconds);
}

;// CONCATENATED MODULE: ./src/modes/cleanup/keepers/ssm-parameters.ts
/**
 * SSM parameters that name an AMI: every `aws:ec2:image` parameter of the region (what publish
 * writes, and what others write for the same purpose) plus the `ssm-parameters` input's names (for
 * plain text parameters). The current value and every version SSM keeps in the history count: a
 * rollback may read an older version (`/app/ami:3`) or a label.
 */





const HISTORY_CONCURRENCY = 4;
const ssmParametersKeeper = {
    name: 'SSM parameters',
    async keep({ region, selected, config }) {
        const ssm = (0,clients.awsClient)(client_ssm_dist_cjs/* SSMClient */.jBj, region);
        const names = new Set(await imageParameterNames(ssm));
        for (const name of config.ssmParameters)
            names.add(name);
        const histories = (0,fanout/* valuesOrThrow */.H)(await (0,fanout/* mapConcurrent */._)([...names], HISTORY_CONCURRENCY, (name) => ssm_parameters_history(ssm, name)));
        const wanted = new Set(selected.map((image) => image.imageId));
        const reasons = new Map();
        [...names].forEach((name, i) => {
            const versions = histories[i];
            const current = versions.at(-1);
            for (const v of versions) {
                if (!wanted.has(v.value))
                    continue;
                const labels = v.labels.length ? `, labels ${v.labels.join(', ')}` : '';
                const where = v === current
                    ? `SSM parameter ${name} holds it now (version ${v.version}${labels})`
                    : `SSM parameter ${name} keeps it in its history (version ${v.version}${labels})`;
                addReason(reasons, v.value, where);
            }
        });
        return reasons;
    },
};
async function imageParameterNames(ssm) {
    const names = [];
    const pages = (0,client_ssm_dist_cjs/* paginateDescribeParameters */.d8_)({ client: ssm, pageSize: 50 }, { ParameterFilters: [{ Key: 'DataType', Option: 'Equals', Values: ['aws:ec2:image'] }] });
    for await (const page of pages)
        for (const p of page.Parameters ?? [])
            if (p.Name)
                names.push(p.Name);
    return names;
}
/** Oldest first, as SSM returns them. A parameter named in the input may not exist in every region. */
async function ssm_parameters_history(ssm, name) {
    const versions = [];
    try {
        for await (const page of (0,client_ssm_dist_cjs/* paginateGetParameterHistory */.b7d)({ client: ssm, pageSize: 50 }, { Name: name })) {
            for (const p of page.Parameters ?? []) {
                versions.push({ value: (p.Value ?? '').trim(), version: p.Version ?? 0, labels: p.Labels ?? [] });
            }
        }
    }
    catch (error) {
        if ((0,errors/* isNotFound */.c4)(error))
            return [];
        throw error;
    }
    return versions;
}

;// CONCATENATED MODULE: ./src/modes/cleanup/keepers/index.ts
/** The keepers, in the order their reasons are listed. Each may call AWS; together they run concurrently. */






const KEEPERS = [
    stateKeeper,
    instancesKeeper,
    autoScalingKeeper,
    launchTemplatesKeeper,
    ssmParametersKeeper,
    keepLatestKeeper,
    protectionKeeper,
    sharingKeeper,
    ageKeeper,
];
/** Image id -> every reason to keep it, in keeper order. */
async function reasonsToKeep(input, keepers = KEEPERS) {
    if (input.selected.length === 0)
        return new Map();
    const found = await Promise.all(keepers.map((keeper) => keeper.keep(input)));
    const all = new Map();
    for (const reasons of found) {
        for (const [imageId, list] of reasons)
            all.set(imageId, [...(all.get(imageId) ?? []), ...list]);
    }
    return all;
}

;// CONCATENATED MODULE: ./src/modes/cleanup/orphans.ts
/**
 * Snapshots this action made (tagged `ami-action:*`) whose AMI is gone, e.g. left by a deregistration
 * without its snapshots. Only completed snapshots count, and images are read after the snapshots:
 * an AMI still being made references its snapshots before they complete, so it cannot be missed.
 */


const ACTION_TAGS = 'ami-action:*';
const AMI_IN_DESCRIPTION = /\b(ami-[0-9a-f]{8,17})\b/;
/** EC2 takes up to 200 values per filter. */
const VALUES_PER_FILTER = 200;
async function findOrphanSnapshots(region) {
    const ec2 = (0,clients.awsClient)(client_ec2_dist_cjs.EC2Client, region);
    const candidates = [];
    const pages = (0,client_ec2_dist_cjs/* paginateDescribeSnapshots */.CdA)({ client: ec2, pageSize: 1000 }, {
        OwnerIds: ['self'],
        Filters: [
            { Name: 'tag-key', Values: [ACTION_TAGS] },
            { Name: 'status', Values: ['completed'] },
        ],
    });
    for await (const page of pages) {
        for (const snapshot of page.Snapshots ?? []) {
            const imageId = AMI_IN_DESCRIPTION.exec(snapshot.Description ?? '')?.[1];
            if (imageId)
                candidates.push({ snapshot, imageId });
        }
    }
    if (candidates.length === 0)
        return [];
    const referenced = await imagesMatching(ec2, 'block-device-mapping.snapshot-id', candidates.map((c) => c.snapshot.SnapshotId ?? ''));
    const existing = await imagesMatching(ec2, 'image-id', candidates.map((c) => c.imageId));
    return candidates
        .filter((c) => !referenced.snapshots.has(c.snapshot.SnapshotId ?? '') && !existing.images.has(c.imageId))
        .map((c) => ({
        region,
        snapshotId: c.snapshot.SnapshotId ?? '',
        gib: c.snapshot.VolumeSize ?? 0,
        imageId: c.imageId,
    }));
}
/** The account's images matching one filter (in batches), and the snapshots they use. */
async function imagesMatching(ec2, name, values) {
    const images = new Set();
    const snapshots = new Set();
    const unique = [...new Set(values)];
    for (let at = 0; at < unique.length; at += VALUES_PER_FILTER) {
        const filters = [{ Name: name, Values: unique.slice(at, at + VALUES_PER_FILTER) }];
        const pages = (0,client_ec2_dist_cjs/* paginateDescribeImages */.XiR)({ client: ec2, pageSize: 1000 }, { Owners: ['self'], IncludeDeprecated: true, IncludeDisabled: true, Filters: filters });
        for await (const page of pages) {
            for (const image of page.Images ?? []) {
                images.add(image.ImageId ?? '');
                for (const m of image.BlockDeviceMappings ?? [])
                    if (m.Ebs?.SnapshotId)
                        snapshots.add(m.Ebs.SnapshotId);
            }
        }
    }
    return { images, snapshots };
}

;// CONCATENATED MODULE: ./src/modes/cleanup/plan.ts
function planRegion(images, reasons, orphans) {
    const keep = [];
    const removeImages = images.selected.filter((image) => {
        const why = reasons.get(image.imageId);
        if (why?.length)
            keep.push({ image, reasons: why });
        return !why?.length;
    });
    const removed = new Set(removeImages.map((image) => image.imageId));
    // Snapshot -> an AMI that stays and uses it.
    const stillUsed = new Map();
    for (const image of images.all) {
        if (removed.has(image.imageId))
            continue;
        for (const s of image.snapshots)
            stillUsed.set(s.snapshotId, image.imageId);
    }
    // A snapshot two removed AMIs share goes once, with the first.
    const claimed = new Set();
    const remove = removeImages.map((image) => {
        const snapshots = image.snapshots.filter((s) => !stillUsed.has(s.snapshotId) && !claimed.has(s.snapshotId));
        for (const s of snapshots)
            claimed.add(s.snapshotId);
        const sharedSnapshots = image.snapshots
            .filter((s) => stillUsed.has(s.snapshotId))
            .map((s) => `${s.snapshotId} (used by ${stillUsed.get(s.snapshotId)})`);
        return { image, snapshots, sharedSnapshots };
    });
    return { region: images.region, remove, keep, orphans };
}
function gibOf(plan) {
    const removals = plan.remove.flatMap((r) => r.snapshots).reduce((sum, s) => sum + s.gib, 0);
    return removals + plan.orphans.reduce((sum, s) => sum + s.gib, 0);
}

;// CONCATENATED MODULE: ./src/modes/cleanup/remove.ts
/**
 * Carries out a region's plan: deregisters each AMI with its snapshots (DeleteAssociatedSnapshots,
 * which skips a snapshot another image uses), then deletes what that left of the planned snapshots
 * (two removed AMIs sharing one, or an API without the flag) and the orphans.
 */






/** Mutating calls in flight at once per region (EC2 rate-limits them per account and region). */
const REMOVE_CONCURRENCY = 4;
async function carryOut(plan) {
    const ec2 = (0,clients.awsClient)(client_ec2_dist_cjs.EC2Client, plan.region);
    const outcome = {
        region: plan.region,
        deregistered: new Set(),
        deletedSnapshots: new Set(),
        leftSnapshots: new Map(),
        failures: [],
    };
    await (0,fanout/* mapConcurrent */._)(plan.remove, REMOVE_CONCURRENCY, async ({ image }) => {
        // Cancelled: start nothing new; what was done is still reported, then the step fails.
        if (cancel/* cancellation */.WN.aborted)
            return;
        try {
            const result = await ec2.send(new client_ec2_dist_cjs/* DeregisterImageCommand */.x2c({ ImageId: image.imageId, DeleteAssociatedSnapshots: true }));
            outcome.deregistered.add(image.imageId);
            for (const r of result.DeleteSnapshotResults ?? []) {
                if (r.SnapshotId && r.ReturnCode === 'success')
                    outcome.deletedSnapshots.add(r.SnapshotId);
            }
            core/* info */.pq(`Deregistered ${image.imageId} (${image.name}) in ${plan.region}`);
        }
        catch (error) {
            if ((0,errors/* isNotFound */.c4)(error))
                outcome.deregistered.add(image.imageId);
            else
                outcome.failures.push(`${image.imageId}: ${await (0,errors/* explainError */.UW)(error)}`);
        }
    });
    const leftOver = [
        ...plan.remove.filter((r) => outcome.deregistered.has(r.image.imageId)).flatMap((r) => r.snapshots),
        ...plan.orphans,
    ].filter((s) => !outcome.deletedSnapshots.has(s.snapshotId));
    await (0,fanout/* mapConcurrent */._)(leftOver, REMOVE_CONCURRENCY, async ({ snapshotId }) => {
        if (cancel/* cancellation */.WN.aborted)
            return;
        try {
            await ec2.send(new client_ec2_dist_cjs/* DeleteSnapshotCommand */.tZN({ SnapshotId: snapshotId }));
            outcome.deletedSnapshots.add(snapshotId);
        }
        catch (error) {
            if ((0,errors/* isNotFound */.c4)(error))
                outcome.deletedSnapshots.add(snapshotId);
            else if ((0,errors/* errorCode */.CA)(error) === 'InvalidSnapshot.InUse') {
                outcome.leftSnapshots.set(snapshotId, 'still in use (by an image or a new volume)');
            }
            else
                outcome.failures.push(`${snapshotId}: ${await (0,errors/* explainError */.UW)(error)}`);
        }
    });
    return outcome;
}

// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(7994);
;// CONCATENATED MODULE: ./src/modes/cleanup/report.ts
/** Outputs (`removed`, `kept`, `removed-snapshots`, `gib-freed`) and the job summary, per region. */



const day = (date) => date.toISOString().slice(0, 10);
/** With an outcome, what was done; without (dry-run), what the plan would do. */
function reportPlans(plans, outcomes) {
    const removed = plans.flatMap((plan) => {
        const outcome = outcomes?.get(plan.region);
        return plan.remove
            .filter((r) => !outcome || outcome.deregistered.has(r.image.imageId))
            .map((r) => ({
            region: plan.region,
            imageId: r.image.imageId,
            name: r.image.name,
            created: r.image.createdAt.toISOString(),
            snapshots: r.snapshots
                .filter((s) => !outcome || outcome.deletedSnapshots.has(s.snapshotId))
                .map((s) => s.snapshotId),
            gib: r.snapshots
                .filter((s) => !outcome || outcome.deletedSnapshots.has(s.snapshotId))
                .reduce((sum, s) => sum + s.gib, 0),
        }));
    });
    const kept = plans.flatMap((plan) => plan.keep.map((k) => ({
        region: plan.region,
        imageId: k.image.imageId,
        name: k.image.name,
        reasons: k.reasons,
    })));
    const orphans = plans.flatMap((plan) => {
        const outcome = outcomes?.get(plan.region);
        return plan.orphans
            .filter((s) => !outcome || outcome.deletedSnapshots.has(s.snapshotId))
            .map((s) => ({ region: plan.region, snapshotId: s.snapshotId, imageId: s.imageId, gib: s.gib }));
    });
    const gib = removed.reduce((sum, r) => sum + r.gib, 0) + orphans.reduce((sum, s) => sum + s.gib, 0);
    core/* setOutput */.uH('removed', JSON.stringify(removed));
    core/* setOutput */.uH('kept', JSON.stringify(kept));
    core/* setOutput */.uH('removed-snapshots', JSON.stringify(orphans));
    core/* setOutput */.uH('gib-freed', String(gib));
    for (const plan of plans)
        summarizeRegion(plan, outcomes?.get(plan.region));
}
function summarizeRegion(plan, outcome) {
    const dryRun = !outcome;
    const gib = dryRun
        ? gibOf(plan)
        : [...plan.remove.flatMap((r) => r.snapshots), ...plan.orphans]
            .filter((s) => outcome.deletedSnapshots.has(s.snapshotId))
            .reduce((sum, s) => sum + s.gib, 0);
    const removedCount = dryRun
        ? plan.remove.length
        : plan.remove.filter((r) => outcome.deregistered.has(r.image.imageId)).length;
    const verb = dryRun ? 'would remove' : 'removed';
    (0,summary/* summaryTable */.j)(`Cleanup in ${plan.region}${dryRun ? ' (dry-run: nothing changed)' : ''}: ${verb} ${removedCount}, kept ${plan.keep.length}, ${gib} GiB of snapshots ${dryRun ? 'to free' : 'freed'}`, ['AMI', 'name', 'created', 'action', 'why / snapshots'], [
        ...plan.remove.map((r) => [
            r.image.imageId,
            r.image.name,
            day(r.image.createdAt),
            dryRun ? 'would remove' : outcome.deregistered.has(r.image.imageId) ? 'removed' : 'FAILED',
            [
                r.snapshots.map((s) => `${s.snapshotId} (${s.gib} GiB)`).join(', ') || 'no snapshots of its own',
                ...r.sharedSnapshots.map((s) => `kept ${s}`),
            ].join('; '),
        ]),
        ...plan.keep.map((k) => [
            k.image.imageId,
            k.image.name,
            day(k.image.createdAt),
            'kept',
            k.reasons.join('; '),
        ]),
        ...plan.orphans.map((s) => [
            s.snapshotId,
            `orphan snapshot of ${s.imageId}`,
            '',
            dryRun ? 'would delete' : outcome.deletedSnapshots.has(s.snapshotId) ? 'deleted' : 'FAILED',
            `${s.gib} GiB`,
        ]),
    ]);
    for (const [snapshotId, why] of outcome?.leftSnapshots ?? [])
        (0,summary/* summaryLine */.d)(`Left ${snapshotId}: ${why}.`);
}
/** The plan, in the log: one line per AMI. */
function logPlan(plan, dryRun) {
    const verb = dryRun ? 'would remove' : 'remove';
    for (const r of plan.remove) {
        const snaps = r.snapshots.map((s) => `${s.snapshotId} ${s.gib} GiB`).join(', ');
        core/* info */.pq(`${plan.region} ${r.image.imageId} (${r.image.name}): ${verb}${snaps ? `, with ${snaps}` : ''}`);
    }
    for (const k of plan.keep)
        core/* info */.pq(`${plan.region} ${k.image.imageId} (${k.image.name}): keep: ${k.reasons.join('; ')}`);
    for (const s of plan.orphans) {
        core/* info */.pq(`${plan.region} ${s.snapshotId}: ${verb} orphan snapshot (${s.gib} GiB) of ${s.imageId}, which is gone`);
    }
}

// EXTERNAL MODULE: ./src/tags.ts
var tags = __webpack_require__(9506);
;// CONCATENATED MODULE: ./src/modes/cleanup/select.ts
/** Reads the account's AMIs of a region and picks the ones the inputs select. */




async function readRegionImages(region, config) {
    const all = await describeOwnImages(region, []);
    const filters = selectionFilters(config);
    const selectedIds = new Set((await describeOwnImages(region, filters)).map((image) => image.imageId));
    const selected = all.filter((image) => selectedIds.has(image.imageId));
    if (config.amiId && selected.length === 0) {
        // A re-run after a removal finds it gone: nothing left to do, but say so in case of a typo.
        core/* warning */.$e(`AMI ${config.amiId} is not an AMI of this account in ${region} (already removed?): nothing to do.`);
    }
    return { region, all, selected };
}
/** EC2 filters for the selection; `name` takes wildcards, so a prefix is `<prefix>*`. */
function selectionFilters(config) {
    if (config.amiId)
        return [{ Name: 'image-id', Values: [config.amiId] }];
    const filters = [];
    if (config.namePrefix)
        filters.push({ Name: 'name', Values: [`${config.namePrefix}*`] });
    for (const [key, value] of config.filterTags)
        filters.push({ Name: `tag:${key}`, Values: [value] });
    return filters;
}
async function describeOwnImages(region, filters) {
    const images = [];
    const pages = (0,client_ec2_dist_cjs/* paginateDescribeImages */.XiR)({ client: (0,clients.awsClient)(client_ec2_dist_cjs.EC2Client, region), pageSize: 1000 }, {
        Owners: ['self'],
        IncludeDeprecated: true,
        IncludeDisabled: true,
        ...(filters.length ? { Filters: filters } : {}),
    });
    for await (const page of pages) {
        for (const image of page.Images ?? [])
            images.push(toOwnImage(region, image));
    }
    return images;
}
function toOwnImage(region, image) {
    return {
        region,
        imageId: image.ImageId ?? '',
        name: image.Name ?? '',
        createdAt: new Date(image.CreationDate ?? 0),
        state: image.State ?? 'unknown',
        tags: (0,tags/* fromTagList */.Bz)(image.Tags),
        public: image.Public ?? false,
        protection: image.DeregistrationProtection ?? 'disabled',
        snapshots: (image.BlockDeviceMappings ?? []).flatMap((mapping) => mapping.Ebs?.SnapshotId
            ? [{ snapshotId: mapping.Ebs.SnapshotId, gib: mapping.Ebs.VolumeSize ?? 0 }]
            : []),
    };
}

;// CONCATENATED MODULE: ./src/modes/cleanup/index.ts
/**
 * mode: cleanup — retire old AMIs and their snapshots, never one still in use or needed for a
 * rollback. Plan per region (concurrently), print it, and only with dry-run: false carry it out.
 */










/** Regions worked on at once; each region bounds its own calls further. */
const REGION_CONCURRENCY = 4;
async function run(config, _context) {
    const regions = config.regions.length ? config.regions : [config.region];
    const plans = await (0,timeline/* phase */.O)('Plan', async () => (0,fanout/* valuesOrThrow */.H)(await (0,fanout/* mapConcurrent */._)(regions, REGION_CONCURRENCY, (region) => planFor(region, config))));
    for (const plan of plans)
        logPlan(plan, config.dryRun);
    warnIfNamedAmiStays(config, plans);
    if (config.dryRun) {
        core/* info */.pq('dry-run: nothing was removed. Set dry-run: false to carry out this plan.');
        reportPlans(plans);
        return;
    }
    const outcomes = await (0,timeline/* phase */.O)('Remove', async () => (0,fanout/* valuesOrThrow */.H)(await (0,fanout/* mapConcurrent */._)(plans, REGION_CONCURRENCY, carryOut)));
    reportPlans(plans, new Map(outcomes.map((o) => [o.region, o])));
    (0,cancel/* throwIfCancelled */.dZ)();
    const failures = outcomes.flatMap((o) => o.failures.map((f) => `${o.region} ${f}`));
    if (failures.length)
        throw new Error(`Cleanup could not remove everything:\n${failures.join('\n')}`);
}
/** ami-id asks for one AMI to go: when it must stay, say so loudly rather than only in the plan. */
function warnIfNamedAmiStays(config, plans) {
    const kept = plans.flatMap((plan) => plan.keep).find((k) => k.image.imageId === config.amiId);
    if (kept)
        core/* warning */.$e(`${config.amiId} is not removed: ${kept.reasons.join('; ')}.`);
}
async function planFor(region, config) {
    const orphans = config.orphanSnapshots ? await findOrphanSnapshots(region) : [];
    const images = await readRegionImages(region, config);
    const reasons = await reasonsToKeep({ region, selected: images.selected, config, now: new Date() });
    return planRegion(images, reasons, orphans);
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
