export const id = 949;
export const ids = [949];
export const modules = {

/***/ 2949:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   post: () => (/* binding */ post),
/* harmony export */   run: () => (/* binding */ run)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3218);
/* harmony import */ var _report_timeline_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1935);
/* harmony import */ var _deploy_groups_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8228);
/* harmony import */ var _deploy_history_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9270);
/* harmony import */ var _deploy_pending_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8429);
/* harmony import */ var _deploy_report_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8482);
/* harmony import */ var _deploy_rollout_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3611);
/**
 * Mode rollback: puts back, on each group, the AMI it ran before its current one, as deploy recorded
 * it in the launch template versions. The rollback records itself, so a second rollback goes one
 * step further back, never to the AMI the first one removed.
 */







async function run(config, context) {
    const title = config.dryRun ? 'Rollback plan (dry run)' : 'Rollback';
    const outcomes = await (0,_report_timeline_js__WEBPACK_IMPORTED_MODULE_1__/* .phase */ .O)(title, () => (0,_deploy_rollout_js__WEBPACK_IMPORTED_MODULE_6__/* .rolloutAll */ .Fs)(config.asg, async (state) => {
        const target = await (0,_deploy_history_js__WEBPACK_IMPORTED_MODULE_3__/* .rollbackTarget */ .es)(state.version, async (v) => v === state.version
            ? state.description
            : (await (0,_deploy_groups_js__WEBPACK_IMPORTED_MODULE_2__/* .templateVersion */ .bL)(state.region, state.templateId, String(v))).VersionDescription);
        if ('none' in target) {
            throw new _deploy_groups_js__WEBPACK_IMPORTED_MODULE_2__/* .DeployError */ .sH(`Nothing to roll back to for '${state.name}' in ${state.region} (on ${state.ami}, version ${state.version}): ${target.none}.`);
        }
        const run = context.runUrl ? ` (${context.runUrl})` : '';
        return {
            state,
            ami: target.ami,
            description: (0,_deploy_history_js__WEBPACK_IMPORTED_MODULE_3__/* .describeRollback */ .sR)(target.ami, target.stateOfVersion, state.ami, run),
        };
    }, config, context, 'rollback'));
    (0,_deploy_report_js__WEBPACK_IMPORTED_MODULE_5__/* .logOutcomes */ ._q)(outcomes, config.region);
    (0,_deploy_report_js__WEBPACK_IMPORTED_MODULE_5__/* .setOutputs */ .n0)(outcomes, config.region);
    (0,_deploy_report_js__WEBPACK_IMPORTED_MODULE_5__/* .summarize */ .eh)(title, outcomes, config.region);
    if (config.dryRun)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq('dry-run: nothing was changed.');
    (0,_deploy_report_js__WEBPACK_IMPORTED_MODULE_5__/* .verdict */ .WJ)(outcomes, config.region, 'Rollback');
}
/** The post step: stops refreshes the main step started but could not see to an end. */
async function post(_context) {
    await (0,_deploy_pending_js__WEBPACK_IMPORTED_MODULE_4__/* .stopPendingRefreshes */ .D4)();
}


/***/ })

};
