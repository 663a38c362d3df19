export const id = 567;
export const ids = [567];
export const modules = {

/***/ 7567:
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
// EXTERNAL MODULE: ./src/report/timeline.ts
var timeline = __webpack_require__(1935);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-elastic-load-balancing-v2/dist-cjs/index.js
var dist_cjs = __webpack_require__(586);
// EXTERNAL MODULE: ./src/aws/clients.ts + 1 modules
var clients = __webpack_require__(6076);
// EXTERNAL MODULE: ./src/cancel.ts
var cancel = __webpack_require__(833);
// EXTERNAL MODULE: ./src/context.ts
var src_context = __webpack_require__(788);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(5468);
// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(7994);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-auto-scaling/dist-cjs/index.js
var client_auto_scaling_dist_cjs = __webpack_require__(8932);
// EXTERNAL MODULE: ./src/tags.ts
var tags = __webpack_require__(9506);
// EXTERNAL MODULE: ./src/modes/deploy/groups.ts
var groups = __webpack_require__(8228);
;// CONCATENATED MODULE: ./src/modes/deploy/blue-green/tags.ts
/** Tags blue-green keeps on its groups (beside the shared ones in src/tags.ts). */
const BG_TAG = {
    /** On the live group while a deploy runs: `<run> <ISO time>`. */
    lock: 'ami-action:deploy-lock',
    /** On the group that serves: `true`. How the next deploy finds the live colour. */
    serving: 'ami-action:serving',
    /** blue | green, or the group's own name when it is not one of the two colours. */
    colour: 'ami-action:colour',
    /** The AMI the group was created with. */
    ami: 'ami-action:ami',
    /** On an old group kept scaled to zero (keep-old): until when (ISO time). */
    keepUntil: 'ami-action:keep-until',
};
/** Tags a new group must not inherit from the group it copies. */
const NOT_INHERITED = new Set([BG_TAG.lock, BG_TAG.serving, BG_TAG.keepUntil]);

;// CONCATENATED MODULE: ./src/modes/deploy/blue-green/colours.ts
/**
 * Which group serves now and which one the deploy goes into. With `green-asg` the two groups are the
 * user's (`asg` and `green-asg`); otherwise they are `<base>-blue` and `<base>-green`, where `<base>`
 * is `asg` without a colour suffix. The serving group is the one tagged `ami-action:serving=true`,
 * else the `asg` group itself (the first deploy).
 */





const COLOUR = /-(blue|green)$/;
function colourOf(name) {
    return COLOUR.exec(name)?.[1];
}
async function findColours(region, asg, greenAsg) {
    const base = asg.replace(COLOUR, '');
    const names = greenAsg ? [asg, greenAsg] : [...new Set([asg, `${base}-blue`, `${base}-green`])];
    const out = await (0,clients.awsClient)(client_auto_scaling_dist_cjs/* AutoScalingClient */.yis, region).send(new client_auto_scaling_dist_cjs/* DescribeAutoScalingGroupsCommand */.NkQ({ AutoScalingGroupNames: names }));
    const found = new Map((out.AutoScalingGroups ?? []).map((g) => [g.AutoScalingGroupName, g]));
    const serving = names
        .map((n) => found.get(n))
        .filter((g) => !!g && (0,tags/* fromTagList */.Bz)(g.Tags)[BG_TAG.serving] === 'true');
    if (serving.length > 1) {
        throw new groups/* DeployError */.sH(`Groups ${serving.map((g) => `'${g.AutoScalingGroupName}'`).join(' and ')} are both tagged ${BG_TAG.serving}=true in ${region}: ` +
            `remove the tag from the one that does not serve. Nothing was changed.`);
    }
    const live = serving[0] ?? found.get(asg);
    if (!live) {
        throw new groups/* DeployError */.sH(`Auto Scaling group '${asg}' was not found in ${region}${greenAsg ? '' : `, nor '${base}-blue' or '${base}-green' tagged ${BG_TAG.serving}=true`}. ` +
            'Check the asg input and region.');
    }
    const liveName = live.AutoScalingGroupName;
    let idleName;
    if (greenAsg)
        idleName = liveName === asg ? greenAsg : asg;
    else
        idleName = colourOf(liveName) === 'green' ? `${base}-blue` : `${base}-green`;
    return {
        live,
        idleName,
        idle: found.get(idleName),
        idleColour: colourOf(idleName) ?? idleName,
        userManaged: !!greenAsg,
        others: [...found.values()].filter((g) => g !== live && g.AutoScalingGroupName !== idleName),
    };
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-cjs/index.js
var client_ec2_dist_cjs = __webpack_require__(5193);
// EXTERNAL MODULE: ./src/aws/tokens.ts
var tokens = __webpack_require__(1831);
// EXTERNAL MODULE: ./src/modes/deploy/history.ts
var deploy_history = __webpack_require__(9270);
;// CONCATENATED MODULE: ./src/modes/deploy/blue-green/green.ts
/**
 * The idle group, made to be what the live group is but with the new AMI: a new numbered version
 * of the live group's launch template, and the live group's sizes, subnets, health checks, warm-up,
 * termination policies, capacity rebalance, tags, target groups, lifecycle hooks, scaling policies
 * and metrics collection. Created, or (when it exists and is empty) updated in place.
 */









async function createTemplateVersion(plan, context) {
    const { live } = plan;
    const run = context.runUrl ? ` (${context.runUrl})` : '';
    const out = await (0,clients.awsClient)(client_ec2_dist_cjs.EC2Client, live.region).send(new client_ec2_dist_cjs/* CreateLaunchTemplateVersionCommand */.B_$({
        LaunchTemplateId: live.templateId,
        SourceVersion: String(live.version),
        VersionDescription: (0,deploy_history/* describeDeploy */.ze)(plan.ami, live.ami, live.version, run),
        LaunchTemplateData: { ImageId: plan.ami },
        ClientToken: (0,tokens/* clientToken */.$)(context, [
            'blue-green',
            live.region,
            plan.name,
            String(live.version),
            plan.ami,
        ]),
    }));
    return out.LaunchTemplateVersion.VersionNumber;
}
function launchSpec(live, version) {
    const spec = { LaunchTemplateId: live.templateId, Version: String(version) };
    if (!live.mixed)
        return { LaunchTemplate: spec };
    const policy = structuredClone(live.group.MixedInstancesPolicy);
    policy.LaunchTemplate = { ...policy.LaunchTemplate, LaunchTemplateSpecification: spec };
    return { MixedInstancesPolicy: policy };
}
function greenTags(plan, context) {
    const inherited = (plan.live.group.Tags ?? []).filter((t) => t.Key && !t.Key.startsWith('aws:') && !NOT_INHERITED.has(t.Key));
    const own = {
        [BG_TAG.colour]: plan.colour,
        [BG_TAG.ami]: plan.ami,
        [tags/* TAG */.Dk.runId]: (0,src_context/* runTag */.e)(context),
        ...(context.runUrl ? { [tags/* TAG */.Dk.runUrl]: context.runUrl } : {}),
    };
    return [
        ...inherited
            .filter((t) => !(t.Key in own))
            .map((t) => ({ Key: t.Key, Value: t.Value ?? '', PropagateAtLaunch: !!t.PropagateAtLaunch })),
        ...Object.entries(own).map(([Key, Value]) => ({ Key, Value, PropagateAtLaunch: false })),
    ];
}
/** Settings the idle group takes from the live one (for create and update alike). */
function copiedSettings(live) {
    return {
        MinSize: live.MinSize,
        MaxSize: live.MaxSize,
        DesiredCapacity: live.DesiredCapacity,
        VPCZoneIdentifier: live.VPCZoneIdentifier,
        HealthCheckType: live.HealthCheckType,
        HealthCheckGracePeriod: live.HealthCheckGracePeriod,
        DefaultInstanceWarmup: live.DefaultInstanceWarmup,
        DefaultCooldown: live.DefaultCooldown,
        TerminationPolicies: live.TerminationPolicies,
        CapacityRebalance: live.CapacityRebalance,
        NewInstancesProtectedFromScaleIn: live.NewInstancesProtectedFromScaleIn,
        MaxInstanceLifetime: live.MaxInstanceLifetime,
        // The default role needs no iam:PassRole; a custom one is passed on.
        ServiceLinkedRoleARN: live.ServiceLinkedRoleARN?.endsWith('/AWSServiceRoleForAutoScaling')
            ? undefined
            : live.ServiceLinkedRoleARN,
    };
}
async function lifecycleHooks(live) {
    const out = await (0,clients.awsClient)(client_auto_scaling_dist_cjs/* AutoScalingClient */.yis, live.region).send(new client_auto_scaling_dist_cjs/* DescribeLifecycleHooksCommand */.TnH({ AutoScalingGroupName: live.name }));
    return (out.LifecycleHooks ?? []).map((h) => ({
        LifecycleHookName: h.LifecycleHookName,
        LifecycleTransition: h.LifecycleTransition,
        NotificationMetadata: h.NotificationMetadata,
        HeartbeatTimeout: h.HeartbeatTimeout,
        DefaultResult: h.DefaultResult,
        NotificationTargetARN: h.NotificationTargetARN,
        RoleARN: h.RoleARN,
    }));
}
async function copyScalingPolicies(live, name) {
    const out = await (0,clients.awsClient)(client_auto_scaling_dist_cjs/* AutoScalingClient */.yis, live.region).send(new client_auto_scaling_dist_cjs/* DescribePoliciesCommand */.d5V({ AutoScalingGroupName: live.name }));
    const policies = out.ScalingPolicies ?? [];
    for (const p of policies) {
        await (0,clients.awsClient)(client_auto_scaling_dist_cjs/* AutoScalingClient */.yis, live.region).send(new client_auto_scaling_dist_cjs/* PutScalingPolicyCommand */.OJS({
            AutoScalingGroupName: name,
            PolicyName: p.PolicyName,
            PolicyType: p.PolicyType,
            AdjustmentType: p.AdjustmentType,
            MinAdjustmentMagnitude: p.MinAdjustmentMagnitude,
            ScalingAdjustment: p.ScalingAdjustment,
            Cooldown: p.Cooldown,
            MetricAggregationType: p.MetricAggregationType,
            StepAdjustments: p.StepAdjustments,
            EstimatedInstanceWarmup: p.EstimatedInstanceWarmup,
            TargetTrackingConfiguration: p.TargetTrackingConfiguration,
            PredictiveScalingConfiguration: p.PredictiveScalingConfiguration,
            Enabled: p.Enabled,
        }));
    }
    return policies.length;
}
/** Refuses an idle group that is not idle: deploying into it would mix AMIs and serve twice. */
function checkIdle(name, region, existing) {
    const running = (existing?.Instances ?? []).filter((i) => i.LifecycleState !== 'Terminating');
    if (running.length) {
        throw new groups/* DeployError */.sH(`Group '${name}' (${region}), the one to deploy into, is not idle: it has ${running.length} instance(s). ` +
            'Nothing was changed. Scale it to zero first (it must not serve while the other group does).');
    }
}
/** Creates (or fills) the idle group; returns the launch template version it launches. */
async function prepareGreen(plan, context) {
    const { live } = plan;
    const client = (0,clients.awsClient)(client_auto_scaling_dist_cjs/* AutoScalingClient */.yis, live.region);
    const version = await createTemplateVersion(plan, context);
    const settings = { ...copiedSettings(live.group), ...launchSpec(live, version) };
    if (plan.existing) {
        await client.send(new client_auto_scaling_dist_cjs/* UpdateAutoScalingGroupCommand */.Idg({ AutoScalingGroupName: plan.name, ...settings }));
        await client.send(new client_auto_scaling_dist_cjs/* CreateOrUpdateTagsCommand */.vLq({
            Tags: greenTags(plan, context).map((t) => ({
                ...t,
                ResourceId: plan.name,
                ResourceType: 'auto-scaling-group',
            })),
        }));
        await client.send(new client_auto_scaling_dist_cjs/* DeleteTagsCommand */.MVD({
            Tags: [{ ResourceId: plan.name, ResourceType: 'auto-scaling-group', Key: BG_TAG.keepUntil }],
        }));
        if (plan.targetGroupArns.length) {
            await client.send(new client_auto_scaling_dist_cjs/* AttachLoadBalancerTargetGroupsCommand */.EdW({
                AutoScalingGroupName: plan.name,
                TargetGroupARNs: plan.targetGroupArns,
            }));
        }
    }
    else {
        await client.send(new client_auto_scaling_dist_cjs/* CreateAutoScalingGroupCommand */.VrW({
            AutoScalingGroupName: plan.name,
            ...settings,
            TargetGroupARNs: plan.targetGroupArns,
            Tags: greenTags(plan, context).map((t) => ({
                ...t,
                ResourceId: plan.name,
                ResourceType: 'auto-scaling-group',
            })),
            LifecycleHookSpecificationList: await lifecycleHooks(live),
        }));
    }
    await copyScalingPolicies(live, plan.name);
    const metrics = live.group.EnabledMetrics ?? [];
    if (metrics.length) {
        await client.send(new client_auto_scaling_dist_cjs/* EnableMetricsCollectionCommand */.yeO({
            AutoScalingGroupName: plan.name,
            Metrics: metrics.map((m) => m.Metric),
            Granularity: metrics[0].Granularity ?? '1Minute',
        }));
    }
    return version;
}
/** After a bad signal: the idle group goes back to idle (deleted when this deploy created it). */
async function discardGreen(plan, created) {
    const client = (0,clients.awsClient)(client_auto_scaling_dist_cjs/* AutoScalingClient */.yis, plan.live.region);
    if (created) {
        await client.send(new client_auto_scaling_dist_cjs/* DeleteAutoScalingGroupCommand */.cUH({ AutoScalingGroupName: plan.name, ForceDelete: true }));
        return `group '${plan.name}' deleted`;
    }
    if (plan.targetGroupArns.length) {
        await client.send(new client_auto_scaling_dist_cjs/* DetachLoadBalancerTargetGroupsCommand */.qrk({
            AutoScalingGroupName: plan.name,
            TargetGroupARNs: plan.targetGroupArns,
        }));
    }
    await client.send(new client_auto_scaling_dist_cjs/* UpdateAutoScalingGroupCommand */.Idg({ AutoScalingGroupName: plan.name, MinSize: 0, DesiredCapacity: 0 }));
    return `group '${plan.name}' detached and scaled to zero`;
}

// EXTERNAL MODULE: ./src/aws/wait.ts
var wait = __webpack_require__(6308);
;// CONCATENATED MODULE: ./src/modes/deploy/blue-green/lock.ts
/**
 * The deploy lock: tag `ami-action:deploy-lock` (`<run> <time>`) on the live group while a deploy
 * runs. Taken after checking nobody holds it, then read back (last writer wins, so of two deploys
 * racing, the one that reads its own value goes on). Saved for the post step, which removes it
 * when the main step could not.
 */






const LOCK_STATE = 'blue-green-lock';
function lockTag(group, value) {
    return {
        ResourceId: group,
        ResourceType: 'auto-scaling-group',
        Key: BG_TAG.lock,
        Value: value,
        PropagateAtLaunch: false,
    };
}
async function lockValue(region, group) {
    const out = await (0,clients.awsClient)(client_auto_scaling_dist_cjs/* AutoScalingClient */.yis, region).send(new client_auto_scaling_dist_cjs/* DescribeTagsCommand */.yRM({
        Filters: [
            { Name: 'auto-scaling-group', Values: [group] },
            { Name: 'key', Values: [BG_TAG.lock] },
        ],
    }));
    return out.Tags?.[0]?.Value;
}
class LockHeld extends groups/* DeployError */.sH {
}
function heldMessage(group, region, held) {
    const [run, since] = held.split(' ');
    return (`Group '${group}' in ${region} is locked by another deploy (run ${run}, since ${since ?? '?'}; tag ${BG_TAG.lock}). ` +
        'Nothing was changed. Wait for that deploy to end, or set on-conflict: wait. ' +
        `If no deploy runs (a job killed before its post step), remove the tag ${BG_TAG.lock} from the group.`);
}
/** Waits until the lock is gone (released, or the group deleted by the deploy that held it). */
async function waitForRelease(region, group, options) {
    await (0,wait/* waitUntil */.a)({
        what: `the deploy lock on '${group}' to be released (on-conflict: wait)`,
        timeoutSeconds: options.timeoutSeconds,
        pollIntervalSeconds: options.pollIntervalSeconds,
        check: async () => {
            const now = await lockValue(region, group);
            return now ? { done: false, status: `held by ${now}` } : { done: true, value: undefined };
        },
    });
}
/** Takes the lock, or throws LockHeld saying who holds it. */
async function takeLock(region, group, run) {
    const held = await lockValue(region, group);
    if (held)
        throw new LockHeld(heldMessage(group, region, held));
    const value = `${run} ${new Date().toISOString()}`;
    await (0,clients.awsClient)(client_auto_scaling_dist_cjs/* AutoScalingClient */.yis, region).send(new client_auto_scaling_dist_cjs/* CreateOrUpdateTagsCommand */.vLq({ Tags: [lockTag(group, value)] }));
    const lock = { region, groups: [group], value };
    core/* saveState */.LZ(LOCK_STATE, JSON.stringify(lock));
    const readBack = await lockValue(region, group);
    if (readBack !== value) {
        throw new LockHeld(heldMessage(group, region, readBack ?? 'unknown'));
    }
    return lock;
}
/** Puts the same lock on another group (the new one, before it takes the traffic). */
async function extendLock(lock, group) {
    await (0,clients.awsClient)(client_auto_scaling_dist_cjs/* AutoScalingClient */.yis, lock.region).send(new client_auto_scaling_dist_cjs/* CreateOrUpdateTagsCommand */.vLq({ Tags: [lockTag(group, lock.value)] }));
    lock.groups.push(group);
    core/* saveState */.LZ(LOCK_STATE, JSON.stringify(lock));
}
/** Removes the lock where it is still ours (a group may be gone: then there is nothing to do). */
async function releaseLock(lock) {
    for (const group of lock.groups) {
        const now = await lockValue(lock.region, group).catch(() => undefined);
        if (now !== lock.value)
            continue;
        await (0,clients.awsClient)(client_auto_scaling_dist_cjs/* AutoScalingClient */.yis, lock.region).send(new client_auto_scaling_dist_cjs/* DeleteTagsCommand */.MVD({
            Tags: [{ ResourceId: group, ResourceType: 'auto-scaling-group', Key: BG_TAG.lock }],
        }));
        core/* info */.pq(`Released the deploy lock on '${group}'.`);
    }
    core/* saveState */.LZ(LOCK_STATE, '');
}
/** The post step: releases a lock the main step left behind. */
async function releaseSavedLock() {
    const saved = core/* getState */.Gu(LOCK_STATE);
    if (!saved)
        return;
    await releaseLock(JSON.parse(saved));
}

;// CONCATENATED MODULE: ./src/modes/deploy/blue-green/switch.ts
/**
 * The switch, once the new group is ready: it is tagged serving, the old group leaves its target
 * groups and its targets drain (the target group's deregistration delay), then it is scaled to zero
 * and deleted, or kept (keep-old, or when the user manages both groups).
 */






function tag(group, Key, Value = '') {
    return { ResourceId: group, ResourceType: 'auto-scaling-group', Key, Value, PropagateAtLaunch: false };
}
async function markServing(region, serving, previous) {
    const client = (0,clients.awsClient)(client_auto_scaling_dist_cjs/* AutoScalingClient */.yis, region);
    await client.send(new client_auto_scaling_dist_cjs/* CreateOrUpdateTagsCommand */.vLq({ Tags: [tag(serving, BG_TAG.serving, 'true')] }));
    await client.send(new client_auto_scaling_dist_cjs/* DeleteTagsCommand */.MVD({ Tags: [tag(previous, BG_TAG.serving)] }));
}
/** Detaches the old group from its target groups and waits until its targets have drained. */
async function drainOld(region, group, arns, config) {
    if (!arns.length)
        return;
    const client = (0,clients.awsClient)(client_auto_scaling_dist_cjs/* AutoScalingClient */.yis, region);
    await client.send(new client_auto_scaling_dist_cjs/* DetachLoadBalancerTargetGroupsCommand */.qrk({ AutoScalingGroupName: group, TargetGroupARNs: arns }));
    await (0,wait/* waitUntil */.a)({
        what: `the targets of '${group}' to drain`,
        timeoutSeconds: config.timeout,
        pollIntervalSeconds: config.pollInterval,
        check: async () => {
            const out = await client.send(new client_auto_scaling_dist_cjs/* DescribeLoadBalancerTargetGroupsCommand */.uiL({ AutoScalingGroupName: group }));
            const left = (out.LoadBalancerTargetGroups ?? []).filter((t) => arns.includes(t.LoadBalancerTargetGroupARN ?? ''));
            return left.length
                ? {
                    done: false,
                    status: left
                        .map((t) => `${t.LoadBalancerTargetGroupARN?.split(':').pop()} ${t.State}`)
                        .join(', '),
                }
                : { done: true, value: undefined };
        },
    });
}
/** Deletes groups kept by an earlier keep-old whose time is up (and that are still empty). */
async function removeExpired(region, groups) {
    const removed = [];
    for (const g of groups) {
        const until = (0,tags/* fromTagList */.Bz)(g.Tags)[BG_TAG.keepUntil];
        const empty = !(g.Instances ?? []).some((i) => i.LifecycleState !== 'Terminating');
        if (!until || Date.parse(until) > Date.now() || !empty || (g.DesiredCapacity ?? 0) > 0)
            continue;
        await (0,clients.awsClient)(client_auto_scaling_dist_cjs/* AutoScalingClient */.yis, region).send(new client_auto_scaling_dist_cjs/* DeleteAutoScalingGroupCommand */.cUH({ AutoScalingGroupName: g.AutoScalingGroupName, ForceDelete: true }));
        core/* info */.pq(`Deleted '${g.AutoScalingGroupName}': kept until ${until} (keep-old), now past.`);
        removed.push(g.AutoScalingGroupName);
    }
    return removed;
}
/** Scales the old group to zero, then deletes it or keeps it; returns what was done, in words. */
async function retireOld(region, group, keep) {
    const client = (0,clients.awsClient)(client_auto_scaling_dist_cjs/* AutoScalingClient */.yis, region);
    await client.send(new client_auto_scaling_dist_cjs/* UpdateAutoScalingGroupCommand */.Idg({ AutoScalingGroupName: group, MinSize: 0, DesiredCapacity: 0 }));
    if (keep.userManaged)
        return `'${group}' scaled to zero (kept: green-asg names groups you manage)`;
    if (keep.seconds !== undefined) {
        const until = new Date(Date.now() + keep.seconds * 1000).toISOString();
        await client.send(new client_auto_scaling_dist_cjs/* CreateOrUpdateTagsCommand */.vLq({ Tags: [tag(group, BG_TAG.keepUntil, until)] }));
        return `'${group}' scaled to zero and kept until ${until} (keep-old)`;
    }
    await client.send(new client_auto_scaling_dist_cjs/* DeleteAutoScalingGroupCommand */.cUH({ AutoScalingGroupName: group, ForceDelete: true }));
    core/* info */.pq(`Deleted the old group '${group}'.`);
    return `'${group}' deleted`;
}

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./src/modes/deploy/signals.ts
var signals = __webpack_require__(4871);
;// CONCATENATED MODULE: ./src/modes/deploy/blue-green/validate.ts
/**
 * Before the switch: every instance of the new group InService, healthy in every target group, the
 * alarms OK, then the health commands, then (with bake-time) the same signals watched a while
 * longer. Any bad signal ends the wait with a BadSignal saying what was seen.
 */








class BadSignal extends groups/* DeployError */.sH {
    seen;
    constructor(seen) {
        super(seen.join('; '));
        this.seen = seen;
        this.name = 'BadSignal';
    }
}
async function targetHealth(region, arns, ids) {
    const health = { healthy: 0, total: arns.length * ids.length, bad: [] };
    if (!ids.length)
        return health;
    for (const arn of arns) {
        const out = await (0,clients.awsClient)(dist_cjs/* ElasticLoadBalancingV2Client */.MlD, region).send(new dist_cjs/* DescribeTargetHealthCommand */.qyg({ TargetGroupArn: arn, Targets: ids.map((Id) => ({ Id })) }));
        for (const d of out.TargetHealthDescriptions ?? []) {
            const state = d.TargetHealth?.State;
            if (state === 'healthy')
                health.healthy++;
            else if (state === 'unhealthy') {
                health.bad.push(`${d.Target?.Id} is unhealthy in ${arn.split(':').pop()} (${d.TargetHealth?.Reason ?? ''}${d.TargetHealth?.Description ? `: ${d.TargetHealth.Description}` : ''})`);
            }
        }
    }
    return health;
}
/** One look at the new group: its InService instances, or the bad signals seen. */
async function look(region, group, arns, config) {
    const g = await (0,groups/* describeGroup */.N3)(region, group);
    const instances = g.Instances ?? [];
    const inService = instances.filter((i) => i.LifecycleState === 'InService').map((i) => i.InstanceId);
    const sick = instances
        .filter((i) => i.HealthStatus === 'Unhealthy')
        .map((i) => `${i.InstanceId} is Unhealthy in Auto Scaling`);
    const health = await targetHealth(region, arns, inService);
    const alarms = await (0,signals/* firingAlarms */.Q$)(region, config.alarms);
    return {
        desired: g.DesiredCapacity ?? 0,
        inService,
        health,
        bad: [...sick, ...health.bad, ...alarms],
    };
}
/** Waits until the group is ready to serve; returns its instance ids. */
async function validateGreen(region, group, arns, config) {
    const ids = await (0,wait/* waitUntil */.a)({
        what: `the instances of '${group}' to be InService and healthy`,
        timeoutSeconds: config.timeout,
        pollIntervalSeconds: config.pollInterval,
        timeoutHint: 'The old group still serves; raise the timeout input if the instances need longer.',
        check: async () => {
            const seen = await look(region, group, arns, config);
            if (seen.bad.length)
                throw new BadSignal(seen.bad);
            const ready = seen.inService.length >= seen.desired && seen.health.healthy === seen.health.total;
            return ready
                ? { done: true, value: seen.inService }
                : {
                    done: false,
                    status: `${seen.inService.length}/${seen.desired} InService, ${seen.health.healthy}/${seen.health.total} healthy target registrations`,
                };
        },
    });
    const failures = await (0,signals/* runHealthCommands */.Qi)(region, ids, config.healthCommands, config.timeout, config.pollInterval);
    if (failures.length)
        throw new BadSignal(failures);
    if (config.bakeTime) {
        core/* info */.pq(`Watching '${group}' for bake-time ${config.bakeTime}s before the switch.`);
        const until = Date.now() + config.bakeTime * 1000;
        while (Date.now() < until) {
            const seen = await look(region, group, arns, config);
            if (seen.bad.length)
                throw new BadSignal(seen.bad);
            await (0,promises_.setTimeout)(Math.min(config.pollInterval * 1000, Math.max(0, until - Date.now())), undefined, {
                signal: cancel/* cancellation */.WN,
            });
        }
    }
    return ids;
}

// EXTERNAL MODULE: ./src/modes/deploy/rollout.ts
var rollout = __webpack_require__(3611);
;// CONCATENATED MODULE: ./src/modes/deploy/blue-green.ts
/**
 * Strategy blue-green: the new AMI goes into a second group (the idle colour), which takes the
 * traffic only once every instance is InService, healthy in every target group, the alarms are OK
 * and the health commands pass. Then the old group leaves the target groups, drains, scales to zero
 * and is deleted (or kept). A bad signal before the switch removes the new group: the old one never
 * stopped serving. The live group carries a lock tag for the whole deploy.
 */















const GREEN_STATE = 'blue-green-new-group';
async function resolveTargetGroups(region, given, live) {
    if (!given)
        return live;
    const names = given.filter((g) => !g.startsWith('arn:'));
    const arns = given.filter((g) => g.startsWith('arn:'));
    if (names.length) {
        const out = await (0,clients.awsClient)(dist_cjs/* ElasticLoadBalancingV2Client */.MlD, region)
            .send(new dist_cjs/* DescribeTargetGroupsCommand */.sC7({ Names: names }))
            .catch((error) => {
            throw new groups/* DeployError */.sH(`target-groups: ${names.join(', ')} not all found in ${region} (${error.message}).`);
        });
        arns.push(...(out.TargetGroups ?? []).map((t) => t.TargetGroupArn));
    }
    return arns;
}
function plan(colours) {
    return `'${colours.live.AutoScalingGroupName}' serves now; the new AMI goes into '${colours.idleName}' (${colours.idle ? 'existing, idle' : 'to create'})`;
}
async function lockLiveGroup(config, context) {
    for (;;) {
        const colours = await findColours(config.region, config.asg[0].name, config.greenAsg);
        const liveName = colours.live.AutoScalingGroupName;
        try {
            return { colours, lock: await takeLock(config.region, liveName, (0,src_context/* runTag */.e)(context)) };
        }
        catch (error) {
            if (!(error instanceof LockHeld) || config.onConflict !== 'wait')
                throw error;
            core/* info */.pq(error.message);
            // The deploy holding it may switch colours: look again once it is gone.
            await waitForRelease(config.region, liveName, {
                timeoutSeconds: config.timeout,
                pollIntervalSeconds: config.pollInterval,
            });
        }
    }
}
async function runBlueGreen(config, context, ami) {
    const region = config.region;
    const missing = await (0,signals/* missingAlarms */.VK)(region, config.alarms);
    if (missing.length) {
        throw new groups/* DeployError */.sH(`CloudWatch alarm(s) ${missing.join(', ')} not found in ${region}. Check the alarms input.`);
    }
    await (0,rollout/* checkAmi */.Uj)(region, ami);
    if (config.dryRun) {
        const colours = await findColours(region, config.asg[0].name, config.greenAsg);
        const live = await (0,groups/* readGroup */.iY)(region, colours.live.AutoScalingGroupName);
        checkIdle(colours.idleName, region, colours.idle);
        core/* setOutput */.uH('result', 'planned');
        core/* info */.pq(`dry-run: ${plan(colours)}, from a new version of launch template ${live.templateName} with ${ami} (now ${live.ami}). Nothing was changed.`);
        return;
    }
    const { colours, lock } = await lockLiveGroup(config, context);
    const liveName = colours.live.AutoScalingGroupName;
    const started = Date.now();
    let live;
    let green;
    let version;
    let result = 'failed';
    let detail = '';
    try {
        live = await (0,groups/* readGroup */.iY)(region, liveName);
        checkIdle(colours.idleName, region, colours.idle);
        const targetGroupArns = await resolveTargetGroups(region, config.targetGroups, live.group.TargetGroupARNs ?? []);
        core/* info */.pq(`blue-green: ${plan(colours)}; ${live.ami} -> ${ami}.`);
        green = {
            live,
            name: colours.idleName,
            colour: colours.idleColour,
            ami,
            targetGroupArns,
            existing: colours.idle,
        };
        const saved = { region, name: green.name, created: !green.existing, targetGroupArns };
        core/* saveState */.LZ(GREEN_STATE, JSON.stringify(saved));
        try {
            version = await prepareGreen(green, context);
            core/* info */.pq(`'${green.name}': launching ${live.group.DesiredCapacity} instance(s) from ${live.templateName} version ${version} (${ami}).`);
            await validateGreen(region, green.name, targetGroupArns, config);
        }
        catch (error) {
            const how = await discardGreen(green, !green.existing).catch((e) => `could not remove it: ${e.message}`);
            core/* saveState */.LZ(GREEN_STATE, '');
            const seen = error instanceof BadSignal
                ? `bad signal before the switch: ${error.message}`
                : error.message;
            result = cancel/* cancellation */.WN.aborted ? 'cancelled' : 'failed';
            detail = `${seen}; ${how}; '${liveName}' kept serving on ${live.ami}`;
            throw new groups/* DeployError */.sH(`Blue-green deploy of ${ami} failed: ${detail}.`);
        }
        await extendLock(lock, green.name);
        await markServing(region, green.name, liveName);
        core/* saveState */.LZ(GREEN_STATE, '');
        core/* info */.pq(`'${green.name}' is healthy and serving; taking '${liveName}' out of its target groups.`);
        await drainOld(region, liveName, live.group.TargetGroupARNs ?? [], config);
        const retired = await retireOld(region, liveName, {
            seconds: config.keepOld,
            userManaged: colours.userManaged,
        });
        const expired = colours.userManaged ? [] : await removeExpired(region, colours.others);
        result = 'success';
        detail = `'${green.name}' serves ${ami}; ${retired}${expired.length ? `; deleted ${expired.join(', ')} (keep-old expired)` : ''}`;
    }
    catch (error) {
        if (!detail)
            detail = error.message;
        throw error;
    }
    finally {
        await releaseLock(lock).catch((error) => core/* warning */.$e(`Could not release the deploy lock on ${lock.groups.join(', ')}: ${error.message}`));
        core/* setOutput */.uH('result', result);
        if (live)
            core/* setOutput */.uH('previous-ami-id', live.ami);
        if (version !== undefined)
            core/* setOutput */.uH('launch-template-version', String(version));
        if (result === 'success' && green) {
            core/* setOutput */.uH('asg', green.name);
            core/* setOutput */.uH('previous-asg', liveName);
            (0,outputs/* setAmiOutputs */.C)(region, { [region]: ami });
        }
        else {
            core/* setOutput */.uH('asg', liveName);
        }
        (0,summary/* summaryTable */.j)('Deploy (blue-green)', ['serving before', 'new group', 'version', 'AMI', 'time', 'result'], [
            [
                liveName,
                colours.idleName,
                `${live?.version ?? '?'} -> ${version ?? '-'}`,
                `${live?.ami ?? '?'} -> ${ami}`,
                `${Math.round((Date.now() - started) / 1000)}s`,
                `${result}: ${detail}`,
            ],
        ]);
    }
}
/** The post step: a new group the main step could not see to the switch is removed; the lock goes. */
async function postBlueGreen() {
    const saved = core/* getState */.Gu(GREEN_STATE);
    if (saved) {
        const g = JSON.parse(saved);
        core/* warning */.$e(`The main step ended before '${g.name}' took the traffic: removing it; the old group still serves.`);
        await discardGreen({
            live: { region: g.region },
            name: g.name,
            colour: '',
            ami: '',
            targetGroupArns: g.targetGroupArns,
        }, g.created).catch((error) => core/* warning */.$e(`Could not remove '${g.name}': ${error.message}`));
    }
    await releaseSavedLock();
}

// EXTERNAL MODULE: ./src/modes/deploy/pending.ts
var pending = __webpack_require__(8429);
// EXTERNAL MODULE: ./src/modes/deploy/report.ts
var report = __webpack_require__(8482);
;// CONCATENATED MODULE: ./src/modes/deploy/index.ts
/**
 * Mode deploy: rolls an AMI out to Auto Scaling groups with an instance refresh (rolling or canary),
 * one refresh per group, all groups concurrently; each new launch template version records the AMI
 * it replaces, which mode rollback reads.
 */








async function run(config, context) {
    const amiFor = (region) => {
        const ami = config.amis?.[region] ?? (region === config.region ? config.amiId : undefined);
        if (!ami) {
            throw new groups/* DeployError */.sH(`No AMI for ${region}: ${config.amis ? 'amis has no entry for it' : 'ami-id is for the primary region only'}. ` +
                'Pass amis from mode: publish with this region in copy-to-regions.');
        }
        return ami;
    };
    if (config.strategy === 'blue-green') {
        await (0,timeline/* phase */.O)(config.dryRun ? 'Blue-green plan (dry run)' : 'Blue-green deploy', () => runBlueGreen(config, context, amiFor(config.region)));
        return;
    }
    const outcomes = await (0,timeline/* phase */.O)(config.dryRun ? 'Deploy plan (dry run)' : 'Deploy', () => (0,rollout/* rolloutAll */.Fs)(config.asg, async (state) => {
        const ami = amiFor(state.region);
        const run = context.runUrl ? ` (${context.runUrl})` : '';
        return { state, ami, description: (0,deploy_history/* describeDeploy */.ze)(ami, state.ami, state.version, run) };
    }, config, context, 'deploy'));
    (0,report/* logOutcomes */._q)(outcomes, config.region);
    (0,report/* setOutputs */.n0)(outcomes, config.region);
    (0,report/* summarize */.eh)(config.dryRun ? 'Deploy plan (dry run)' : 'Deploy', outcomes, config.region);
    if (config.dryRun)
        core/* info */.pq('dry-run: nothing was changed.');
    (0,report/* verdict */.WJ)(outcomes, config.region, 'Deploy');
}
/** The post step: stops refreshes the main step started but could not see to an end. */
async function post(_context) {
    await (0,pending/* stopPendingRefreshes */.D4)();
    await postBlueGreen();
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
