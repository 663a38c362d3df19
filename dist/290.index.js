export const id = 290;
export const ids = [290];
export const modules = {

/***/ 8290:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   post: () => (/* binding */ post),
/* harmony export */   run: () => (/* binding */ run)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3218);
/* harmony import */ var _report_timeline_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1935);
/* harmony import */ var _groups_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8228);
/* harmony import */ var _history_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9270);
/* harmony import */ var _pending_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8429);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8482);
/* harmony import */ var _rollout_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3611);
/**
 * Mode deploy: rolls an AMI out to Auto Scaling groups with an instance refresh (rolling or canary),
 * one refresh per group, all groups concurrently; each new launch template version records the AMI
 * it replaces, which mode rollback reads.
 */







async function run(config, context) {
    const amiFor = (region) => {
        const ami = config.amis?.[region] ?? (region === config.region ? config.amiId : undefined);
        if (!ami) {
            throw new _groups_js__WEBPACK_IMPORTED_MODULE_2__/* .DeployError */ .sH(`No AMI for ${region}: ${config.amis ? 'amis has no entry for it' : 'ami-id is for the primary region only'}. ` +
                'Pass amis from mode: publish with this region in copy-to-regions.');
        }
        return ami;
    };
    const outcomes = await (0,_report_timeline_js__WEBPACK_IMPORTED_MODULE_1__/* .phase */ .O)(config.dryRun ? 'Deploy plan (dry run)' : 'Deploy', () => (0,_rollout_js__WEBPACK_IMPORTED_MODULE_6__/* .rolloutAll */ .F)(config.asg, async (state) => {
        const ami = amiFor(state.region);
        const run = context.runUrl ? ` (${context.runUrl})` : '';
        return { state, ami, description: (0,_history_js__WEBPACK_IMPORTED_MODULE_3__/* .describeDeploy */ .ze)(ami, state.ami, state.version, run) };
    }, config, context, 'deploy'));
    (0,_report_js__WEBPACK_IMPORTED_MODULE_5__/* .logOutcomes */ ._q)(outcomes, config.region);
    (0,_report_js__WEBPACK_IMPORTED_MODULE_5__/* .setOutputs */ .n0)(outcomes, config.region);
    (0,_report_js__WEBPACK_IMPORTED_MODULE_5__/* .summarize */ .eh)(config.dryRun ? 'Deploy plan (dry run)' : 'Deploy', outcomes, config.region);
    if (config.dryRun)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq('dry-run: nothing was changed.');
    (0,_report_js__WEBPACK_IMPORTED_MODULE_5__/* .verdict */ .WJ)(outcomes, config.region, 'Deploy');
}
/** The post step: stops refreshes the main step started but could not see to an end. */
async function post(_context) {
    await (0,_pending_js__WEBPACK_IMPORTED_MODULE_4__/* .stopPendingRefreshes */ .D4)();
}


/***/ })

};
