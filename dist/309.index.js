export const id = 309;
export const ids = [309];
export const modules = {

/***/ 702:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.resolveHttpAuthSchemeConfig = exports.defaultImagebuilderHttpAuthSchemeProvider = exports.defaultImagebuilderHttpAuthSchemeParametersProvider = void 0;
const httpAuthSchemes_1 = __webpack_require__(7523);
const client_1 = __webpack_require__(2658);
const defaultImagebuilderHttpAuthSchemeParametersProvider = async (config, context, input) => {
    return {
        operation: (0, client_1.getSmithyContext)(context).operation,
        region: await (0, client_1.normalizeProvider)(config.region)() || (() => {
            throw new Error("expected `region` to be configured for `aws.auth#sigv4`");
        })(),
    };
};
exports.defaultImagebuilderHttpAuthSchemeParametersProvider = defaultImagebuilderHttpAuthSchemeParametersProvider;
function createAwsAuthSigv4HttpAuthOption(authParameters) {
    return {
        schemeId: "aws.auth#sigv4",
        signingProperties: {
            name: "imagebuilder",
            region: authParameters.region,
        },
        propertiesExtractor: (config, context) => ({
            signingProperties: {
                config,
                context,
            },
        }),
    };
}
const defaultImagebuilderHttpAuthSchemeProvider = (authParameters) => {
    const options = [];
    switch (authParameters.operation) {
        default: {
            options.push(createAwsAuthSigv4HttpAuthOption(authParameters));
        }
    }
    return options;
};
exports.defaultImagebuilderHttpAuthSchemeProvider = defaultImagebuilderHttpAuthSchemeProvider;
const resolveHttpAuthSchemeConfig = (config) => {
    const config_0 = (0, httpAuthSchemes_1.resolveAwsSdkSigV4Config)(config);
    return Object.assign(config_0, {
        authSchemePreference: (0, client_1.normalizeProvider)(config.authSchemePreference ?? []),
    });
};
exports.resolveHttpAuthSchemeConfig = resolveHttpAuthSchemeConfig;


/***/ }),

/***/ 853:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.bdd = void 0;
const endpoints_1 = __webpack_require__(2085);
const k = "ref";
const a = -1, b = true, c = "isSet", d = "PartitionResult", e = "booleanEquals", f = "getAttr", g = { [k]: "Endpoint" }, h = { [k]: d }, i = {}, j = [{ [k]: "Region" }];
const _data = {
    conditions: [
        [c, [g]],
        [c, j],
        ["aws.partition", j, d],
        [e, [{ [k]: "UseFIPS" }, b]],
        [e, [{ [k]: "UseDualStack" }, b]],
        [e, [{ fn: f, argv: [h, "supportsDualStack"] }, b]],
        [e, [{ fn: f, argv: [h, "supportsFIPS"] }, b]],
        ["stringEquals", [{ fn: f, argv: [h, "name"] }, "aws-us-gov"]]
    ],
    results: [
        [a],
        [a, "Invalid Configuration: FIPS and custom endpoint are not supported"],
        [a, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
        [g, i],
        ["https://imagebuilder-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "FIPS and DualStack are enabled, but this partition does not support one or both"],
        ["https://imagebuilder.{Region}.amazonaws.com", i],
        ["https://imagebuilder-fips.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "FIPS is enabled but this partition does not support FIPS"],
        ["https://imagebuilder.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "DualStack is enabled but this partition does not support DualStack"],
        ["https://imagebuilder.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "Invalid Configuration: Missing Region"]
    ]
};
const root = 2;
const r = 100_000_000;
const nodes = new Int32Array([
    -1, 1, -1,
    0, 13, 3,
    1, 4, r + 12,
    2, 5, r + 12,
    3, 8, 6,
    4, 7, r + 11,
    5, r + 9, r + 10,
    4, 11, 9,
    6, 10, r + 8,
    7, r + 6, r + 7,
    5, 12, r + 5,
    6, r + 4, r + 5,
    3, r + 1, 14,
    4, r + 2, r + 3,
]);
exports.bdd = endpoints_1.BinaryDecisionDiagram.from(nodes, root, _data.conditions, _data.results);


/***/ }),

/***/ 3208:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.defaultEndpointResolver = void 0;
const util_endpoints_1 = __webpack_require__(3068);
const endpoints_1 = __webpack_require__(2085);
const bdd_1 = __webpack_require__(853);
const cache = new endpoints_1.EndpointCache({
    size: 50,
    params: ["Endpoint", "Region", "UseDualStack", "UseFIPS"],
});
const defaultEndpointResolver = (endpointParams, context = {}) => {
    return cache.get(endpointParams, () => (0, endpoints_1.decideEndpoint)(bdd_1.bdd, {
        endpointParams: endpointParams,
        logger: context.logger,
    }));
};
exports.defaultEndpointResolver = defaultEndpointResolver;
endpoints_1.customEndpointFunctions.aws = util_endpoints_1.awsEndpointFunctions;


/***/ }),

/***/ 1309:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {



var middlewareHostHeader = __webpack_require__(2590);
var middlewareLogger = __webpack_require__(5242);
var middlewareRecursionDetection = __webpack_require__(1568);
var middlewareUserAgent = __webpack_require__(2959);
var core = __webpack_require__(402);
var client = __webpack_require__(2658);
var config = __webpack_require__(7291);
var endpoints = __webpack_require__(2085);
var protocols = __webpack_require__(3422);
var retry = __webpack_require__(3609);
var schema = __webpack_require__(6890);
var httpAuthSchemeProvider = __webpack_require__(702);
var runtimeConfig = __webpack_require__(1367);
var regionConfigResolver = __webpack_require__(6463);
var schemas_0 = __webpack_require__(4045);
var errors = __webpack_require__(1233);
var ImagebuilderServiceException = __webpack_require__(318);

const resolveClientEndpointParameters = (options) => {
    return Object.assign(options, {
        useDualstackEndpoint: options.useDualstackEndpoint ?? false,
        useFipsEndpoint: options.useFipsEndpoint ?? false,
        defaultSigningName: "imagebuilder",
    });
};
const commonParams = {
    UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
    Endpoint: { type: "builtInParams", name: "endpoint" },
    Region: { type: "builtInParams", name: "region" },
    UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" },
};

const getHttpAuthExtensionConfiguration = (runtimeConfig) => {
    const _httpAuthSchemes = runtimeConfig.httpAuthSchemes;
    let _httpAuthSchemeProvider = runtimeConfig.httpAuthSchemeProvider;
    let _credentials = runtimeConfig.credentials;
    return {
        setHttpAuthScheme(httpAuthScheme) {
            const index = _httpAuthSchemes.findIndex((scheme) => scheme.schemeId === httpAuthScheme.schemeId);
            if (index === -1) {
                _httpAuthSchemes.push(httpAuthScheme);
            }
            else {
                _httpAuthSchemes.splice(index, 1, httpAuthScheme);
            }
        },
        httpAuthSchemes() {
            return _httpAuthSchemes;
        },
        setHttpAuthSchemeProvider(httpAuthSchemeProvider) {
            _httpAuthSchemeProvider = httpAuthSchemeProvider;
        },
        httpAuthSchemeProvider() {
            return _httpAuthSchemeProvider;
        },
        setCredentials(credentials) {
            _credentials = credentials;
        },
        credentials() {
            return _credentials;
        },
    };
};
const resolveHttpAuthRuntimeConfig = (config) => {
    return {
        httpAuthSchemes: config.httpAuthSchemes(),
        httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
        credentials: config.credentials(),
    };
};

const resolveRuntimeExtensions = (runtimeConfig, extensions) => {
    const extensionConfiguration = Object.assign(regionConfigResolver.getAwsRegionExtensionConfiguration(runtimeConfig), client.getDefaultExtensionConfiguration(runtimeConfig), protocols.getHttpHandlerExtensionConfiguration(runtimeConfig), getHttpAuthExtensionConfiguration(runtimeConfig));
    extensions.forEach((extension) => extension.configure(extensionConfiguration));
    return Object.assign(runtimeConfig, regionConfigResolver.resolveAwsRegionExtensionConfiguration(extensionConfiguration), client.resolveDefaultRuntimeConfig(extensionConfiguration), protocols.resolveHttpHandlerRuntimeConfig(extensionConfiguration), resolveHttpAuthRuntimeConfig(extensionConfiguration));
};

class ImagebuilderClient extends client.Client {
    config;
    constructor(...[configuration]) {
        const _config_0 = runtimeConfig.getRuntimeConfig(configuration || {});
        super(_config_0);
        this.initConfig = _config_0;
        const _config_1 = resolveClientEndpointParameters(_config_0);
        const _config_2 = middlewareUserAgent.resolveUserAgentConfig(_config_1);
        const _config_3 = retry.resolveRetryConfig(_config_2);
        const _config_4 = config.resolveRegionConfig(_config_3);
        const _config_5 = middlewareHostHeader.resolveHostHeaderConfig(_config_4);
        const _config_6 = endpoints.resolveEndpointConfig(_config_5);
        const _config_7 = httpAuthSchemeProvider.resolveHttpAuthSchemeConfig(_config_6);
        const _config_8 = resolveRuntimeExtensions(_config_7, configuration?.extensions || []);
        this.config = _config_8;
        this.middlewareStack.use(schema.getSchemaSerdePlugin(this.config));
        this.middlewareStack.use(middlewareUserAgent.getUserAgentPlugin(this.config));
        this.middlewareStack.use(retry.getRetryPlugin(this.config));
        this.middlewareStack.use(protocols.getContentLengthPlugin(this.config));
        this.middlewareStack.use(middlewareHostHeader.getHostHeaderPlugin(this.config));
        this.middlewareStack.use(middlewareLogger.getLoggerPlugin(this.config));
        this.middlewareStack.use(middlewareRecursionDetection.getRecursionDetectionPlugin(this.config));
        this.middlewareStack.use(core.getHttpAuthSchemeEndpointRuleSetPlugin(this.config, {
            httpAuthSchemeParametersProvider: httpAuthSchemeProvider.defaultImagebuilderHttpAuthSchemeParametersProvider,
            identityProviderConfigProvider: async (config) => new core.DefaultIdentityProviderConfig({
                "aws.auth#sigv4": config.credentials,
            }),
        }));
        this.middlewareStack.use(core.getHttpSigningPlugin(this.config));
    }
    destroy() {
        super.destroy();
    }
}

class CancelImageCreationCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "CancelImageCreation", {})
    .n("ImagebuilderClient", "CancelImageCreationCommand")
    .sc(schemas_0.CancelImageCreation$)
    .build() {
}

class CancelLifecycleExecutionCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "CancelLifecycleExecution", {})
    .n("ImagebuilderClient", "CancelLifecycleExecutionCommand")
    .sc(schemas_0.CancelLifecycleExecution$)
    .build() {
}

class CreateComponentCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "CreateComponent", {})
    .n("ImagebuilderClient", "CreateComponentCommand")
    .sc(schemas_0.CreateComponent$)
    .build() {
}

class CreateContainerRecipeCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "CreateContainerRecipe", {})
    .n("ImagebuilderClient", "CreateContainerRecipeCommand")
    .sc(schemas_0.CreateContainerRecipe$)
    .build() {
}

class CreateDistributionConfigurationCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "CreateDistributionConfiguration", {})
    .n("ImagebuilderClient", "CreateDistributionConfigurationCommand")
    .sc(schemas_0.CreateDistributionConfiguration$)
    .build() {
}

class CreateImageCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "CreateImage", {})
    .n("ImagebuilderClient", "CreateImageCommand")
    .sc(schemas_0.CreateImage$)
    .build() {
}

class CreateImagePipelineCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "CreateImagePipeline", {})
    .n("ImagebuilderClient", "CreateImagePipelineCommand")
    .sc(schemas_0.CreateImagePipeline$)
    .build() {
}

class CreateImageRecipeCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "CreateImageRecipe", {})
    .n("ImagebuilderClient", "CreateImageRecipeCommand")
    .sc(schemas_0.CreateImageRecipe$)
    .build() {
}

class CreateInfrastructureConfigurationCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "CreateInfrastructureConfiguration", {})
    .n("ImagebuilderClient", "CreateInfrastructureConfigurationCommand")
    .sc(schemas_0.CreateInfrastructureConfiguration$)
    .build() {
}

class CreateLifecyclePolicyCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "CreateLifecyclePolicy", {})
    .n("ImagebuilderClient", "CreateLifecyclePolicyCommand")
    .sc(schemas_0.CreateLifecyclePolicy$)
    .build() {
}

class CreateWorkflowCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "CreateWorkflow", {})
    .n("ImagebuilderClient", "CreateWorkflowCommand")
    .sc(schemas_0.CreateWorkflow$)
    .build() {
}

class DeleteComponentCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "DeleteComponent", {})
    .n("ImagebuilderClient", "DeleteComponentCommand")
    .sc(schemas_0.DeleteComponent$)
    .build() {
}

class DeleteContainerRecipeCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "DeleteContainerRecipe", {})
    .n("ImagebuilderClient", "DeleteContainerRecipeCommand")
    .sc(schemas_0.DeleteContainerRecipe$)
    .build() {
}

class DeleteDistributionConfigurationCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "DeleteDistributionConfiguration", {})
    .n("ImagebuilderClient", "DeleteDistributionConfigurationCommand")
    .sc(schemas_0.DeleteDistributionConfiguration$)
    .build() {
}

class DeleteImageCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "DeleteImage", {})
    .n("ImagebuilderClient", "DeleteImageCommand")
    .sc(schemas_0.DeleteImage$)
    .build() {
}

class DeleteImagePipelineCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "DeleteImagePipeline", {})
    .n("ImagebuilderClient", "DeleteImagePipelineCommand")
    .sc(schemas_0.DeleteImagePipeline$)
    .build() {
}

class DeleteImageRecipeCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "DeleteImageRecipe", {})
    .n("ImagebuilderClient", "DeleteImageRecipeCommand")
    .sc(schemas_0.DeleteImageRecipe$)
    .build() {
}

class DeleteInfrastructureConfigurationCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "DeleteInfrastructureConfiguration", {})
    .n("ImagebuilderClient", "DeleteInfrastructureConfigurationCommand")
    .sc(schemas_0.DeleteInfrastructureConfiguration$)
    .build() {
}

class DeleteLifecyclePolicyCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "DeleteLifecyclePolicy", {})
    .n("ImagebuilderClient", "DeleteLifecyclePolicyCommand")
    .sc(schemas_0.DeleteLifecyclePolicy$)
    .build() {
}

class DeleteWorkflowCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "DeleteWorkflow", {})
    .n("ImagebuilderClient", "DeleteWorkflowCommand")
    .sc(schemas_0.DeleteWorkflow$)
    .build() {
}

class DistributeImageCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "DistributeImage", {})
    .n("ImagebuilderClient", "DistributeImageCommand")
    .sc(schemas_0.DistributeImage$)
    .build() {
}

class GetComponentCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "GetComponent", {})
    .n("ImagebuilderClient", "GetComponentCommand")
    .sc(schemas_0.GetComponent$)
    .build() {
}

class GetComponentPolicyCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "GetComponentPolicy", {})
    .n("ImagebuilderClient", "GetComponentPolicyCommand")
    .sc(schemas_0.GetComponentPolicy$)
    .build() {
}

class GetContainerRecipeCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "GetContainerRecipe", {})
    .n("ImagebuilderClient", "GetContainerRecipeCommand")
    .sc(schemas_0.GetContainerRecipe$)
    .build() {
}

class GetContainerRecipePolicyCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "GetContainerRecipePolicy", {})
    .n("ImagebuilderClient", "GetContainerRecipePolicyCommand")
    .sc(schemas_0.GetContainerRecipePolicy$)
    .build() {
}

class GetDistributionConfigurationCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "GetDistributionConfiguration", {})
    .n("ImagebuilderClient", "GetDistributionConfigurationCommand")
    .sc(schemas_0.GetDistributionConfiguration$)
    .build() {
}

class GetImageCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "GetImage", {})
    .n("ImagebuilderClient", "GetImageCommand")
    .sc(schemas_0.GetImage$)
    .build() {
}

class GetImagePipelineCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "GetImagePipeline", {})
    .n("ImagebuilderClient", "GetImagePipelineCommand")
    .sc(schemas_0.GetImagePipeline$)
    .build() {
}

class GetImagePolicyCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "GetImagePolicy", {})
    .n("ImagebuilderClient", "GetImagePolicyCommand")
    .sc(schemas_0.GetImagePolicy$)
    .build() {
}

class GetImageRecipeCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "GetImageRecipe", {})
    .n("ImagebuilderClient", "GetImageRecipeCommand")
    .sc(schemas_0.GetImageRecipe$)
    .build() {
}

class GetImageRecipePolicyCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "GetImageRecipePolicy", {})
    .n("ImagebuilderClient", "GetImageRecipePolicyCommand")
    .sc(schemas_0.GetImageRecipePolicy$)
    .build() {
}

class GetInfrastructureConfigurationCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "GetInfrastructureConfiguration", {})
    .n("ImagebuilderClient", "GetInfrastructureConfigurationCommand")
    .sc(schemas_0.GetInfrastructureConfiguration$)
    .build() {
}

class GetLifecycleExecutionCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "GetLifecycleExecution", {})
    .n("ImagebuilderClient", "GetLifecycleExecutionCommand")
    .sc(schemas_0.GetLifecycleExecution$)
    .build() {
}

class GetLifecyclePolicyCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "GetLifecyclePolicy", {})
    .n("ImagebuilderClient", "GetLifecyclePolicyCommand")
    .sc(schemas_0.GetLifecyclePolicy$)
    .build() {
}

class GetMarketplaceResourceCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "GetMarketplaceResource", {})
    .n("ImagebuilderClient", "GetMarketplaceResourceCommand")
    .sc(schemas_0.GetMarketplaceResource$)
    .build() {
}

class GetWorkflowCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "GetWorkflow", {})
    .n("ImagebuilderClient", "GetWorkflowCommand")
    .sc(schemas_0.GetWorkflow$)
    .build() {
}

class GetWorkflowExecutionCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "GetWorkflowExecution", {})
    .n("ImagebuilderClient", "GetWorkflowExecutionCommand")
    .sc(schemas_0.GetWorkflowExecution$)
    .build() {
}

class GetWorkflowStepExecutionCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "GetWorkflowStepExecution", {})
    .n("ImagebuilderClient", "GetWorkflowStepExecutionCommand")
    .sc(schemas_0.GetWorkflowStepExecution$)
    .build() {
}

class ImportComponentCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "ImportComponent", {})
    .n("ImagebuilderClient", "ImportComponentCommand")
    .sc(schemas_0.ImportComponent$)
    .build() {
}

class ImportDiskImageCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "ImportDiskImage", {})
    .n("ImagebuilderClient", "ImportDiskImageCommand")
    .sc(schemas_0.ImportDiskImage$)
    .build() {
}

class ImportVmImageCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "ImportVmImage", {})
    .n("ImagebuilderClient", "ImportVmImageCommand")
    .sc(schemas_0.ImportVmImage$)
    .build() {
}

class ListComponentBuildVersionsCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "ListComponentBuildVersions", {})
    .n("ImagebuilderClient", "ListComponentBuildVersionsCommand")
    .sc(schemas_0.ListComponentBuildVersions$)
    .build() {
}

class ListComponentsCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "ListComponents", {})
    .n("ImagebuilderClient", "ListComponentsCommand")
    .sc(schemas_0.ListComponents$)
    .build() {
}

class ListContainerRecipesCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "ListContainerRecipes", {})
    .n("ImagebuilderClient", "ListContainerRecipesCommand")
    .sc(schemas_0.ListContainerRecipes$)
    .build() {
}

class ListDistributionConfigurationsCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "ListDistributionConfigurations", {})
    .n("ImagebuilderClient", "ListDistributionConfigurationsCommand")
    .sc(schemas_0.ListDistributionConfigurations$)
    .build() {
}

class ListImageBuildVersionsCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "ListImageBuildVersions", {})
    .n("ImagebuilderClient", "ListImageBuildVersionsCommand")
    .sc(schemas_0.ListImageBuildVersions$)
    .build() {
}

class ListImagePackagesCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "ListImagePackages", {})
    .n("ImagebuilderClient", "ListImagePackagesCommand")
    .sc(schemas_0.ListImagePackages$)
    .build() {
}

class ListImagePipelineImagesCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "ListImagePipelineImages", {})
    .n("ImagebuilderClient", "ListImagePipelineImagesCommand")
    .sc(schemas_0.ListImagePipelineImages$)
    .build() {
}

class ListImagePipelinesCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "ListImagePipelines", {})
    .n("ImagebuilderClient", "ListImagePipelinesCommand")
    .sc(schemas_0.ListImagePipelines$)
    .build() {
}

class ListImageRecipesCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "ListImageRecipes", {})
    .n("ImagebuilderClient", "ListImageRecipesCommand")
    .sc(schemas_0.ListImageRecipes$)
    .build() {
}

class ListImageScanFindingAggregationsCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "ListImageScanFindingAggregations", {})
    .n("ImagebuilderClient", "ListImageScanFindingAggregationsCommand")
    .sc(schemas_0.ListImageScanFindingAggregations$)
    .build() {
}

class ListImageScanFindingsCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "ListImageScanFindings", {})
    .n("ImagebuilderClient", "ListImageScanFindingsCommand")
    .sc(schemas_0.ListImageScanFindings$)
    .build() {
}

class ListImagesCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "ListImages", {})
    .n("ImagebuilderClient", "ListImagesCommand")
    .sc(schemas_0.ListImages$)
    .build() {
}

class ListInfrastructureConfigurationsCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "ListInfrastructureConfigurations", {})
    .n("ImagebuilderClient", "ListInfrastructureConfigurationsCommand")
    .sc(schemas_0.ListInfrastructureConfigurations$)
    .build() {
}

class ListLifecycleExecutionResourcesCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "ListLifecycleExecutionResources", {})
    .n("ImagebuilderClient", "ListLifecycleExecutionResourcesCommand")
    .sc(schemas_0.ListLifecycleExecutionResources$)
    .build() {
}

class ListLifecycleExecutionsCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "ListLifecycleExecutions", {})
    .n("ImagebuilderClient", "ListLifecycleExecutionsCommand")
    .sc(schemas_0.ListLifecycleExecutions$)
    .build() {
}

class ListLifecyclePoliciesCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "ListLifecyclePolicies", {})
    .n("ImagebuilderClient", "ListLifecyclePoliciesCommand")
    .sc(schemas_0.ListLifecyclePolicies$)
    .build() {
}

class ListTagsForResourceCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "ListTagsForResource", {})
    .n("ImagebuilderClient", "ListTagsForResourceCommand")
    .sc(schemas_0.ListTagsForResource$)
    .build() {
}

class ListWaitingWorkflowStepsCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "ListWaitingWorkflowSteps", {})
    .n("ImagebuilderClient", "ListWaitingWorkflowStepsCommand")
    .sc(schemas_0.ListWaitingWorkflowSteps$)
    .build() {
}

class ListWorkflowBuildVersionsCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "ListWorkflowBuildVersions", {})
    .n("ImagebuilderClient", "ListWorkflowBuildVersionsCommand")
    .sc(schemas_0.ListWorkflowBuildVersions$)
    .build() {
}

class ListWorkflowExecutionsCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "ListWorkflowExecutions", {})
    .n("ImagebuilderClient", "ListWorkflowExecutionsCommand")
    .sc(schemas_0.ListWorkflowExecutions$)
    .build() {
}

class ListWorkflowsCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "ListWorkflows", {})
    .n("ImagebuilderClient", "ListWorkflowsCommand")
    .sc(schemas_0.ListWorkflows$)
    .build() {
}

class ListWorkflowStepExecutionsCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "ListWorkflowStepExecutions", {})
    .n("ImagebuilderClient", "ListWorkflowStepExecutionsCommand")
    .sc(schemas_0.ListWorkflowStepExecutions$)
    .build() {
}

class PutComponentPolicyCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "PutComponentPolicy", {})
    .n("ImagebuilderClient", "PutComponentPolicyCommand")
    .sc(schemas_0.PutComponentPolicy$)
    .build() {
}

class PutContainerRecipePolicyCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "PutContainerRecipePolicy", {})
    .n("ImagebuilderClient", "PutContainerRecipePolicyCommand")
    .sc(schemas_0.PutContainerRecipePolicy$)
    .build() {
}

class PutImagePolicyCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "PutImagePolicy", {})
    .n("ImagebuilderClient", "PutImagePolicyCommand")
    .sc(schemas_0.PutImagePolicy$)
    .build() {
}

class PutImageRecipePolicyCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "PutImageRecipePolicy", {})
    .n("ImagebuilderClient", "PutImageRecipePolicyCommand")
    .sc(schemas_0.PutImageRecipePolicy$)
    .build() {
}

class RetryImageCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "RetryImage", {})
    .n("ImagebuilderClient", "RetryImageCommand")
    .sc(schemas_0.RetryImage$)
    .build() {
}

class SendWorkflowStepActionCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "SendWorkflowStepAction", {})
    .n("ImagebuilderClient", "SendWorkflowStepActionCommand")
    .sc(schemas_0.SendWorkflowStepAction$)
    .build() {
}

class StartImagePipelineExecutionCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "StartImagePipelineExecution", {})
    .n("ImagebuilderClient", "StartImagePipelineExecutionCommand")
    .sc(schemas_0.StartImagePipelineExecution$)
    .build() {
}

class StartResourceStateUpdateCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "StartResourceStateUpdate", {})
    .n("ImagebuilderClient", "StartResourceStateUpdateCommand")
    .sc(schemas_0.StartResourceStateUpdate$)
    .build() {
}

class TagResourceCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "TagResource", {})
    .n("ImagebuilderClient", "TagResourceCommand")
    .sc(schemas_0.TagResource$)
    .build() {
}

class UntagResourceCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "UntagResource", {})
    .n("ImagebuilderClient", "UntagResourceCommand")
    .sc(schemas_0.UntagResource$)
    .build() {
}

class UpdateDistributionConfigurationCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "UpdateDistributionConfiguration", {})
    .n("ImagebuilderClient", "UpdateDistributionConfigurationCommand")
    .sc(schemas_0.UpdateDistributionConfiguration$)
    .build() {
}

class UpdateImagePipelineCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "UpdateImagePipeline", {})
    .n("ImagebuilderClient", "UpdateImagePipelineCommand")
    .sc(schemas_0.UpdateImagePipeline$)
    .build() {
}

class UpdateInfrastructureConfigurationCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "UpdateInfrastructureConfiguration", {})
    .n("ImagebuilderClient", "UpdateInfrastructureConfigurationCommand")
    .sc(schemas_0.UpdateInfrastructureConfiguration$)
    .build() {
}

class UpdateLifecyclePolicyCommand extends client.Command
    .classBuilder()
    .ep(commonParams)
    .m(function (Command, cs, config, o) {
    return [endpoints.getEndpointPlugin(config, Command.getEndpointParameterInstructions())];
})
    .s("imagebuilder", "UpdateLifecyclePolicy", {})
    .n("ImagebuilderClient", "UpdateLifecyclePolicyCommand")
    .sc(schemas_0.UpdateLifecyclePolicy$)
    .build() {
}

const paginateListComponentBuildVersions = core.createPaginator(ImagebuilderClient, ListComponentBuildVersionsCommand, "nextToken", "nextToken", "maxResults");

const paginateListComponents = core.createPaginator(ImagebuilderClient, ListComponentsCommand, "nextToken", "nextToken", "maxResults");

const paginateListContainerRecipes = core.createPaginator(ImagebuilderClient, ListContainerRecipesCommand, "nextToken", "nextToken", "maxResults");

const paginateListDistributionConfigurations = core.createPaginator(ImagebuilderClient, ListDistributionConfigurationsCommand, "nextToken", "nextToken", "maxResults");

const paginateListImageBuildVersions = core.createPaginator(ImagebuilderClient, ListImageBuildVersionsCommand, "nextToken", "nextToken", "maxResults");

const paginateListImagePackages = core.createPaginator(ImagebuilderClient, ListImagePackagesCommand, "nextToken", "nextToken", "maxResults");

const paginateListImagePipelineImages = core.createPaginator(ImagebuilderClient, ListImagePipelineImagesCommand, "nextToken", "nextToken", "maxResults");

const paginateListImagePipelines = core.createPaginator(ImagebuilderClient, ListImagePipelinesCommand, "nextToken", "nextToken", "maxResults");

const paginateListImageRecipes = core.createPaginator(ImagebuilderClient, ListImageRecipesCommand, "nextToken", "nextToken", "maxResults");

const paginateListImageScanFindingAggregations = core.createPaginator(ImagebuilderClient, ListImageScanFindingAggregationsCommand, "nextToken", "nextToken", "");

const paginateListImageScanFindings = core.createPaginator(ImagebuilderClient, ListImageScanFindingsCommand, "nextToken", "nextToken", "maxResults");

const paginateListImages = core.createPaginator(ImagebuilderClient, ListImagesCommand, "nextToken", "nextToken", "maxResults");

const paginateListInfrastructureConfigurations = core.createPaginator(ImagebuilderClient, ListInfrastructureConfigurationsCommand, "nextToken", "nextToken", "maxResults");

const paginateListLifecycleExecutionResources = core.createPaginator(ImagebuilderClient, ListLifecycleExecutionResourcesCommand, "nextToken", "nextToken", "maxResults");

const paginateListLifecycleExecutions = core.createPaginator(ImagebuilderClient, ListLifecycleExecutionsCommand, "nextToken", "nextToken", "maxResults");

const paginateListLifecyclePolicies = core.createPaginator(ImagebuilderClient, ListLifecyclePoliciesCommand, "nextToken", "nextToken", "maxResults");

const paginateListWaitingWorkflowSteps = core.createPaginator(ImagebuilderClient, ListWaitingWorkflowStepsCommand, "nextToken", "nextToken", "maxResults");

const paginateListWorkflowBuildVersions = core.createPaginator(ImagebuilderClient, ListWorkflowBuildVersionsCommand, "nextToken", "nextToken", "maxResults");

const paginateListWorkflowExecutions = core.createPaginator(ImagebuilderClient, ListWorkflowExecutionsCommand, "nextToken", "nextToken", "maxResults");

const paginateListWorkflows = core.createPaginator(ImagebuilderClient, ListWorkflowsCommand, "nextToken", "nextToken", "maxResults");

const paginateListWorkflowStepExecutions = core.createPaginator(ImagebuilderClient, ListWorkflowStepExecutionsCommand, "nextToken", "nextToken", "maxResults");

const commands = {
    CancelImageCreationCommand,
    CancelLifecycleExecutionCommand,
    CreateComponentCommand,
    CreateContainerRecipeCommand,
    CreateDistributionConfigurationCommand,
    CreateImageCommand,
    CreateImagePipelineCommand,
    CreateImageRecipeCommand,
    CreateInfrastructureConfigurationCommand,
    CreateLifecyclePolicyCommand,
    CreateWorkflowCommand,
    DeleteComponentCommand,
    DeleteContainerRecipeCommand,
    DeleteDistributionConfigurationCommand,
    DeleteImageCommand,
    DeleteImagePipelineCommand,
    DeleteImageRecipeCommand,
    DeleteInfrastructureConfigurationCommand,
    DeleteLifecyclePolicyCommand,
    DeleteWorkflowCommand,
    DistributeImageCommand,
    GetComponentCommand,
    GetComponentPolicyCommand,
    GetContainerRecipeCommand,
    GetContainerRecipePolicyCommand,
    GetDistributionConfigurationCommand,
    GetImageCommand,
    GetImagePipelineCommand,
    GetImagePolicyCommand,
    GetImageRecipeCommand,
    GetImageRecipePolicyCommand,
    GetInfrastructureConfigurationCommand,
    GetLifecycleExecutionCommand,
    GetLifecyclePolicyCommand,
    GetMarketplaceResourceCommand,
    GetWorkflowCommand,
    GetWorkflowExecutionCommand,
    GetWorkflowStepExecutionCommand,
    ImportComponentCommand,
    ImportDiskImageCommand,
    ImportVmImageCommand,
    ListComponentBuildVersionsCommand,
    ListComponentsCommand,
    ListContainerRecipesCommand,
    ListDistributionConfigurationsCommand,
    ListImageBuildVersionsCommand,
    ListImagePackagesCommand,
    ListImagePipelineImagesCommand,
    ListImagePipelinesCommand,
    ListImageRecipesCommand,
    ListImagesCommand,
    ListImageScanFindingAggregationsCommand,
    ListImageScanFindingsCommand,
    ListInfrastructureConfigurationsCommand,
    ListLifecycleExecutionResourcesCommand,
    ListLifecycleExecutionsCommand,
    ListLifecyclePoliciesCommand,
    ListTagsForResourceCommand,
    ListWaitingWorkflowStepsCommand,
    ListWorkflowBuildVersionsCommand,
    ListWorkflowExecutionsCommand,
    ListWorkflowsCommand,
    ListWorkflowStepExecutionsCommand,
    PutComponentPolicyCommand,
    PutContainerRecipePolicyCommand,
    PutImagePolicyCommand,
    PutImageRecipePolicyCommand,
    RetryImageCommand,
    SendWorkflowStepActionCommand,
    StartImagePipelineExecutionCommand,
    StartResourceStateUpdateCommand,
    TagResourceCommand,
    UntagResourceCommand,
    UpdateDistributionConfigurationCommand,
    UpdateImagePipelineCommand,
    UpdateInfrastructureConfigurationCommand,
    UpdateLifecyclePolicyCommand,
};
const paginators = {
    paginateListComponentBuildVersions,
    paginateListComponents,
    paginateListContainerRecipes,
    paginateListDistributionConfigurations,
    paginateListImageBuildVersions,
    paginateListImagePackages,
    paginateListImagePipelineImages,
    paginateListImagePipelines,
    paginateListImageRecipes,
    paginateListImages,
    paginateListImageScanFindingAggregations,
    paginateListImageScanFindings,
    paginateListInfrastructureConfigurations,
    paginateListLifecycleExecutionResources,
    paginateListLifecycleExecutions,
    paginateListLifecyclePolicies,
    paginateListWaitingWorkflowSteps,
    paginateListWorkflowBuildVersions,
    paginateListWorkflowExecutions,
    paginateListWorkflows,
    paginateListWorkflowStepExecutions,
};
class Imagebuilder extends ImagebuilderClient {
}
client.createAggregatedClient(commands, Imagebuilder, { paginators });

const ImageStatus = {
    AVAILABLE: "AVAILABLE",
    BUILDING: "BUILDING",
    CANCELLED: "CANCELLED",
    CREATING: "CREATING",
    DELETED: "DELETED",
    DEPRECATED: "DEPRECATED",
    DISABLED: "DISABLED",
    DISTRIBUTING: "DISTRIBUTING",
    FAILED: "FAILED",
    INTEGRATING: "INTEGRATING",
    PENDING: "PENDING",
    TESTING: "TESTING",
};
const BuildType = {
    IMPORT: "IMPORT",
    IMPORT_ISO: "IMPORT_ISO",
    SCHEDULED: "SCHEDULED",
    USER_INITIATED: "USER_INITIATED",
};
const Platform = {
    LINUX: "Linux",
    MACOS: "macOS",
    WINDOWS: "Windows",
};
const ProductCodeType = {
    MARKETPLACE: "marketplace",
};
const ComponentStatus = {
    ACTIVE: "ACTIVE",
    DEPRECATED: "DEPRECATED",
    DISABLED: "DISABLED",
};
const ComponentType = {
    BUILD: "BUILD",
    TEST: "TEST",
};
const ComponentFormat = {
    SHELL: "SHELL",
};
const ContainerRepositoryService = {
    ECR: "ECR",
};
const ContainerType = {
    DOCKER: "DOCKER",
};
const EbsVolumeType = {
    GP2: "gp2",
    GP3: "gp3",
    IO1: "io1",
    IO2: "io2",
    SC1: "sc1",
    ST1: "st1",
    STANDARD: "standard",
};
const DiskImageFormat = {
    RAW: "RAW",
    VHD: "VHD",
    VMDK: "VMDK",
};
const SsmParameterDataType = {
    AWS_EC2_IMAGE: "aws:ec2:image",
    TEXT: "text",
};
const OnWorkflowFailure = {
    ABORT: "ABORT",
    CONTINUE: "CONTINUE",
};
const PipelineExecutionStartCondition = {
    EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE: "EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE",
    EXPRESSION_MATCH_ONLY: "EXPRESSION_MATCH_ONLY",
};
const PipelineStatus = {
    DISABLED: "DISABLED",
    ENABLED: "ENABLED",
};
const TenancyType = {
    DEDICATED: "dedicated",
    DEFAULT: "default",
    HOST: "host",
};
const LifecyclePolicyDetailActionType = {
    DELETE: "DELETE",
    DEPRECATE: "DEPRECATE",
    DISABLE: "DISABLE",
};
const LifecyclePolicyTimeUnit = {
    DAYS: "DAYS",
    MONTHS: "MONTHS",
    WEEKS: "WEEKS",
    YEARS: "YEARS",
};
const LifecyclePolicyDetailFilterType = {
    AGE: "AGE",
    COUNT: "COUNT",
};
const LifecyclePolicyResourceType = {
    AMI_IMAGE: "AMI_IMAGE",
    CONTAINER_IMAGE: "CONTAINER_IMAGE",
};
const LifecyclePolicyStatus = {
    DISABLED: "DISABLED",
    ENABLED: "ENABLED",
};
const WorkflowType = {
    BUILD: "BUILD",
    DISTRIBUTION: "DISTRIBUTION",
    TEST: "TEST",
};
const ImageType = {
    AMI: "AMI",
    DOCKER: "DOCKER",
};
const ImageSource = {
    AMAZON_MANAGED: "AMAZON_MANAGED",
    AWS_MARKETPLACE: "AWS_MARKETPLACE",
    CUSTOM: "CUSTOM",
    IMPORTED: "IMPORTED",
};
const ImageScanStatus = {
    ABANDONED: "ABANDONED",
    COLLECTING: "COLLECTING",
    COMPLETED: "COMPLETED",
    FAILED: "FAILED",
    PENDING: "PENDING",
    SCANNING: "SCANNING",
    TIMED_OUT: "TIMED_OUT",
};
const LifecycleExecutionStatus = {
    CANCELLED: "CANCELLED",
    CANCELLING: "CANCELLING",
    FAILED: "FAILED",
    IN_PROGRESS: "IN_PROGRESS",
    PENDING: "PENDING",
    SUCCESS: "SUCCESS",
};
const MarketplaceResourceType = {
    COMPONENT_ARTIFACT: "COMPONENT_ARTIFACT",
    COMPONENT_DATA: "COMPONENT_DATA",
};
const WorkflowStatus = {
    DEPRECATED: "DEPRECATED",
};
const WorkflowExecutionStatus = {
    CANCELLED: "CANCELLED",
    COMPLETED: "COMPLETED",
    FAILED: "FAILED",
    PENDING: "PENDING",
    ROLLBACK_COMPLETED: "ROLLBACK_COMPLETED",
    ROLLBACK_IN_PROGRESS: "ROLLBACK_IN_PROGRESS",
    RUNNING: "RUNNING",
    SKIPPED: "SKIPPED",
};
const WorkflowStepExecutionRollbackStatus = {
    COMPLETED: "COMPLETED",
    FAILED: "FAILED",
    RUNNING: "RUNNING",
    SKIPPED: "SKIPPED",
};
const WorkflowStepExecutionStatus = {
    CANCELLED: "CANCELLED",
    COMPLETED: "COMPLETED",
    FAILED: "FAILED",
    PENDING: "PENDING",
    RUNNING: "RUNNING",
    SKIPPED: "SKIPPED",
};
const Ownership = {
    AMAZON: "Amazon",
    AWS_MARKETPLACE: "AWSMarketplace",
    SELF: "Self",
    SHARED: "Shared",
    THIRDPARTY: "ThirdParty",
};
const LifecycleExecutionResourceActionName = {
    AVAILABLE: "AVAILABLE",
    DELETE: "DELETE",
    DEPRECATE: "DEPRECATE",
    DISABLE: "DISABLE",
};
const LifecycleExecutionResourceStatus = {
    FAILED: "FAILED",
    IN_PROGRESS: "IN_PROGRESS",
    SKIPPED: "SKIPPED",
    SUCCESS: "SUCCESS",
};
const WorkflowStepActionType = {
    RESUME: "RESUME",
    STOP: "STOP",
};
const ResourceStatus = {
    AVAILABLE: "AVAILABLE",
    DELETED: "DELETED",
    DEPRECATED: "DEPRECATED",
    DISABLED: "DISABLED",
};

exports.$Command = client.Command;
exports.__Client = client.Client;
exports.ImagebuilderServiceException = ImagebuilderServiceException.ImagebuilderServiceException;
exports.BuildType = BuildType;
exports.CancelImageCreationCommand = CancelImageCreationCommand;
exports.CancelLifecycleExecutionCommand = CancelLifecycleExecutionCommand;
exports.ComponentFormat = ComponentFormat;
exports.ComponentStatus = ComponentStatus;
exports.ComponentType = ComponentType;
exports.ContainerRepositoryService = ContainerRepositoryService;
exports.ContainerType = ContainerType;
exports.CreateComponentCommand = CreateComponentCommand;
exports.CreateContainerRecipeCommand = CreateContainerRecipeCommand;
exports.CreateDistributionConfigurationCommand = CreateDistributionConfigurationCommand;
exports.CreateImageCommand = CreateImageCommand;
exports.CreateImagePipelineCommand = CreateImagePipelineCommand;
exports.CreateImageRecipeCommand = CreateImageRecipeCommand;
exports.CreateInfrastructureConfigurationCommand = CreateInfrastructureConfigurationCommand;
exports.CreateLifecyclePolicyCommand = CreateLifecyclePolicyCommand;
exports.CreateWorkflowCommand = CreateWorkflowCommand;
exports.DeleteComponentCommand = DeleteComponentCommand;
exports.DeleteContainerRecipeCommand = DeleteContainerRecipeCommand;
exports.DeleteDistributionConfigurationCommand = DeleteDistributionConfigurationCommand;
exports.DeleteImageCommand = DeleteImageCommand;
exports.DeleteImagePipelineCommand = DeleteImagePipelineCommand;
exports.DeleteImageRecipeCommand = DeleteImageRecipeCommand;
exports.DeleteInfrastructureConfigurationCommand = DeleteInfrastructureConfigurationCommand;
exports.DeleteLifecyclePolicyCommand = DeleteLifecyclePolicyCommand;
exports.DeleteWorkflowCommand = DeleteWorkflowCommand;
exports.DiskImageFormat = DiskImageFormat;
exports.DistributeImageCommand = DistributeImageCommand;
exports.EbsVolumeType = EbsVolumeType;
exports.GetComponentCommand = GetComponentCommand;
exports.GetComponentPolicyCommand = GetComponentPolicyCommand;
exports.GetContainerRecipeCommand = GetContainerRecipeCommand;
exports.GetContainerRecipePolicyCommand = GetContainerRecipePolicyCommand;
exports.GetDistributionConfigurationCommand = GetDistributionConfigurationCommand;
exports.GetImageCommand = GetImageCommand;
exports.GetImagePipelineCommand = GetImagePipelineCommand;
exports.GetImagePolicyCommand = GetImagePolicyCommand;
exports.GetImageRecipeCommand = GetImageRecipeCommand;
exports.GetImageRecipePolicyCommand = GetImageRecipePolicyCommand;
exports.GetInfrastructureConfigurationCommand = GetInfrastructureConfigurationCommand;
exports.GetLifecycleExecutionCommand = GetLifecycleExecutionCommand;
exports.GetLifecyclePolicyCommand = GetLifecyclePolicyCommand;
exports.GetMarketplaceResourceCommand = GetMarketplaceResourceCommand;
exports.GetWorkflowCommand = GetWorkflowCommand;
exports.GetWorkflowExecutionCommand = GetWorkflowExecutionCommand;
exports.GetWorkflowStepExecutionCommand = GetWorkflowStepExecutionCommand;
exports.ImageScanStatus = ImageScanStatus;
exports.ImageSource = ImageSource;
exports.ImageStatus = ImageStatus;
exports.ImageType = ImageType;
exports.Imagebuilder = Imagebuilder;
exports.ImagebuilderClient = ImagebuilderClient;
exports.ImportComponentCommand = ImportComponentCommand;
exports.ImportDiskImageCommand = ImportDiskImageCommand;
exports.ImportVmImageCommand = ImportVmImageCommand;
exports.LifecycleExecutionResourceActionName = LifecycleExecutionResourceActionName;
exports.LifecycleExecutionResourceStatus = LifecycleExecutionResourceStatus;
exports.LifecycleExecutionStatus = LifecycleExecutionStatus;
exports.LifecyclePolicyDetailActionType = LifecyclePolicyDetailActionType;
exports.LifecyclePolicyDetailFilterType = LifecyclePolicyDetailFilterType;
exports.LifecyclePolicyResourceType = LifecyclePolicyResourceType;
exports.LifecyclePolicyStatus = LifecyclePolicyStatus;
exports.LifecyclePolicyTimeUnit = LifecyclePolicyTimeUnit;
exports.ListComponentBuildVersionsCommand = ListComponentBuildVersionsCommand;
exports.ListComponentsCommand = ListComponentsCommand;
exports.ListContainerRecipesCommand = ListContainerRecipesCommand;
exports.ListDistributionConfigurationsCommand = ListDistributionConfigurationsCommand;
exports.ListImageBuildVersionsCommand = ListImageBuildVersionsCommand;
exports.ListImagePackagesCommand = ListImagePackagesCommand;
exports.ListImagePipelineImagesCommand = ListImagePipelineImagesCommand;
exports.ListImagePipelinesCommand = ListImagePipelinesCommand;
exports.ListImageRecipesCommand = ListImageRecipesCommand;
exports.ListImageScanFindingAggregationsCommand = ListImageScanFindingAggregationsCommand;
exports.ListImageScanFindingsCommand = ListImageScanFindingsCommand;
exports.ListImagesCommand = ListImagesCommand;
exports.ListInfrastructureConfigurationsCommand = ListInfrastructureConfigurationsCommand;
exports.ListLifecycleExecutionResourcesCommand = ListLifecycleExecutionResourcesCommand;
exports.ListLifecycleExecutionsCommand = ListLifecycleExecutionsCommand;
exports.ListLifecyclePoliciesCommand = ListLifecyclePoliciesCommand;
exports.ListTagsForResourceCommand = ListTagsForResourceCommand;
exports.ListWaitingWorkflowStepsCommand = ListWaitingWorkflowStepsCommand;
exports.ListWorkflowBuildVersionsCommand = ListWorkflowBuildVersionsCommand;
exports.ListWorkflowExecutionsCommand = ListWorkflowExecutionsCommand;
exports.ListWorkflowStepExecutionsCommand = ListWorkflowStepExecutionsCommand;
exports.ListWorkflowsCommand = ListWorkflowsCommand;
exports.MarketplaceResourceType = MarketplaceResourceType;
exports.OnWorkflowFailure = OnWorkflowFailure;
exports.Ownership = Ownership;
exports.PipelineExecutionStartCondition = PipelineExecutionStartCondition;
exports.PipelineStatus = PipelineStatus;
exports.Platform = Platform;
exports.ProductCodeType = ProductCodeType;
exports.PutComponentPolicyCommand = PutComponentPolicyCommand;
exports.PutContainerRecipePolicyCommand = PutContainerRecipePolicyCommand;
exports.PutImagePolicyCommand = PutImagePolicyCommand;
exports.PutImageRecipePolicyCommand = PutImageRecipePolicyCommand;
exports.ResourceStatus = ResourceStatus;
exports.RetryImageCommand = RetryImageCommand;
exports.SendWorkflowStepActionCommand = SendWorkflowStepActionCommand;
exports.SsmParameterDataType = SsmParameterDataType;
exports.StartImagePipelineExecutionCommand = StartImagePipelineExecutionCommand;
exports.StartResourceStateUpdateCommand = StartResourceStateUpdateCommand;
exports.TagResourceCommand = TagResourceCommand;
exports.TenancyType = TenancyType;
exports.UntagResourceCommand = UntagResourceCommand;
exports.UpdateDistributionConfigurationCommand = UpdateDistributionConfigurationCommand;
exports.UpdateImagePipelineCommand = UpdateImagePipelineCommand;
exports.UpdateInfrastructureConfigurationCommand = UpdateInfrastructureConfigurationCommand;
exports.UpdateLifecyclePolicyCommand = UpdateLifecyclePolicyCommand;
exports.WorkflowExecutionStatus = WorkflowExecutionStatus;
exports.WorkflowStatus = WorkflowStatus;
exports.WorkflowStepActionType = WorkflowStepActionType;
exports.WorkflowStepExecutionRollbackStatus = WorkflowStepExecutionRollbackStatus;
exports.WorkflowStepExecutionStatus = WorkflowStepExecutionStatus;
exports.WorkflowType = WorkflowType;
exports.paginateListComponentBuildVersions = paginateListComponentBuildVersions;
exports.paginateListComponents = paginateListComponents;
exports.paginateListContainerRecipes = paginateListContainerRecipes;
exports.paginateListDistributionConfigurations = paginateListDistributionConfigurations;
exports.paginateListImageBuildVersions = paginateListImageBuildVersions;
exports.paginateListImagePackages = paginateListImagePackages;
exports.paginateListImagePipelineImages = paginateListImagePipelineImages;
exports.paginateListImagePipelines = paginateListImagePipelines;
exports.paginateListImageRecipes = paginateListImageRecipes;
exports.paginateListImageScanFindingAggregations = paginateListImageScanFindingAggregations;
exports.paginateListImageScanFindings = paginateListImageScanFindings;
exports.paginateListImages = paginateListImages;
exports.paginateListInfrastructureConfigurations = paginateListInfrastructureConfigurations;
exports.paginateListLifecycleExecutionResources = paginateListLifecycleExecutionResources;
exports.paginateListLifecycleExecutions = paginateListLifecycleExecutions;
exports.paginateListLifecyclePolicies = paginateListLifecyclePolicies;
exports.paginateListWaitingWorkflowSteps = paginateListWaitingWorkflowSteps;
exports.paginateListWorkflowBuildVersions = paginateListWorkflowBuildVersions;
exports.paginateListWorkflowExecutions = paginateListWorkflowExecutions;
exports.paginateListWorkflowStepExecutions = paginateListWorkflowStepExecutions;
exports.paginateListWorkflows = paginateListWorkflows;
Object.prototype.hasOwnProperty.call(schemas_0, '__proto__') &&
    !Object.prototype.hasOwnProperty.call(exports, '__proto__') &&
    Object.defineProperty(exports, '__proto__', {
        enumerable: true,
        value: schemas_0['__proto__']
    });

Object.keys(schemas_0).forEach(function (k) {
    if (k !== 'default' && !Object.prototype.hasOwnProperty.call(exports, k)) exports[k] = schemas_0[k];
});
Object.prototype.hasOwnProperty.call(errors, '__proto__') &&
    !Object.prototype.hasOwnProperty.call(exports, '__proto__') &&
    Object.defineProperty(exports, '__proto__', {
        enumerable: true,
        value: errors['__proto__']
    });

Object.keys(errors).forEach(function (k) {
    if (k !== 'default' && !Object.prototype.hasOwnProperty.call(exports, k)) exports[k] = errors[k];
});


/***/ }),

/***/ 318:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.ImagebuilderServiceException = exports.__ServiceException = void 0;
const client_1 = __webpack_require__(2658);
Object.defineProperty(exports, "__ServiceException", ({ enumerable: true, get: function () { return client_1.ServiceException; } }));
class ImagebuilderServiceException extends client_1.ServiceException {
    constructor(options) {
        super(options);
        Object.setPrototypeOf(this, ImagebuilderServiceException.prototype);
    }
}
exports.ImagebuilderServiceException = ImagebuilderServiceException;


/***/ }),

/***/ 1233:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.InvalidParameterValueException = exports.InvalidParameterException = exports.InvalidPaginationTokenException = exports.TooManyRequestsException = exports.ResourceNotFoundException = exports.ResourceDependencyException = exports.ResourceAlreadyExistsException = exports.ServiceQuotaExceededException = exports.InvalidVersionNumberException = exports.InvalidParameterCombinationException = exports.DryRunOperationException = exports.ServiceUnavailableException = exports.ServiceException = exports.ResourceInUseException = exports.InvalidRequestException = exports.IdempotentParameterMismatchException = exports.ForbiddenException = exports.ClientException = exports.CallRateLimitExceededException = exports.AccessDeniedException = void 0;
const ImagebuilderServiceException_1 = __webpack_require__(318);
class AccessDeniedException extends ImagebuilderServiceException_1.ImagebuilderServiceException {
    name = "AccessDeniedException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "AccessDeniedException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, AccessDeniedException.prototype);
    }
}
exports.AccessDeniedException = AccessDeniedException;
class CallRateLimitExceededException extends ImagebuilderServiceException_1.ImagebuilderServiceException {
    name = "CallRateLimitExceededException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "CallRateLimitExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, CallRateLimitExceededException.prototype);
    }
}
exports.CallRateLimitExceededException = CallRateLimitExceededException;
class ClientException extends ImagebuilderServiceException_1.ImagebuilderServiceException {
    name = "ClientException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ClientException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ClientException.prototype);
    }
}
exports.ClientException = ClientException;
class ForbiddenException extends ImagebuilderServiceException_1.ImagebuilderServiceException {
    name = "ForbiddenException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ForbiddenException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ForbiddenException.prototype);
    }
}
exports.ForbiddenException = ForbiddenException;
class IdempotentParameterMismatchException extends ImagebuilderServiceException_1.ImagebuilderServiceException {
    name = "IdempotentParameterMismatchException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "IdempotentParameterMismatchException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, IdempotentParameterMismatchException.prototype);
    }
}
exports.IdempotentParameterMismatchException = IdempotentParameterMismatchException;
class InvalidRequestException extends ImagebuilderServiceException_1.ImagebuilderServiceException {
    name = "InvalidRequestException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidRequestException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidRequestException.prototype);
    }
}
exports.InvalidRequestException = InvalidRequestException;
class ResourceInUseException extends ImagebuilderServiceException_1.ImagebuilderServiceException {
    name = "ResourceInUseException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ResourceInUseException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceInUseException.prototype);
    }
}
exports.ResourceInUseException = ResourceInUseException;
class ServiceException extends ImagebuilderServiceException_1.ImagebuilderServiceException {
    name = "ServiceException";
    $fault = "server";
    constructor(opts) {
        super({
            name: "ServiceException",
            $fault: "server",
            ...opts,
        });
        Object.setPrototypeOf(this, ServiceException.prototype);
    }
}
exports.ServiceException = ServiceException;
class ServiceUnavailableException extends ImagebuilderServiceException_1.ImagebuilderServiceException {
    name = "ServiceUnavailableException";
    $fault = "server";
    constructor(opts) {
        super({
            name: "ServiceUnavailableException",
            $fault: "server",
            ...opts,
        });
        Object.setPrototypeOf(this, ServiceUnavailableException.prototype);
    }
}
exports.ServiceUnavailableException = ServiceUnavailableException;
class DryRunOperationException extends ImagebuilderServiceException_1.ImagebuilderServiceException {
    name = "DryRunOperationException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "DryRunOperationException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, DryRunOperationException.prototype);
    }
}
exports.DryRunOperationException = DryRunOperationException;
class InvalidParameterCombinationException extends ImagebuilderServiceException_1.ImagebuilderServiceException {
    name = "InvalidParameterCombinationException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidParameterCombinationException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidParameterCombinationException.prototype);
    }
}
exports.InvalidParameterCombinationException = InvalidParameterCombinationException;
class InvalidVersionNumberException extends ImagebuilderServiceException_1.ImagebuilderServiceException {
    name = "InvalidVersionNumberException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidVersionNumberException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidVersionNumberException.prototype);
    }
}
exports.InvalidVersionNumberException = InvalidVersionNumberException;
class ServiceQuotaExceededException extends ImagebuilderServiceException_1.ImagebuilderServiceException {
    name = "ServiceQuotaExceededException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ServiceQuotaExceededException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ServiceQuotaExceededException.prototype);
    }
}
exports.ServiceQuotaExceededException = ServiceQuotaExceededException;
class ResourceAlreadyExistsException extends ImagebuilderServiceException_1.ImagebuilderServiceException {
    name = "ResourceAlreadyExistsException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ResourceAlreadyExistsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceAlreadyExistsException.prototype);
    }
}
exports.ResourceAlreadyExistsException = ResourceAlreadyExistsException;
class ResourceDependencyException extends ImagebuilderServiceException_1.ImagebuilderServiceException {
    name = "ResourceDependencyException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ResourceDependencyException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceDependencyException.prototype);
    }
}
exports.ResourceDependencyException = ResourceDependencyException;
class ResourceNotFoundException extends ImagebuilderServiceException_1.ImagebuilderServiceException {
    name = "ResourceNotFoundException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "ResourceNotFoundException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, ResourceNotFoundException.prototype);
    }
}
exports.ResourceNotFoundException = ResourceNotFoundException;
class TooManyRequestsException extends ImagebuilderServiceException_1.ImagebuilderServiceException {
    name = "TooManyRequestsException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "TooManyRequestsException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, TooManyRequestsException.prototype);
    }
}
exports.TooManyRequestsException = TooManyRequestsException;
class InvalidPaginationTokenException extends ImagebuilderServiceException_1.ImagebuilderServiceException {
    name = "InvalidPaginationTokenException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidPaginationTokenException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidPaginationTokenException.prototype);
    }
}
exports.InvalidPaginationTokenException = InvalidPaginationTokenException;
class InvalidParameterException extends ImagebuilderServiceException_1.ImagebuilderServiceException {
    name = "InvalidParameterException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidParameterException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidParameterException.prototype);
    }
}
exports.InvalidParameterException = InvalidParameterException;
class InvalidParameterValueException extends ImagebuilderServiceException_1.ImagebuilderServiceException {
    name = "InvalidParameterValueException";
    $fault = "client";
    constructor(opts) {
        super({
            name: "InvalidParameterValueException",
            $fault: "client",
            ...opts,
        });
        Object.setPrototypeOf(this, InvalidParameterValueException.prototype);
    }
}
exports.InvalidParameterValueException = InvalidParameterValueException;


/***/ }),

/***/ 1367:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.getRuntimeConfig = void 0;
const tslib_1 = __webpack_require__(1860);
const package_json_1 = tslib_1.__importDefault(__webpack_require__(9939));
const client_1 = __webpack_require__(5152);
const httpAuthSchemes_1 = __webpack_require__(7523);
const credential_provider_node_1 = __webpack_require__(5861);
const util_user_agent_node_1 = __webpack_require__(1656);
const client_2 = __webpack_require__(2658);
const config_1 = __webpack_require__(7291);
const retry_1 = __webpack_require__(3609);
const serde_1 = __webpack_require__(2430);
const node_http_handler_1 = __webpack_require__(1279);
const runtimeConfig_shared_1 = __webpack_require__(2612);
const getRuntimeConfig = (config) => {
    (0, client_2.emitWarningIfUnsupportedVersion)(process.version);
    const defaultsMode = (0, config_1.resolveDefaultsModeConfig)(config);
    const defaultConfigProvider = () => defaultsMode().then(client_2.loadConfigsForDefaultMode);
    const clientSharedValues = (0, runtimeConfig_shared_1.getRuntimeConfig)(config);
    (0, client_1.emitWarningIfUnsupportedVersion)(process.version);
    const loaderConfig = {
        profile: config?.profile,
        logger: clientSharedValues.logger,
    };
    return {
        ...clientSharedValues,
        ...config,
        runtime: "node",
        defaultsMode,
        authSchemePreference: config?.authSchemePreference ?? (0, config_1.loadConfig)(httpAuthSchemes_1.NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
        bodyLengthChecker: config?.bodyLengthChecker ?? serde_1.calculateBodyLength,
        credentialDefaultProvider: config?.credentialDefaultProvider ?? credential_provider_node_1.defaultProvider,
        defaultUserAgentProvider: config?.defaultUserAgentProvider ?? (0, util_user_agent_node_1.createDefaultUserAgentProvider)({ serviceId: clientSharedValues.serviceId, clientVersion: package_json_1.default.version }),
        maxAttempts: config?.maxAttempts ?? (0, config_1.loadConfig)(retry_1.NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
        region: config?.region ?? (0, config_1.loadConfig)(config_1.NODE_REGION_CONFIG_OPTIONS, { ...config_1.NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
        requestHandler: node_http_handler_1.NodeHttpHandler.create(config?.requestHandler ?? defaultConfigProvider),
        retryMode: config?.retryMode ??
            (0, config_1.loadConfig)({
                ...retry_1.NODE_RETRY_MODE_CONFIG_OPTIONS,
                default: async () => (await defaultConfigProvider()).retryMode || retry_1.DEFAULT_RETRY_MODE,
            }, config),
        sha256: config?.sha256 ?? serde_1.Hash.bind(null, "sha256"),
        streamCollector: config?.streamCollector ?? node_http_handler_1.streamCollector,
        useDualstackEndpoint: config?.useDualstackEndpoint ?? (0, config_1.loadConfig)(config_1.NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        useFipsEndpoint: config?.useFipsEndpoint ?? (0, config_1.loadConfig)(config_1.NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        userAgentAppId: config?.userAgentAppId ?? (0, config_1.loadConfig)(util_user_agent_node_1.NODE_APP_ID_CONFIG_OPTIONS, loaderConfig),
    };
};
exports.getRuntimeConfig = getRuntimeConfig;


/***/ }),

/***/ 2612:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.getRuntimeConfig = void 0;
const httpAuthSchemes_1 = __webpack_require__(7523);
const protocols_1 = __webpack_require__(7288);
const client_1 = __webpack_require__(2658);
const protocols_2 = __webpack_require__(3422);
const serde_1 = __webpack_require__(2430);
const httpAuthSchemeProvider_1 = __webpack_require__(702);
const endpointResolver_1 = __webpack_require__(3208);
const schemas_0_1 = __webpack_require__(4045);
const getRuntimeConfig = (config) => {
    return {
        apiVersion: "2019-12-02",
        base64Decoder: config?.base64Decoder ?? serde_1.fromBase64,
        base64Encoder: config?.base64Encoder ?? serde_1.toBase64,
        disableHostPrefix: config?.disableHostPrefix ?? false,
        endpointProvider: config?.endpointProvider ?? endpointResolver_1.defaultEndpointResolver,
        extensions: config?.extensions ?? [],
        httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? httpAuthSchemeProvider_1.defaultImagebuilderHttpAuthSchemeProvider,
        httpAuthSchemes: config?.httpAuthSchemes ?? [
            {
                schemeId: "aws.auth#sigv4",
                identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4"),
                signer: new httpAuthSchemes_1.AwsSdkSigV4Signer(),
            },
        ],
        logger: config?.logger ?? new client_1.NoOpLogger(),
        protocol: config?.protocol ?? protocols_1.AwsRestJsonProtocol,
        protocolSettings: config?.protocolSettings ?? {
            defaultNamespace: "com.amazonaws.imagebuilder",
            errorTypeRegistries: schemas_0_1.errorTypeRegistries,
            version: "2019-12-02",
            serviceTarget: "imagebuilder",
        },
        serviceId: config?.serviceId ?? "imagebuilder",
        urlParser: config?.urlParser ?? protocols_2.parseUrl,
        utf8Decoder: config?.utf8Decoder ?? serde_1.fromUtf8,
        utf8Encoder: config?.utf8Encoder ?? serde_1.toUtf8,
    };
};
exports.getRuntimeConfig = getRuntimeConfig;


/***/ }),

/***/ 4045:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.CreateImagePipelineResponse$ = exports.CreateImagePipelineRequest$ = exports.CreateDistributionConfigurationResponse$ = exports.CreateDistributionConfigurationRequest$ = exports.CreateContainerRecipeResponse$ = exports.CreateContainerRecipeRequest$ = exports.CreateComponentResponse$ = exports.CreateComponentRequest$ = exports.ContainerRecipeSummary$ = exports.ContainerRecipe$ = exports.ContainerDistributionConfiguration$ = exports.Container$ = exports.ComponentVersion$ = exports.ComponentSummary$ = exports.ComponentState$ = exports.ComponentParameterDetail$ = exports.ComponentParameter$ = exports.ComponentConfiguration$ = exports.Component$ = exports.CancelLifecycleExecutionResponse$ = exports.CancelLifecycleExecutionRequest$ = exports.CancelImageCreationResponse$ = exports.CancelImageCreationRequest$ = exports.AutoDisablePolicy$ = exports.AmiDistributionConfiguration$ = exports.Ami$ = exports.AdditionalInstanceConfiguration$ = exports.AccountAggregation$ = exports.errorTypeRegistries = exports.TooManyRequestsException$ = exports.ServiceUnavailableException$ = exports.ServiceQuotaExceededException$ = exports.ServiceException$ = exports.ResourceNotFoundException$ = exports.ResourceInUseException$ = exports.ResourceDependencyException$ = exports.ResourceAlreadyExistsException$ = exports.InvalidVersionNumberException$ = exports.InvalidRequestException$ = exports.InvalidParameterValueException$ = exports.InvalidParameterException$ = exports.InvalidParameterCombinationException$ = exports.InvalidPaginationTokenException$ = exports.IdempotentParameterMismatchException$ = exports.ForbiddenException$ = exports.DryRunOperationException$ = exports.ClientException$ = exports.CallRateLimitExceededException$ = exports.AccessDeniedException$ = exports.ImagebuilderServiceException$ = void 0;
exports.GetContainerRecipeResponse$ = exports.GetContainerRecipeRequest$ = exports.GetContainerRecipePolicyResponse$ = exports.GetContainerRecipePolicyRequest$ = exports.GetComponentResponse$ = exports.GetComponentRequest$ = exports.GetComponentPolicyResponse$ = exports.GetComponentPolicyRequest$ = exports.Filter$ = exports.FastLaunchSnapshotConfiguration$ = exports.FastLaunchLaunchTemplateSpecification$ = exports.FastLaunchConfiguration$ = exports.EcrConfiguration$ = exports.EbsInstanceBlockDeviceSpecification$ = exports.DistributionConfigurationSummary$ = exports.DistributionConfiguration$ = exports.Distribution$ = exports.DistributeImageResponse$ = exports.DistributeImageRequest$ = exports.DeleteWorkflowResponse$ = exports.DeleteWorkflowRequest$ = exports.DeleteLifecyclePolicyResponse$ = exports.DeleteLifecyclePolicyRequest$ = exports.DeleteInfrastructureConfigurationResponse$ = exports.DeleteInfrastructureConfigurationRequest$ = exports.DeleteImageResponse$ = exports.DeleteImageRequest$ = exports.DeleteImageRecipeResponse$ = exports.DeleteImageRecipeRequest$ = exports.DeleteImagePipelineResponse$ = exports.DeleteImagePipelineRequest$ = exports.DeleteDistributionConfigurationResponse$ = exports.DeleteDistributionConfigurationRequest$ = exports.DeleteContainerRecipeResponse$ = exports.DeleteContainerRecipeRequest$ = exports.DeleteComponentResponse$ = exports.DeleteComponentRequest$ = exports.CvssScoreDetails$ = exports.CvssScoreAdjustment$ = exports.CvssScore$ = exports.CreateWorkflowResponse$ = exports.CreateWorkflowRequest$ = exports.CreateLifecyclePolicyResponse$ = exports.CreateLifecyclePolicyRequest$ = exports.CreateInfrastructureConfigurationResponse$ = exports.CreateInfrastructureConfigurationRequest$ = exports.CreateImageResponse$ = exports.CreateImageRequest$ = exports.CreateImageRecipeResponse$ = exports.CreateImageRecipeRequest$ = void 0;
exports.InfrastructureConfiguration$ = exports.ImportVmImageResponse$ = exports.ImportVmImageRequest$ = exports.ImportDiskImageResponse$ = exports.ImportDiskImageRequest$ = exports.ImportComponentResponse$ = exports.ImportComponentRequest$ = exports.ImageVersion$ = exports.ImageTestsConfiguration$ = exports.ImageSummary$ = exports.ImageState$ = exports.ImageScanState$ = exports.ImageScanningConfiguration$ = exports.ImageScanFindingsFilter$ = exports.ImageScanFindingAggregation$ = exports.ImageScanFinding$ = exports.ImageRecipeSummary$ = exports.ImageRecipe$ = exports.ImagePipelineAggregation$ = exports.ImagePipeline$ = exports.ImagePackage$ = exports.ImageLoggingConfiguration$ = exports.ImageAggregation$ = exports.Image$ = exports.GetWorkflowStepExecutionResponse$ = exports.GetWorkflowStepExecutionRequest$ = exports.GetWorkflowResponse$ = exports.GetWorkflowRequest$ = exports.GetWorkflowExecutionResponse$ = exports.GetWorkflowExecutionRequest$ = exports.GetMarketplaceResourceResponse$ = exports.GetMarketplaceResourceRequest$ = exports.GetLifecyclePolicyResponse$ = exports.GetLifecyclePolicyRequest$ = exports.GetLifecycleExecutionResponse$ = exports.GetLifecycleExecutionRequest$ = exports.GetInfrastructureConfigurationResponse$ = exports.GetInfrastructureConfigurationRequest$ = exports.GetImageResponse$ = exports.GetImageRequest$ = exports.GetImageRecipeResponse$ = exports.GetImageRecipeRequest$ = exports.GetImageRecipePolicyResponse$ = exports.GetImageRecipePolicyRequest$ = exports.GetImagePolicyResponse$ = exports.GetImagePolicyRequest$ = exports.GetImagePipelineResponse$ = exports.GetImagePipelineRequest$ = exports.GetDistributionConfigurationResponse$ = exports.GetDistributionConfigurationRequest$ = void 0;
exports.ListImagesResponse$ = exports.ListImagesRequest$ = exports.ListImageScanFindingsResponse$ = exports.ListImageScanFindingsRequest$ = exports.ListImageScanFindingAggregationsResponse$ = exports.ListImageScanFindingAggregationsRequest$ = exports.ListImageRecipesResponse$ = exports.ListImageRecipesRequest$ = exports.ListImagePipelinesResponse$ = exports.ListImagePipelinesRequest$ = exports.ListImagePipelineImagesResponse$ = exports.ListImagePipelineImagesRequest$ = exports.ListImagePackagesResponse$ = exports.ListImagePackagesRequest$ = exports.ListImageBuildVersionsResponse$ = exports.ListImageBuildVersionsRequest$ = exports.ListDistributionConfigurationsResponse$ = exports.ListDistributionConfigurationsRequest$ = exports.ListContainerRecipesResponse$ = exports.ListContainerRecipesRequest$ = exports.ListComponentsResponse$ = exports.ListComponentsRequest$ = exports.ListComponentBuildVersionsResponse$ = exports.ListComponentBuildVersionsRequest$ = exports.LifecyclePolicySummary$ = exports.LifecyclePolicyResourceSelectionRecipe$ = exports.LifecyclePolicyResourceSelection$ = exports.LifecyclePolicyDetailFilter$ = exports.LifecyclePolicyDetailExclusionRulesAmisLastLaunched$ = exports.LifecyclePolicyDetailExclusionRulesAmis$ = exports.LifecyclePolicyDetailExclusionRules$ = exports.LifecyclePolicyDetailActionIncludeResources$ = exports.LifecyclePolicyDetailAction$ = exports.LifecyclePolicyDetail$ = exports.LifecyclePolicy$ = exports.LifecycleExecutionState$ = exports.LifecycleExecutionSnapshotResource$ = exports.LifecycleExecutionResourceState$ = exports.LifecycleExecutionResourcesImpactedSummary$ = exports.LifecycleExecutionResourceAction$ = exports.LifecycleExecutionResource$ = exports.LifecycleExecution$ = exports.LaunchTemplateConfiguration$ = exports.LaunchPermissionConfiguration$ = exports.LatestVersionReferences$ = exports.InstanceMetadataOptions$ = exports.InstanceConfiguration$ = exports.InstanceBlockDeviceMapping$ = exports.InspectorScoreDetails$ = exports.InfrastructureConfigurationSummary$ = void 0;
exports.StartImagePipelineExecutionRequest$ = exports.SsmParameterConfiguration$ = exports.SeverityCounts$ = exports.SendWorkflowStepActionResponse$ = exports.SendWorkflowStepActionRequest$ = exports.Schedule$ = exports.S3Logs$ = exports.S3ExportConfiguration$ = exports.RetryImageResponse$ = exports.RetryImageRequest$ = exports.ResourceStateUpdateIncludeResources$ = exports.ResourceStateUpdateExclusionRules$ = exports.ResourceState$ = exports.RemediationRecommendation$ = exports.Remediation$ = exports.RegisterImageOptions$ = exports.PutImageRecipePolicyResponse$ = exports.PutImageRecipePolicyRequest$ = exports.PutImagePolicyResponse$ = exports.PutImagePolicyRequest$ = exports.PutContainerRecipePolicyResponse$ = exports.PutContainerRecipePolicyRequest$ = exports.PutComponentPolicyResponse$ = exports.PutComponentPolicyRequest$ = exports.ProductCodeListItem$ = exports.Placement$ = exports.PipelineLoggingConfiguration$ = exports.PackageVulnerabilityDetails$ = exports.OutputResources$ = exports.Logging$ = exports.ListWorkflowStepExecutionsResponse$ = exports.ListWorkflowStepExecutionsRequest$ = exports.ListWorkflowsResponse$ = exports.ListWorkflowsRequest$ = exports.ListWorkflowExecutionsResponse$ = exports.ListWorkflowExecutionsRequest$ = exports.ListWorkflowBuildVersionsResponse$ = exports.ListWorkflowBuildVersionsRequest$ = exports.ListWaitingWorkflowStepsResponse$ = exports.ListWaitingWorkflowStepsRequest$ = exports.ListTagsForResourceResponse$ = exports.ListTagsForResourceRequest$ = exports.ListLifecyclePoliciesResponse$ = exports.ListLifecyclePoliciesRequest$ = exports.ListLifecycleExecutionsResponse$ = exports.ListLifecycleExecutionsRequest$ = exports.ListLifecycleExecutionResourcesResponse$ = exports.ListLifecycleExecutionResourcesRequest$ = exports.ListInfrastructureConfigurationsResponse$ = exports.ListInfrastructureConfigurationsRequest$ = void 0;
exports.DeleteWorkflow$ = exports.DeleteLifecyclePolicy$ = exports.DeleteInfrastructureConfiguration$ = exports.DeleteImageRecipe$ = exports.DeleteImagePipeline$ = exports.DeleteImage$ = exports.DeleteDistributionConfiguration$ = exports.DeleteContainerRecipe$ = exports.DeleteComponent$ = exports.CreateWorkflow$ = exports.CreateLifecyclePolicy$ = exports.CreateInfrastructureConfiguration$ = exports.CreateImageRecipe$ = exports.CreateImagePipeline$ = exports.CreateImage$ = exports.CreateDistributionConfiguration$ = exports.CreateContainerRecipe$ = exports.CreateComponent$ = exports.CancelLifecycleExecution$ = exports.CancelImageCreation$ = exports.WorkflowVersion$ = exports.WorkflowSummary$ = exports.WorkflowStepMetadata$ = exports.WorkflowStepExecution$ = exports.WorkflowState$ = exports.WorkflowParameterDetail$ = exports.WorkflowParameter$ = exports.WorkflowExecutionMetadata$ = exports.WorkflowConfiguration$ = exports.Workflow$ = exports.WindowsConfiguration$ = exports.VulnerablePackage$ = exports.VulnerabilityIdAggregation$ = exports.UpdateLifecyclePolicyResponse$ = exports.UpdateLifecyclePolicyRequest$ = exports.UpdateInfrastructureConfigurationResponse$ = exports.UpdateInfrastructureConfigurationRequest$ = exports.UpdateImagePipelineResponse$ = exports.UpdateImagePipelineRequest$ = exports.UpdateDistributionConfigurationResponse$ = exports.UpdateDistributionConfigurationRequest$ = exports.UntagResourceResponse$ = exports.UntagResourceRequest$ = exports.TargetContainerRepository$ = exports.TagResourceResponse$ = exports.TagResourceRequest$ = exports.SystemsManagerAgent$ = exports.StartResourceStateUpdateResponse$ = exports.StartResourceStateUpdateRequest$ = exports.StartImagePipelineExecutionResponse$ = void 0;
exports.StartImagePipelineExecution$ = exports.SendWorkflowStepAction$ = exports.RetryImage$ = exports.PutImageRecipePolicy$ = exports.PutImagePolicy$ = exports.PutContainerRecipePolicy$ = exports.PutComponentPolicy$ = exports.ListWorkflowStepExecutions$ = exports.ListWorkflows$ = exports.ListWorkflowExecutions$ = exports.ListWorkflowBuildVersions$ = exports.ListWaitingWorkflowSteps$ = exports.ListTagsForResource$ = exports.ListLifecyclePolicies$ = exports.ListLifecycleExecutions$ = exports.ListLifecycleExecutionResources$ = exports.ListInfrastructureConfigurations$ = exports.ListImageScanFindings$ = exports.ListImageScanFindingAggregations$ = exports.ListImages$ = exports.ListImageRecipes$ = exports.ListImagePipelines$ = exports.ListImagePipelineImages$ = exports.ListImagePackages$ = exports.ListImageBuildVersions$ = exports.ListDistributionConfigurations$ = exports.ListContainerRecipes$ = exports.ListComponents$ = exports.ListComponentBuildVersions$ = exports.ImportVmImage$ = exports.ImportDiskImage$ = exports.ImportComponent$ = exports.GetWorkflowStepExecution$ = exports.GetWorkflowExecution$ = exports.GetWorkflow$ = exports.GetMarketplaceResource$ = exports.GetLifecyclePolicy$ = exports.GetLifecycleExecution$ = exports.GetInfrastructureConfiguration$ = exports.GetImageRecipePolicy$ = exports.GetImageRecipe$ = exports.GetImagePolicy$ = exports.GetImagePipeline$ = exports.GetImage$ = exports.GetDistributionConfiguration$ = exports.GetContainerRecipePolicy$ = exports.GetContainerRecipe$ = exports.GetComponentPolicy$ = exports.GetComponent$ = exports.DistributeImage$ = void 0;
exports.UpdateLifecyclePolicy$ = exports.UpdateInfrastructureConfiguration$ = exports.UpdateImagePipeline$ = exports.UpdateDistributionConfiguration$ = exports.UntagResource$ = exports.TagResource$ = exports.StartResourceStateUpdate$ = void 0;
const _A = "Ami";
const _AA = "AccountAggregation";
const _ADC = "AmiDistributionConfiguration";
const _ADE = "AccessDeniedException";
const _ADP = "AutoDisablePolicy";
const _AIC = "AdditionalInstanceConfiguration";
const _AL = "AmiList";
const _C = "Component";
const _CC = "ComponentConfiguration";
const _CCL = "ComponentConfigurationList";
const _CCR = "CreateComponentRequest";
const _CCRR = "CreateContainerRecipeRequest";
const _CCRRr = "CreateContainerRecipeResponse";
const _CCRr = "CreateComponentResponse";
const _CCRre = "CreateContainerRecipe";
const _CCr = "CreateComponent";
const _CDC = "ContainerDistributionConfiguration";
const _CDCR = "CreateDistributionConfigurationRequest";
const _CDCRr = "CreateDistributionConfigurationResponse";
const _CDCr = "CreateDistributionConfiguration";
const _CE = "ClientException";
const _CI = "CreateImage";
const _CIC = "CancelImageCreation";
const _CICR = "CancelImageCreationRequest";
const _CICRa = "CancelImageCreationResponse";
const _CICRr = "CreateInfrastructureConfigurationRequest";
const _CICRre = "CreateInfrastructureConfigurationResponse";
const _CICr = "CreateInfrastructureConfiguration";
const _CIP = "CreateImagePipeline";
const _CIPR = "CreateImagePipelineRequest";
const _CIPRr = "CreateImagePipelineResponse";
const _CIR = "CreateImageRequest";
const _CIRR = "CreateImageRecipeRequest";
const _CIRRr = "CreateImageRecipeResponse";
const _CIRr = "CreateImageResponse";
const _CIRre = "CreateImageRecipe";
const _CL = "ContainerList";
const _CLE = "CancelLifecycleExecution";
const _CLER = "CancelLifecycleExecutionRequest";
const _CLERa = "CancelLifecycleExecutionResponse";
const _CLP = "CreateLifecyclePolicy";
const _CLPR = "CreateLifecyclePolicyRequest";
const _CLPRr = "CreateLifecyclePolicyResponse";
const _CP = "ComponentParameter";
const _CPD = "ComponentParameterDetail";
const _CPDL = "ComponentParameterDetailList";
const _CPL = "ComponentParameterList";
const _CR = "ContainerRecipe";
const _CRLEE = "CallRateLimitExceededException";
const _CRS = "ContainerRecipeSummary";
const _CRSL = "ContainerRecipeSummaryList";
const _CS = "ComponentState";
const _CSA = "CvssScoreAdjustment";
const _CSAL = "CvssScoreAdjustmentList";
const _CSD = "CvssScoreDetails";
const _CSL = "ComponentSummaryList";
const _CSLv = "CvssScoreList";
const _CSo = "ComponentSummary";
const _CSv = "CvssScore";
const _CV = "ComponentVersion";
const _CVL = "ComponentVersionList";
const _CW = "CreateWorkflow";
const _CWR = "CreateWorkflowRequest";
const _CWRr = "CreateWorkflowResponse";
const _Co = "Container";
const _D = "Distribution";
const _DC = "DistributionConfiguration";
const _DCR = "DeleteComponentRequest";
const _DCRR = "DeleteContainerRecipeRequest";
const _DCRRe = "DeleteContainerRecipeResponse";
const _DCRe = "DeleteComponentResponse";
const _DCRel = "DeleteContainerRecipe";
const _DCS = "DistributionConfigurationSummary";
const _DCSL = "DistributionConfigurationSummaryList";
const _DCe = "DeleteComponent";
const _DDC = "DeleteDistributionConfiguration";
const _DDCR = "DeleteDistributionConfigurationRequest";
const _DDCRe = "DeleteDistributionConfigurationResponse";
const _DI = "DeleteImage";
const _DIC = "DeleteInfrastructureConfiguration";
const _DICR = "DeleteInfrastructureConfigurationRequest";
const _DICRe = "DeleteInfrastructureConfigurationResponse";
const _DIP = "DeleteImagePipeline";
const _DIPR = "DeleteImagePipelineRequest";
const _DIPRe = "DeleteImagePipelineResponse";
const _DIR = "DeleteImageRequest";
const _DIRR = "DeleteImageRecipeRequest";
const _DIRRe = "DeleteImageRecipeResponse";
const _DIRe = "DeleteImageResponse";
const _DIRel = "DeleteImageRecipe";
const _DIRi = "DistributeImageRequest";
const _DIRis = "DistributeImageResponse";
const _DIi = "DistributeImage";
const _DL = "DistributionList";
const _DLP = "DeleteLifecyclePolicy";
const _DLPR = "DeleteLifecyclePolicyRequest";
const _DLPRe = "DeleteLifecyclePolicyResponse";
const _DROE = "DryRunOperationException";
const _DW = "DeleteWorkflow";
const _DWR = "DeleteWorkflowRequest";
const _DWRe = "DeleteWorkflowResponse";
const _EC = "EcrConfiguration";
const _EIBDS = "EbsInstanceBlockDeviceSpecification";
const _F = "Filter";
const _FE = "ForbiddenException";
const _FL = "FilterList";
const _FLC = "FastLaunchConfiguration";
const _FLCL = "FastLaunchConfigurationList";
const _FLLTS = "FastLaunchLaunchTemplateSpecification";
const _FLSC = "FastLaunchSnapshotConfiguration";
const _GC = "GetComponent";
const _GCP = "GetComponentPolicy";
const _GCPR = "GetComponentPolicyRequest";
const _GCPRe = "GetComponentPolicyResponse";
const _GCR = "GetComponentRequest";
const _GCRP = "GetContainerRecipePolicy";
const _GCRPR = "GetContainerRecipePolicyRequest";
const _GCRPRe = "GetContainerRecipePolicyResponse";
const _GCRR = "GetContainerRecipeRequest";
const _GCRRe = "GetContainerRecipeResponse";
const _GCRe = "GetComponentResponse";
const _GCRet = "GetContainerRecipe";
const _GDC = "GetDistributionConfiguration";
const _GDCR = "GetDistributionConfigurationRequest";
const _GDCRe = "GetDistributionConfigurationResponse";
const _GI = "GetImage";
const _GIC = "GetInfrastructureConfiguration";
const _GICR = "GetInfrastructureConfigurationRequest";
const _GICRe = "GetInfrastructureConfigurationResponse";
const _GIP = "GetImagePipeline";
const _GIPR = "GetImagePipelineRequest";
const _GIPRe = "GetImagePipelineResponse";
const _GIPRet = "GetImagePolicyRequest";
const _GIPRetm = "GetImagePolicyResponse";
const _GIPe = "GetImagePolicy";
const _GIR = "GetImageRequest";
const _GIRP = "GetImageRecipePolicy";
const _GIRPR = "GetImageRecipePolicyRequest";
const _GIRPRe = "GetImageRecipePolicyResponse";
const _GIRR = "GetImageRecipeRequest";
const _GIRRe = "GetImageRecipeResponse";
const _GIRe = "GetImageResponse";
const _GIRet = "GetImageRecipe";
const _GLE = "GetLifecycleExecution";
const _GLER = "GetLifecycleExecutionRequest";
const _GLERe = "GetLifecycleExecutionResponse";
const _GLP = "GetLifecyclePolicy";
const _GLPR = "GetLifecyclePolicyRequest";
const _GLPRe = "GetLifecyclePolicyResponse";
const _GMR = "GetMarketplaceResource";
const _GMRR = "GetMarketplaceResourceRequest";
const _GMRRe = "GetMarketplaceResourceResponse";
const _GW = "GetWorkflow";
const _GWE = "GetWorkflowExecution";
const _GWER = "GetWorkflowExecutionRequest";
const _GWERe = "GetWorkflowExecutionResponse";
const _GWR = "GetWorkflowRequest";
const _GWRe = "GetWorkflowResponse";
const _GWSE = "GetWorkflowStepExecution";
const _GWSER = "GetWorkflowStepExecutionRequest";
const _GWSERe = "GetWorkflowStepExecutionResponse";
const _I = "Image";
const _IA = "ImageAggregation";
const _IBDM = "InstanceBlockDeviceMapping";
const _IBDMn = "InstanceBlockDeviceMappings";
const _IC = "InfrastructureConfiguration";
const _ICR = "ImportComponentRequest";
const _ICRm = "ImportComponentResponse";
const _ICS = "InfrastructureConfigurationSummary";
const _ICSL = "InfrastructureConfigurationSummaryList";
const _ICm = "ImportComponent";
const _ICn = "InstanceConfiguration";
const _IDI = "ImportDiskImage";
const _IDIR = "ImportDiskImageRequest";
const _IDIRm = "ImportDiskImageResponse";
const _ILC = "ImageLoggingConfiguration";
const _IMO = "InstanceMetadataOptions";
const _IP = "ImagePackage";
const _IPA = "ImagePipelineAggregation";
const _IPCE = "InvalidParameterCombinationException";
const _IPE = "InvalidParameterException";
const _IPL = "ImagePackageList";
const _IPLm = "ImagePipelineList";
const _IPME = "IdempotentParameterMismatchException";
const _IPTE = "InvalidPaginationTokenException";
const _IPVE = "InvalidParameterValueException";
const _IPm = "ImagePipeline";
const _IR = "ImageRecipe";
const _IRE = "InvalidRequestException";
const _IRS = "ImageRecipeSummary";
const _IRSL = "ImageRecipeSummaryList";
const _IS = "ImageState";
const _ISC = "ImageScanningConfiguration";
const _ISD = "InspectorScoreDetails";
const _ISF = "ImageScanFinding";
const _ISFA = "ImageScanFindingAggregation";
const _ISFAL = "ImageScanFindingAggregationsList";
const _ISFF = "ImageScanFindingsFilter";
const _ISFFL = "ImageScanFindingsFilterList";
const _ISFL = "ImageScanFindingsList";
const _ISL = "ImageSummaryList";
const _ISS = "ImageScanState";
const _ISm = "ImageSummary";
const _ITC = "ImageTestsConfiguration";
const _IV = "ImageVersion";
const _IVI = "ImportVmImage";
const _IVIR = "ImportVmImageRequest";
const _IVIRm = "ImportVmImageResponse";
const _IVL = "ImageVersionList";
const _IVNE = "InvalidVersionNumberException";
const _L = "Logging";
const _LC = "ListComponents";
const _LCBV = "ListComponentBuildVersions";
const _LCBVR = "ListComponentBuildVersionsRequest";
const _LCBVRi = "ListComponentBuildVersionsResponse";
const _LCR = "ListComponentsRequest";
const _LCRR = "ListContainerRecipesRequest";
const _LCRRi = "ListContainerRecipesResponse";
const _LCRi = "ListComponentsResponse";
const _LCRis = "ListContainerRecipes";
const _LDC = "ListDistributionConfigurations";
const _LDCR = "ListDistributionConfigurationsRequest";
const _LDCRi = "ListDistributionConfigurationsResponse";
const _LE = "LifecycleExecution";
const _LEL = "LifecycleExecutionsList";
const _LER = "LifecycleExecutionResource";
const _LERA = "LifecycleExecutionResourceAction";
const _LERIS = "LifecycleExecutionResourcesImpactedSummary";
const _LERL = "LifecycleExecutionResourceList";
const _LERS = "LifecycleExecutionResourceState";
const _LES = "LifecycleExecutionState";
const _LESR = "LifecycleExecutionSnapshotResource";
const _LESRL = "LifecycleExecutionSnapshotResourceList";
const _LI = "ListImages";
const _LIBV = "ListImageBuildVersions";
const _LIBVR = "ListImageBuildVersionsRequest";
const _LIBVRi = "ListImageBuildVersionsResponse";
const _LIC = "ListInfrastructureConfigurations";
const _LICR = "ListInfrastructureConfigurationsRequest";
const _LICRi = "ListInfrastructureConfigurationsResponse";
const _LIP = "ListImagePackages";
const _LIPI = "ListImagePipelineImages";
const _LIPIR = "ListImagePipelineImagesRequest";
const _LIPIRi = "ListImagePipelineImagesResponse";
const _LIPR = "ListImagePackagesRequest";
const _LIPRi = "ListImagePackagesResponse";
const _LIPRis = "ListImagePipelinesRequest";
const _LIPRist = "ListImagePipelinesResponse";
const _LIPi = "ListImagePipelines";
const _LIR = "ListImagesRequest";
const _LIRR = "ListImageRecipesRequest";
const _LIRRi = "ListImageRecipesResponse";
const _LIRi = "ListImagesResponse";
const _LIRis = "ListImageRecipes";
const _LISF = "ListImageScanFindings";
const _LISFA = "ListImageScanFindingAggregations";
const _LISFAR = "ListImageScanFindingAggregationsRequest";
const _LISFARi = "ListImageScanFindingAggregationsResponse";
const _LISFR = "ListImageScanFindingsRequest";
const _LISFRi = "ListImageScanFindingsResponse";
const _LLE = "ListLifecycleExecutions";
const _LLER = "ListLifecycleExecutionsRequest";
const _LLERR = "ListLifecycleExecutionResourcesRequest";
const _LLERRi = "ListLifecycleExecutionResourcesResponse";
const _LLERi = "ListLifecycleExecutionsResponse";
const _LLERis = "ListLifecycleExecutionResources";
const _LLP = "ListLifecyclePolicies";
const _LLPR = "ListLifecyclePoliciesRequest";
const _LLPRi = "ListLifecyclePoliciesResponse";
const _LP = "LifecyclePolicy";
const _LPC = "LaunchPermissionConfiguration";
const _LPD = "LifecyclePolicyDetail";
const _LPDA = "LifecyclePolicyDetailAction";
const _LPDAIR = "LifecyclePolicyDetailActionIncludeResources";
const _LPDER = "LifecyclePolicyDetailExclusionRules";
const _LPDERA = "LifecyclePolicyDetailExclusionRulesAmis";
const _LPDERALL = "LifecyclePolicyDetailExclusionRulesAmisLastLaunched";
const _LPDF = "LifecyclePolicyDetailFilter";
const _LPDi = "LifecyclePolicyDetails";
const _LPRS = "LifecyclePolicyResourceSelection";
const _LPRSR = "LifecyclePolicyResourceSelectionRecipe";
const _LPRSRi = "LifecyclePolicyResourceSelectionRecipes";
const _LPS = "LifecyclePolicySummary";
const _LPSL = "LifecyclePolicySummaryList";
const _LTC = "LaunchTemplateConfiguration";
const _LTCL = "LaunchTemplateConfigurationList";
const _LTFR = "ListTagsForResource";
const _LTFRR = "ListTagsForResourceRequest";
const _LTFRRi = "ListTagsForResourceResponse";
const _LVR = "LatestVersionReferences";
const _LW = "ListWorkflows";
const _LWBV = "ListWorkflowBuildVersions";
const _LWBVR = "ListWorkflowBuildVersionsRequest";
const _LWBVRi = "ListWorkflowBuildVersionsResponse";
const _LWE = "ListWorkflowExecutions";
const _LWER = "ListWorkflowExecutionsRequest";
const _LWERi = "ListWorkflowExecutionsResponse";
const _LWR = "ListWorkflowsRequest";
const _LWRi = "ListWorkflowsResponse";
const _LWSE = "ListWorkflowStepExecutions";
const _LWSER = "ListWorkflowStepExecutionsRequest";
const _LWSERi = "ListWorkflowStepExecutionsResponse";
const _LWWS = "ListWaitingWorkflowSteps";
const _LWWSR = "ListWaitingWorkflowStepsRequest";
const _LWWSRi = "ListWaitingWorkflowStepsResponse";
const _OR = "OutputResources";
const _P = "Placement";
const _PCL = "ProductCodeList";
const _PCLI = "ProductCodeListItem";
const _PCP = "PutComponentPolicy";
const _PCPR = "PutComponentPolicyRequest";
const _PCPRu = "PutComponentPolicyResponse";
const _PCRP = "PutContainerRecipePolicy";
const _PCRPR = "PutContainerRecipePolicyRequest";
const _PCRPRu = "PutContainerRecipePolicyResponse";
const _PIP = "PutImagePolicy";
const _PIPR = "PutImagePolicyRequest";
const _PIPRu = "PutImagePolicyResponse";
const _PIRP = "PutImageRecipePolicy";
const _PIRPR = "PutImageRecipePolicyRequest";
const _PIRPRu = "PutImageRecipePolicyResponse";
const _PLC = "PipelineLoggingConfiguration";
const _PVD = "PackageVulnerabilityDetails";
const _R = "Remediation";
const _RAEE = "ResourceAlreadyExistsException";
const _RDE = "ResourceDependencyException";
const _RI = "RetryImage";
const _RIO = "RegisterImageOptions";
const _RIR = "RetryImageRequest";
const _RIRe = "RetryImageResponse";
const _RIUE = "ResourceInUseException";
const _RNFE = "ResourceNotFoundException";
const _RR = "RemediationRecommendation";
const _RS = "ResourceState";
const _RSUER = "ResourceStateUpdateExclusionRules";
const _RSUIR = "ResourceStateUpdateIncludeResources";
const _S = "Schedule";
const _SC = "SeverityCounts";
const _SE = "ServiceException";
const _SEC = "S3ExportConfiguration";
const _SIPE = "StartImagePipelineExecution";
const _SIPER = "StartImagePipelineExecutionRequest";
const _SIPERt = "StartImagePipelineExecutionResponse";
const _SL = "S3Logs";
const _SMA = "SystemsManagerAgent";
const _SPC = "SsmParameterConfiguration";
const _SPCL = "SsmParameterConfigurationList";
const _SQEE = "ServiceQuotaExceededException";
const _SRSU = "StartResourceStateUpdate";
const _SRSUR = "StartResourceStateUpdateRequest";
const _SRSURt = "StartResourceStateUpdateResponse";
const _SUE = "ServiceUnavailableException";
const _SWSA = "SendWorkflowStepAction";
const _SWSAR = "SendWorkflowStepActionRequest";
const _SWSARe = "SendWorkflowStepActionResponse";
const _TCR = "TargetContainerRepository";
const _TMRE = "TooManyRequestsException";
const _TR = "TagResource";
const _TRR = "TagResourceRequest";
const _TRRa = "TagResourceResponse";
const _UDC = "UpdateDistributionConfiguration";
const _UDCR = "UpdateDistributionConfigurationRequest";
const _UDCRp = "UpdateDistributionConfigurationResponse";
const _UIC = "UpdateInfrastructureConfiguration";
const _UICR = "UpdateInfrastructureConfigurationRequest";
const _UICRp = "UpdateInfrastructureConfigurationResponse";
const _UIP = "UpdateImagePipeline";
const _UIPR = "UpdateImagePipelineRequest";
const _UIPRp = "UpdateImagePipelineResponse";
const _ULP = "UpdateLifecyclePolicy";
const _ULPR = "UpdateLifecyclePolicyRequest";
const _ULPRp = "UpdateLifecyclePolicyResponse";
const _UR = "UntagResource";
const _URR = "UntagResourceRequest";
const _URRn = "UntagResourceResponse";
const _VIA = "VulnerabilityIdAggregation";
const _VP = "VulnerablePackage";
const _VPL = "VulnerablePackageList";
const _W = "Workflow";
const _WC = "WindowsConfiguration";
const _WCL = "WorkflowConfigurationList";
const _WCo = "WorkflowConfiguration";
const _WEL = "WorkflowExecutionsList";
const _WEM = "WorkflowExecutionMetadata";
const _WP = "WorkflowParameter";
const _WPD = "WorkflowParameterDetail";
const _WPDL = "WorkflowParameterDetailList";
const _WPL = "WorkflowParameterList";
const _WS = "WorkflowState";
const _WSE = "WorkflowStepExecution";
const _WSEL = "WorkflowStepExecutionList";
const _WSELo = "WorkflowStepExecutionsList";
const _WSL = "WorkflowSummaryList";
const _WSM = "WorkflowStepMetadata";
const _WSo = "WorkflowSummary";
const _WV = "WorkflowVersion";
const _WVL = "WorkflowVersionList";
const _a = "arn";
const _aA = "accountAggregation";
const _aAI = "awsAccountId";
const _aAIm = "amiAccountId";
const _aC = "adjustedCvss";
const _aDC = "amiDistributionConfiguration";
const _aDP = "autoDisablePolicy";
const _aI = "accountId";
const _aIC = "additionalInstanceConfiguration";
const _aT = "amiTags";
const _aTg = "aggregationType";
const _aZ = "availabilityZone";
const _ac = "action";
const _ad = "adjustments";
const _al = "all";
const _am = "amis";
const _ar = "arch";
const _bDM = "blockDeviceMappings";
const _bN = "byName";
const _bS = "baseScore";
const _bT = "buildType";
const _c = "client";
const _cA = "componentArn";
const _cBVA = "componentBuildVersionArn";
const _cD = "changeDescription";
const _cDC = "containerDistributionConfiguration";
const _cF = "consecutiveFailures";
const _cR = "containerRecipe";
const _cRA = "containerRecipeArn";
const _cRSL = "containerRecipeSummaryList";
const _cS = "cvssSource";
const _cSL = "componentSummaryList";
const _cT = "clientToken";
const _cTo = "containerTags";
const _cTon = "containerType";
const _cVA = "componentVersionArn";
const _cVL = "componentVersionList";
const _co = "components";
const _com = "component";
const _con = "containers";
const _cr = "critical";
const _cv = "cvss";
const _d = "description";
const _dC = "dateCreated";
const _dCA = "distributionConfigurationArn";
const _dCSL = "distributionConfigurationSummaryList";
const _dCi = "distributionConfiguration";
const _dIF = "diskImageFormat";
const _dLR = "dateLastRun";
const _dN = "deviceName";
const _dNR = "dateNextRun";
const _dOT = "deleteOnTermination";
const _dR = "dryRun";
const _dT = "deprecationTime";
const _dTD = "dockerfileTemplateData";
const _dTU = "dockerfileTemplateUri";
const _dTa = "dataType";
const _dU = "dateUpdated";
const _dV = "defaultValue";
const _da = "data";
const _di = "distributions";
const _e = "error";
const _eC = "ecrConfiguration";
const _eIME = "enhancedImageMetadataEnabled";
const _eR = "executionRole";
const _eRx = "exclusionRules";
const _eT = "endTime";
const _eb = "ebs";
const _en = "encrypted";
const _ena = "enabled";
const _ep = "epoch";
const _f = "format";
const _fA = "fixAvailable";
const _fC = "failureCount";
const _fIV = "fixedInVersion";
const _fLC = "fastLaunchConfigurations";
const _fOA = "firstObservedAt";
const _fP = "filePath";
const _fi = "filter";
const _fil = "filters";
const _fin = "findings";
const _h = "high";
const _hE = "httpError";
const _hI = "hostId";
const _hIR = "hasImpactedResources";
const _hPRHL = "httpPutResponseHopLimit";
const _hQ = "httpQuery";
const _hRGA = "hostResourceGroupArn";
const _hT = "httpTokens";
const _ht = "http";
const _i = "image";
const _iA = "imageArn";
const _iAm = "imageAggregation";
const _iBVA = "imageBuildVersionArn";
const _iC = "instanceConfiguration";
const _iCA = "infrastructureConfigurationArn";
const _iCSL = "infrastructureConfigurationSummaryList";
const _iCn = "infrastructureConfiguration";
const _iD = "includeDeprecated";
const _iI = "instanceImage";
const _iIm = "imageIndex";
const _iLGN = "imageLogGroupName";
const _iMO = "instanceMetadataOptions";
const _iOVO = "imageOsVersionOverride";
const _iP = "imagePipeline";
const _iPA = "imagePipelineArn";
const _iPAm = "imagePipelineAggregation";
const _iPL = "imagePackageList";
const _iPLm = "imagePipelineList";
const _iPN = "instanceProfileName";
const _iPs = "isPublic";
const _iR = "imageRecipe";
const _iRA = "imageRecipeArn";
const _iRSL = "imageRecipeSummaryList";
const _iRn = "includeResources";
const _iS = "imageSource";
const _iSC = "imageScanningConfiguration";
const _iSD = "inspectorScoreDetails";
const _iSE = "imageScanningEnabled";
const _iSL = "imageSummaryList";
const _iSn = "inspectorScore";
const _iT = "imageTags";
const _iTC = "imageTestsConfiguration";
const _iTE = "imageTestsEnabled";
const _iTn = "instanceTypes";
const _iU = "imageUris";
const _iVA = "imageVersionArn";
const _iVL = "imageVersionList";
const _in = "inputs";
const _io = "iops";
const _kKI = "kmsKeyId";
const _kP = "keyPair";
const _l = "logging";
const _lC = "loggingConfiguration";
const _lCA = "licenseConfigurationArns";
const _lE = "lifecycleExecution";
const _lEI = "lifecycleExecutionId";
const _lES = "lifecycleExecutionState";
const _lEi = "lifecycleExecutions";
const _lGN = "logGroupName";
const _lL = "lastLaunched";
const _lMVA = "latestMajorVersionArn";
const _lMVAa = "latestMinorVersionArn";
const _lP = "launchPermission";
const _lPA = "lifecyclePolicyArn";
const _lPSL = "lifecyclePolicySummaryList";
const _lPVA = "latestPatchVersionArn";
const _lPi = "lifecyclePolicy";
const _lRS = "lastRunStatus";
const _lT = "launchTemplate";
const _lTC = "launchTemplateConfigurations";
const _lTI = "launchTemplateId";
const _lTN = "launchTemplateName";
const _lTV = "launchTemplateVersion";
const _lVA = "latestVersionArn";
const _lVR = "latestVersionReferences";
const _m = "message";
const _mPL = "maxParallelLaunches";
const _mR = "maxResults";
const _me = "metric";
const _med = "medium";
const _n = "name";
const _nD = "noDevice";
const _nT = "nextToken";
const _o = "owner";
const _oA = "organizationArns";
const _oF = "onFailure";
const _oR = "outputResources";
const _oUA = "organizationalUnitArns";
const _oV = "osVersion";
const _ob = "obfuscate";
const _ou = "outputs";
const _p = "platform";
const _pC = "productCodes";
const _pCI = "productCodeId";
const _pCT = "productCodeType";
const _pD = "policyDetails";
const _pESC = "pipelineExecutionStartCondition";
const _pG = "parallelGroup";
const _pI = "parentImage";
const _pLGN = "pipelineLogGroupName";
const _pM = "packageManager";
const _pN = "packageName";
const _pNa = "parameterName";
const _pO = "platformOverride";
const _pRI = "parentResourceId";
const _pV = "packageVersion";
const _pVD = "packageVulnerabilityDetails";
const _pa = "parameters";
const _pl = "placement";
const _po = "policy";
const _pu = "publisher";
const _r = "region";
const _rA = "resourceArn";
const _rAL = "retainAtLeast";
const _rI = "requestId";
const _rIO = "registerImageOptions";
const _rIS = "resourcesImpactedSummary";
const _rIe = "resourceId";
const _rL = "resourceLocation";
const _rN = "repositoryName";
const _rNo = "roleName";
const _rS = "resourceSelection";
const _rSo = "rollbackStatus";
const _rT = "resourceTags";
const _rTe = "resourceType";
const _rU = "referenceUrls";
const _rV = "relatedVulnerabilities";
const _re = "reason";
const _rec = "recipes";
const _reco = "recommendation";
const _reg = "regions";
const _rel = "release";
const _rem = "remediation";
const _res = "responses";
const _reso = "resources";
const _ret = "retried";
const _s = "smithy.ts.sdk.synthetic.com.amazonaws.imagebuilder";
const _sA = "sharedAccounts";
const _sB = "s3Bucket";
const _sBE = "secureBootEnabled";
const _sBN = "s3BucketName";
const _sC = "severityCounts";
const _sCn = "snapshotConfiguration";
const _sDV = "setDefaultVersion";
const _sE = "scheduleExpression";
const _sEC = "s3ExportConfiguration";
const _sEI = "stepExecutionId";
const _sGI = "securityGroupIds";
const _sI = "subnetId";
const _sIn = "snapshotId";
const _sIo = "sourceImage";
const _sKP = "s3KeyPrefix";
const _sL = "s3Logs";
const _sLH = "sourceLayerHash";
const _sMA = "systemsManagerAgent";
const _sOV = "supportedOsVersions";
const _sP = "s3Prefix";
const _sPA = "sourcePipelineArn";
const _sPC = "ssmParameterConfigurations";
const _sPN = "sourcePipelineName";
const _sS = "scoreSource";
const _sSc = "scanState";
const _sT = "startTime";
const _sTA = "snsTopicArn";
const _sU = "sourceUrl";
const _sV = "semanticVersion";
const _sVc = "scoringVector";
const _sc = "schedule";
const _sco = "score";
const _se = "server";
const _ser = "service";
const _sev = "severity";
const _sn = "snapshots";
const _so = "source";
const _st = "state";
const _sta = "status";
const _ste = "steps";
const _t = "type";
const _tAI = "targetAccountIds";
const _tIOF = "terminateInstanceOnFailure";
const _tK = "tagKeys";
const _tM = "timeoutMinutes";
const _tMa = "tagMap";
const _tR = "targetRepository";
const _tRC = "targetResourceCount";
const _tS = "timeoutSeconds";
const _tSC = "totalStepCount";
const _tSF = "totalStepsFailed";
const _tSS = "totalStepsSucceeded";
const _tSSo = "totalStepsSkipped";
const _ta = "tags";
const _te = "tenancy";
const _tex = "text";
const _th = "throughput";
const _ti = "title";
const _tim = "timezone";
const _u = "uri";
const _uA = "updatedAt";
const _uAB = "uninstallAfterBuild";
const _uAp = "updateAt";
const _uD = "uefiData";
const _uDO = "userDataOverride";
const _uG = "userGroups";
const _uI = "userIds";
const _un = "unit";
const _ur = "url";
const _v = "version";
const _vCA = "vendorCreatedAt";
const _vI = "vulnerabilityId";
const _vIA = "vulnerabilityIdAggregation";
const _vITI = "vmImportTaskId";
const _vN = "virtualName";
const _vP = "vulnerablePackages";
const _vS = "volumeSize";
const _vSe = "vendorSeverity";
const _vT = "volumeType";
const _vUA = "vendorUpdatedAt";
const _va = "value";
const _val = "values";
const _w = "workflows";
const _wA = "workflowArn";
const _wBVA = "workflowBuildVersionArn";
const _wC = "windowsConfiguration";
const _wD = "workingDirectory";
const _wE = "workflowExecutions";
const _wEI = "workflowExecutionId";
const _wSL = "workflowSummaryList";
const _wVA = "workflowVersionArn";
const _wVL = "workflowVersionList";
const _wo = "workflow";
const n0 = "com.amazonaws.imagebuilder";
const schema_1 = __webpack_require__(6890);
const errors_1 = __webpack_require__(1233);
const ImagebuilderServiceException_1 = __webpack_require__(318);
const _s_registry = schema_1.TypeRegistry.for(_s);
exports.ImagebuilderServiceException$ = [-3, _s, "ImagebuilderServiceException", 0, [], []];
_s_registry.registerError(exports.ImagebuilderServiceException$, ImagebuilderServiceException_1.ImagebuilderServiceException);
const n0_registry = schema_1.TypeRegistry.for(n0);
exports.AccessDeniedException$ = [-3, n0, _ADE,
    { [_e]: _c, [_hE]: 403 },
    [_m],
    [0]
];
n0_registry.registerError(exports.AccessDeniedException$, errors_1.AccessDeniedException);
exports.CallRateLimitExceededException$ = [-3, n0, _CRLEE,
    { [_e]: _c, [_hE]: 429 },
    [_m],
    [0]
];
n0_registry.registerError(exports.CallRateLimitExceededException$, errors_1.CallRateLimitExceededException);
exports.ClientException$ = [-3, n0, _CE,
    { [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(exports.ClientException$, errors_1.ClientException);
exports.DryRunOperationException$ = [-3, n0, _DROE,
    { [_e]: _c, [_hE]: 412 },
    [_m],
    [0]
];
n0_registry.registerError(exports.DryRunOperationException$, errors_1.DryRunOperationException);
exports.ForbiddenException$ = [-3, n0, _FE,
    { [_e]: _c, [_hE]: 403 },
    [_m],
    [0]
];
n0_registry.registerError(exports.ForbiddenException$, errors_1.ForbiddenException);
exports.IdempotentParameterMismatchException$ = [-3, n0, _IPME,
    { [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(exports.IdempotentParameterMismatchException$, errors_1.IdempotentParameterMismatchException);
exports.InvalidPaginationTokenException$ = [-3, n0, _IPTE,
    { [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(exports.InvalidPaginationTokenException$, errors_1.InvalidPaginationTokenException);
exports.InvalidParameterCombinationException$ = [-3, n0, _IPCE,
    { [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(exports.InvalidParameterCombinationException$, errors_1.InvalidParameterCombinationException);
exports.InvalidParameterException$ = [-3, n0, _IPE,
    { [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(exports.InvalidParameterException$, errors_1.InvalidParameterException);
exports.InvalidParameterValueException$ = [-3, n0, _IPVE,
    { [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(exports.InvalidParameterValueException$, errors_1.InvalidParameterValueException);
exports.InvalidRequestException$ = [-3, n0, _IRE,
    { [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(exports.InvalidRequestException$, errors_1.InvalidRequestException);
exports.InvalidVersionNumberException$ = [-3, n0, _IVNE,
    { [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(exports.InvalidVersionNumberException$, errors_1.InvalidVersionNumberException);
exports.ResourceAlreadyExistsException$ = [-3, n0, _RAEE,
    { [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(exports.ResourceAlreadyExistsException$, errors_1.ResourceAlreadyExistsException);
exports.ResourceDependencyException$ = [-3, n0, _RDE,
    { [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(exports.ResourceDependencyException$, errors_1.ResourceDependencyException);
exports.ResourceInUseException$ = [-3, n0, _RIUE,
    { [_e]: _c, [_hE]: 400 },
    [_m],
    [0]
];
n0_registry.registerError(exports.ResourceInUseException$, errors_1.ResourceInUseException);
exports.ResourceNotFoundException$ = [-3, n0, _RNFE,
    { [_e]: _c, [_hE]: 404 },
    [_m],
    [0]
];
n0_registry.registerError(exports.ResourceNotFoundException$, errors_1.ResourceNotFoundException);
exports.ServiceException$ = [-3, n0, _SE,
    { [_e]: _se, [_hE]: 500 },
    [_m],
    [0]
];
n0_registry.registerError(exports.ServiceException$, errors_1.ServiceException);
exports.ServiceQuotaExceededException$ = [-3, n0, _SQEE,
    { [_e]: _c, [_hE]: 402 },
    [_m],
    [0]
];
n0_registry.registerError(exports.ServiceQuotaExceededException$, errors_1.ServiceQuotaExceededException);
exports.ServiceUnavailableException$ = [-3, n0, _SUE,
    { [_e]: _se, [_hE]: 503 },
    [_m],
    [0]
];
n0_registry.registerError(exports.ServiceUnavailableException$, errors_1.ServiceUnavailableException);
exports.TooManyRequestsException$ = [-3, n0, _TMRE,
    { [_e]: _c, [_hE]: 429 },
    [_m],
    [0]
];
n0_registry.registerError(exports.TooManyRequestsException$, errors_1.TooManyRequestsException);
exports.errorTypeRegistries = [
    _s_registry,
    n0_registry,
];
exports.AccountAggregation$ = [3, n0, _AA,
    0,
    [_aI, _sC],
    [0, () => exports.SeverityCounts$]
];
exports.AdditionalInstanceConfiguration$ = [3, n0, _AIC,
    0,
    [_sMA, _uDO],
    [() => exports.SystemsManagerAgent$, 0]
];
exports.Ami$ = [3, n0, _A,
    0,
    [_r, _i, _n, _d, _st, _aI],
    [0, 0, 0, 0, () => exports.ImageState$, 0]
];
exports.AmiDistributionConfiguration$ = [3, n0, _ADC,
    0,
    [_n, _d, _tAI, _aT, _kKI, _lP],
    [0, 0, 64 | 0, 128 | 0, 0, () => exports.LaunchPermissionConfiguration$]
];
exports.AutoDisablePolicy$ = [3, n0, _ADP,
    0,
    [_fC],
    [1], 1
];
exports.CancelImageCreationRequest$ = [3, n0, _CICR,
    0,
    [_iBVA, _cT],
    [0, [0, 4]], 1
];
exports.CancelImageCreationResponse$ = [3, n0, _CICRa,
    0,
    [_rI, _cT, _iBVA],
    [0, 0, 0]
];
exports.CancelLifecycleExecutionRequest$ = [3, n0, _CLER,
    0,
    [_lEI, _cT],
    [0, [0, 4]], 1
];
exports.CancelLifecycleExecutionResponse$ = [3, n0, _CLERa,
    0,
    [_lEI],
    [0]
];
exports.Component$ = [3, n0, _C,
    0,
    [_a, _n, _v, _d, _cD, _t, _p, _sOV, _st, _pa, _o, _da, _kKI, _en, _dC, _ta, _pu, _ob, _pC],
    [0, 0, 0, 0, 0, 0, 0, 64 | 0, () => exports.ComponentState$, () => ComponentParameterDetailList, 0, 0, 0, 2, 0, 128 | 0, 0, 2, () => ProductCodeList]
];
exports.ComponentConfiguration$ = [3, n0, _CC,
    0,
    [_cA, _pa],
    [0, () => ComponentParameterList], 1
];
exports.ComponentParameter$ = [3, n0, _CP,
    0,
    [_n, _va],
    [0, 64 | 0], 2
];
exports.ComponentParameterDetail$ = [3, n0, _CPD,
    0,
    [_n, _t, _dV, _d],
    [0, 0, 64 | 0, 0], 2
];
exports.ComponentState$ = [3, n0, _CS,
    0,
    [_sta, _re],
    [0, 0]
];
exports.ComponentSummary$ = [3, n0, _CSo,
    0,
    [_a, _n, _v, _p, _sOV, _st, _t, _o, _d, _cD, _dC, _ta, _pu, _ob],
    [0, 0, 0, 0, 64 | 0, () => exports.ComponentState$, 0, 0, 0, 0, 0, 128 | 0, 0, 2]
];
exports.ComponentVersion$ = [3, n0, _CV,
    0,
    [_a, _n, _v, _d, _p, _sOV, _t, _o, _dC, _sta, _pC],
    [0, 0, 0, 0, 0, 64 | 0, 0, 0, 0, 0, () => ProductCodeList]
];
exports.Container$ = [3, n0, _Co,
    0,
    [_r, _iU],
    [0, 64 | 0]
];
exports.ContainerDistributionConfiguration$ = [3, n0, _CDC,
    0,
    [_tR, _d, _cTo],
    [() => exports.TargetContainerRepository$, 0, 64 | 0], 1
];
exports.ContainerRecipe$ = [3, n0, _CR,
    0,
    [_a, _cTon, _n, _d, _p, _o, _v, _co, _iC, _dTD, _kKI, _en, _pI, _dC, _ta, _wD, _tR],
    [0, 0, 0, 0, 0, 0, 0, () => ComponentConfigurationList, () => exports.InstanceConfiguration$, 0, 0, 2, 0, 0, 128 | 0, 0, () => exports.TargetContainerRepository$]
];
exports.ContainerRecipeSummary$ = [3, n0, _CRS,
    0,
    [_a, _cTon, _n, _p, _o, _pI, _dC, _iI, _ta],
    [0, 0, 0, 0, 0, 0, 0, 0, 128 | 0]
];
exports.CreateComponentRequest$ = [3, n0, _CCR,
    0,
    [_n, _sV, _p, _d, _cD, _sOV, _da, _u, _kKI, _ta, _cT, _dR],
    [0, 0, 0, 0, 0, 64 | 0, 0, 0, 0, 128 | 0, [0, 4], 2], 3
];
exports.CreateComponentResponse$ = [3, n0, _CCRr,
    0,
    [_rI, _cT, _cBVA, _lVR],
    [0, 0, 0, () => exports.LatestVersionReferences$]
];
exports.CreateContainerRecipeRequest$ = [3, n0, _CCRR,
    0,
    [_cTon, _n, _sV, _pI, _tR, _d, _co, _iC, _dTD, _dTU, _pO, _iOVO, _ta, _wD, _kKI, _cT],
    [0, 0, 0, 0, () => exports.TargetContainerRepository$, 0, () => ComponentConfigurationList, () => exports.InstanceConfiguration$, 0, 0, 0, 0, 128 | 0, 0, 0, [0, 4]], 5
];
exports.CreateContainerRecipeResponse$ = [3, n0, _CCRRr,
    0,
    [_rI, _cT, _cRA, _lVR],
    [0, 0, 0, () => exports.LatestVersionReferences$]
];
exports.CreateDistributionConfigurationRequest$ = [3, n0, _CDCR,
    0,
    [_n, _di, _d, _ta, _cT],
    [0, () => DistributionList, 0, 128 | 0, [0, 4]], 2
];
exports.CreateDistributionConfigurationResponse$ = [3, n0, _CDCRr,
    0,
    [_rI, _cT, _dCA],
    [0, 0, 0]
];
exports.CreateImagePipelineRequest$ = [3, n0, _CIPR,
    0,
    [_n, _iCA, _d, _iRA, _cRA, _dCA, _iTC, _eIME, _sc, _sta, _ta, _iT, _cT, _iSC, _w, _eR, _lC],
    [0, 0, 0, 0, 0, 0, () => exports.ImageTestsConfiguration$, 2, () => exports.Schedule$, 0, 128 | 0, 128 | 0, [0, 4], () => exports.ImageScanningConfiguration$, () => WorkflowConfigurationList, 0, () => exports.PipelineLoggingConfiguration$], 2
];
exports.CreateImagePipelineResponse$ = [3, n0, _CIPRr,
    0,
    [_rI, _cT, _iPA],
    [0, 0, 0]
];
exports.CreateImageRecipeRequest$ = [3, n0, _CIRR,
    0,
    [_n, _sV, _pI, _d, _co, _bDM, _ta, _wD, _aIC, _aT, _cT],
    [0, 0, 0, 0, () => ComponentConfigurationList, () => InstanceBlockDeviceMappings, 128 | 0, 0, () => exports.AdditionalInstanceConfiguration$, 128 | 0, [0, 4]], 3
];
exports.CreateImageRecipeResponse$ = [3, n0, _CIRRr,
    0,
    [_rI, _cT, _iRA, _lVR],
    [0, 0, 0, () => exports.LatestVersionReferences$]
];
exports.CreateImageRequest$ = [3, n0, _CIR,
    0,
    [_iCA, _iRA, _cRA, _dCA, _iTC, _eIME, _ta, _cT, _iSC, _w, _eR, _lC],
    [0, 0, 0, 0, () => exports.ImageTestsConfiguration$, 2, 128 | 0, [0, 4], () => exports.ImageScanningConfiguration$, () => WorkflowConfigurationList, 0, () => exports.ImageLoggingConfiguration$], 1
];
exports.CreateImageResponse$ = [3, n0, _CIRr,
    0,
    [_rI, _cT, _iBVA, _lVR],
    [0, 0, 0, () => exports.LatestVersionReferences$]
];
exports.CreateInfrastructureConfigurationRequest$ = [3, n0, _CICRr,
    0,
    [_n, _iPN, _d, _iTn, _sGI, _sI, _l, _kP, _tIOF, _sTA, _rT, _iMO, _ta, _pl, _cT],
    [0, 0, 0, 64 | 0, 64 | 0, 0, () => exports.Logging$, 0, 2, 0, 128 | 0, () => exports.InstanceMetadataOptions$, 128 | 0, () => exports.Placement$, [0, 4]], 2
];
exports.CreateInfrastructureConfigurationResponse$ = [3, n0, _CICRre,
    0,
    [_rI, _cT, _iCA],
    [0, 0, 0]
];
exports.CreateLifecyclePolicyRequest$ = [3, n0, _CLPR,
    0,
    [_n, _eR, _rTe, _pD, _rS, _d, _sta, _ta, _cT],
    [0, 0, 0, () => LifecyclePolicyDetails, () => exports.LifecyclePolicyResourceSelection$, 0, 0, 128 | 0, [0, 4]], 5
];
exports.CreateLifecyclePolicyResponse$ = [3, n0, _CLPRr,
    0,
    [_cT, _lPA],
    [0, 0]
];
exports.CreateWorkflowRequest$ = [3, n0, _CWR,
    0,
    [_n, _sV, _t, _d, _cD, _da, _u, _kKI, _ta, _cT, _dR],
    [0, 0, 0, 0, 0, 0, 0, 0, 128 | 0, [0, 4], 2], 3
];
exports.CreateWorkflowResponse$ = [3, n0, _CWRr,
    0,
    [_cT, _wBVA, _lVR],
    [0, 0, () => exports.LatestVersionReferences$]
];
exports.CvssScore$ = [3, n0, _CSv,
    0,
    [_bS, _sVc, _v, _so],
    [1, 0, 0, 0]
];
exports.CvssScoreAdjustment$ = [3, n0, _CSA,
    0,
    [_me, _re],
    [0, 0]
];
exports.CvssScoreDetails$ = [3, n0, _CSD,
    0,
    [_sS, _cS, _v, _sco, _sVc, _ad],
    [0, 0, 0, 1, 0, () => CvssScoreAdjustmentList]
];
exports.DeleteComponentRequest$ = [3, n0, _DCR,
    0,
    [_cBVA],
    [[0, { [_hQ]: _cBVA }]], 1
];
exports.DeleteComponentResponse$ = [3, n0, _DCRe,
    0,
    [_rI, _cBVA],
    [0, 0]
];
exports.DeleteContainerRecipeRequest$ = [3, n0, _DCRR,
    0,
    [_cRA],
    [[0, { [_hQ]: _cRA }]], 1
];
exports.DeleteContainerRecipeResponse$ = [3, n0, _DCRRe,
    0,
    [_rI, _cRA],
    [0, 0]
];
exports.DeleteDistributionConfigurationRequest$ = [3, n0, _DDCR,
    0,
    [_dCA],
    [[0, { [_hQ]: _dCA }]], 1
];
exports.DeleteDistributionConfigurationResponse$ = [3, n0, _DDCRe,
    0,
    [_rI, _dCA],
    [0, 0]
];
exports.DeleteImagePipelineRequest$ = [3, n0, _DIPR,
    0,
    [_iPA],
    [[0, { [_hQ]: _iPA }]], 1
];
exports.DeleteImagePipelineResponse$ = [3, n0, _DIPRe,
    0,
    [_rI, _iPA],
    [0, 0]
];
exports.DeleteImageRecipeRequest$ = [3, n0, _DIRR,
    0,
    [_iRA],
    [[0, { [_hQ]: _iRA }]], 1
];
exports.DeleteImageRecipeResponse$ = [3, n0, _DIRRe,
    0,
    [_rI, _iRA],
    [0, 0]
];
exports.DeleteImageRequest$ = [3, n0, _DIR,
    0,
    [_iBVA],
    [[0, { [_hQ]: _iBVA }]], 1
];
exports.DeleteImageResponse$ = [3, n0, _DIRe,
    0,
    [_rI, _iBVA],
    [0, 0]
];
exports.DeleteInfrastructureConfigurationRequest$ = [3, n0, _DICR,
    0,
    [_iCA],
    [[0, { [_hQ]: _iCA }]], 1
];
exports.DeleteInfrastructureConfigurationResponse$ = [3, n0, _DICRe,
    0,
    [_rI, _iCA],
    [0, 0]
];
exports.DeleteLifecyclePolicyRequest$ = [3, n0, _DLPR,
    0,
    [_lPA],
    [[0, { [_hQ]: _lPA }]], 1
];
exports.DeleteLifecyclePolicyResponse$ = [3, n0, _DLPRe,
    0,
    [_lPA],
    [0]
];
exports.DeleteWorkflowRequest$ = [3, n0, _DWR,
    0,
    [_wBVA],
    [[0, { [_hQ]: _wBVA }]], 1
];
exports.DeleteWorkflowResponse$ = [3, n0, _DWRe,
    0,
    [_wBVA],
    [0]
];
exports.DistributeImageRequest$ = [3, n0, _DIRi,
    0,
    [_sIo, _dCA, _eR, _ta, _cT, _lC],
    [0, 0, 0, 128 | 0, [0, 4], () => exports.ImageLoggingConfiguration$], 3
];
exports.DistributeImageResponse$ = [3, n0, _DIRis,
    0,
    [_cT, _iBVA],
    [0, 0]
];
exports.Distribution$ = [3, n0, _D,
    0,
    [_r, _aDC, _cDC, _lCA, _lTC, _sEC, _fLC, _sPC],
    [0, () => exports.AmiDistributionConfiguration$, () => exports.ContainerDistributionConfiguration$, 64 | 0, () => LaunchTemplateConfigurationList, () => exports.S3ExportConfiguration$, () => FastLaunchConfigurationList, () => SsmParameterConfigurationList], 1
];
exports.DistributionConfiguration$ = [3, n0, _DC,
    0,
    [_tM, _a, _n, _d, _di, _dC, _dU, _ta],
    [1, 0, 0, 0, () => DistributionList, 0, 0, 128 | 0], 1
];
exports.DistributionConfigurationSummary$ = [3, n0, _DCS,
    0,
    [_a, _n, _d, _dC, _dU, _ta, _reg],
    [0, 0, 0, 0, 0, 128 | 0, 64 | 0]
];
exports.EbsInstanceBlockDeviceSpecification$ = [3, n0, _EIBDS,
    0,
    [_en, _dOT, _io, _kKI, _sIn, _vS, _vT, _th],
    [2, 2, 1, 0, 0, 1, 0, 1]
];
exports.EcrConfiguration$ = [3, n0, _EC,
    0,
    [_rN, _cTo],
    [0, 64 | 0]
];
exports.FastLaunchConfiguration$ = [3, n0, _FLC,
    0,
    [_ena, _sCn, _mPL, _lT, _aI],
    [2, () => exports.FastLaunchSnapshotConfiguration$, 1, () => exports.FastLaunchLaunchTemplateSpecification$, 0], 1
];
exports.FastLaunchLaunchTemplateSpecification$ = [3, n0, _FLLTS,
    0,
    [_lTI, _lTN, _lTV],
    [0, 0, 0]
];
exports.FastLaunchSnapshotConfiguration$ = [3, n0, _FLSC,
    0,
    [_tRC],
    [1]
];
exports.Filter$ = [3, n0, _F,
    0,
    [_n, _val],
    [0, 64 | 0]
];
exports.GetComponentPolicyRequest$ = [3, n0, _GCPR,
    0,
    [_cA],
    [[0, { [_hQ]: _cA }]], 1
];
exports.GetComponentPolicyResponse$ = [3, n0, _GCPRe,
    0,
    [_rI, _po],
    [0, 0]
];
exports.GetComponentRequest$ = [3, n0, _GCR,
    0,
    [_cBVA],
    [[0, { [_hQ]: _cBVA }]], 1
];
exports.GetComponentResponse$ = [3, n0, _GCRe,
    0,
    [_rI, _com, _lVR],
    [0, () => exports.Component$, () => exports.LatestVersionReferences$]
];
exports.GetContainerRecipePolicyRequest$ = [3, n0, _GCRPR,
    0,
    [_cRA],
    [[0, { [_hQ]: _cRA }]], 1
];
exports.GetContainerRecipePolicyResponse$ = [3, n0, _GCRPRe,
    0,
    [_rI, _po],
    [0, 0]
];
exports.GetContainerRecipeRequest$ = [3, n0, _GCRR,
    0,
    [_cRA],
    [[0, { [_hQ]: _cRA }]], 1
];
exports.GetContainerRecipeResponse$ = [3, n0, _GCRRe,
    0,
    [_rI, _cR, _lVR],
    [0, () => exports.ContainerRecipe$, () => exports.LatestVersionReferences$]
];
exports.GetDistributionConfigurationRequest$ = [3, n0, _GDCR,
    0,
    [_dCA],
    [[0, { [_hQ]: _dCA }]], 1
];
exports.GetDistributionConfigurationResponse$ = [3, n0, _GDCRe,
    0,
    [_rI, _dCi],
    [0, () => exports.DistributionConfiguration$]
];
exports.GetImagePipelineRequest$ = [3, n0, _GIPR,
    0,
    [_iPA],
    [[0, { [_hQ]: _iPA }]], 1
];
exports.GetImagePipelineResponse$ = [3, n0, _GIPRe,
    0,
    [_rI, _iP],
    [0, () => exports.ImagePipeline$]
];
exports.GetImagePolicyRequest$ = [3, n0, _GIPRet,
    0,
    [_iA],
    [[0, { [_hQ]: _iA }]], 1
];
exports.GetImagePolicyResponse$ = [3, n0, _GIPRetm,
    0,
    [_rI, _po],
    [0, 0]
];
exports.GetImageRecipePolicyRequest$ = [3, n0, _GIRPR,
    0,
    [_iRA],
    [[0, { [_hQ]: _iRA }]], 1
];
exports.GetImageRecipePolicyResponse$ = [3, n0, _GIRPRe,
    0,
    [_rI, _po],
    [0, 0]
];
exports.GetImageRecipeRequest$ = [3, n0, _GIRR,
    0,
    [_iRA],
    [[0, { [_hQ]: _iRA }]], 1
];
exports.GetImageRecipeResponse$ = [3, n0, _GIRRe,
    0,
    [_rI, _iR, _lVR],
    [0, () => exports.ImageRecipe$, () => exports.LatestVersionReferences$]
];
exports.GetImageRequest$ = [3, n0, _GIR,
    0,
    [_iBVA],
    [[0, { [_hQ]: _iBVA }]], 1
];
exports.GetImageResponse$ = [3, n0, _GIRe,
    0,
    [_rI, _i, _lVR],
    [0, () => exports.Image$, () => exports.LatestVersionReferences$]
];
exports.GetInfrastructureConfigurationRequest$ = [3, n0, _GICR,
    0,
    [_iCA],
    [[0, { [_hQ]: _iCA }]], 1
];
exports.GetInfrastructureConfigurationResponse$ = [3, n0, _GICRe,
    0,
    [_rI, _iCn],
    [0, () => exports.InfrastructureConfiguration$]
];
exports.GetLifecycleExecutionRequest$ = [3, n0, _GLER,
    0,
    [_lEI],
    [[0, { [_hQ]: _lEI }]], 1
];
exports.GetLifecycleExecutionResponse$ = [3, n0, _GLERe,
    0,
    [_lE],
    [() => exports.LifecycleExecution$]
];
exports.GetLifecyclePolicyRequest$ = [3, n0, _GLPR,
    0,
    [_lPA],
    [[0, { [_hQ]: _lPA }]], 1
];
exports.GetLifecyclePolicyResponse$ = [3, n0, _GLPRe,
    0,
    [_lPi],
    [() => exports.LifecyclePolicy$]
];
exports.GetMarketplaceResourceRequest$ = [3, n0, _GMRR,
    0,
    [_rTe, _rA, _rL],
    [0, 0, 0], 2
];
exports.GetMarketplaceResourceResponse$ = [3, n0, _GMRRe,
    0,
    [_rA, _ur, _da],
    [0, 0, 0]
];
exports.GetWorkflowExecutionRequest$ = [3, n0, _GWER,
    0,
    [_wEI],
    [[0, { [_hQ]: _wEI }]], 1
];
exports.GetWorkflowExecutionResponse$ = [3, n0, _GWERe,
    0,
    [_rI, _wBVA, _wEI, _iBVA, _t, _sta, _m, _tSC, _tSS, _tSF, _tSSo, _sT, _eT, _pG],
    [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0]
];
exports.GetWorkflowRequest$ = [3, n0, _GWR,
    0,
    [_wBVA],
    [[0, { [_hQ]: _wBVA }]], 1
];
exports.GetWorkflowResponse$ = [3, n0, _GWRe,
    0,
    [_wo, _lVR],
    [() => exports.Workflow$, () => exports.LatestVersionReferences$]
];
exports.GetWorkflowStepExecutionRequest$ = [3, n0, _GWSER,
    0,
    [_sEI],
    [[0, { [_hQ]: _sEI }]], 1
];
exports.GetWorkflowStepExecutionResponse$ = [3, n0, _GWSERe,
    0,
    [_rI, _sEI, _wBVA, _wEI, _iBVA, _n, _d, _ac, _sta, _rSo, _m, _in, _ou, _sT, _eT, _oF, _tS],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]
];
exports.Image$ = [3, n0, _I,
    0,
    [_a, _t, _n, _v, _p, _eIME, _oV, _st, _iR, _cR, _sPN, _sPA, _iCn, _dCi, _iTC, _dC, _oR, _ta, _bT, _iS, _sSc, _iSC, _dT, _lEI, _eR, _w, _lC],
    [0, 0, 0, 0, 0, 2, 0, () => exports.ImageState$, () => exports.ImageRecipe$, () => exports.ContainerRecipe$, 0, 0, () => exports.InfrastructureConfiguration$, () => exports.DistributionConfiguration$, () => exports.ImageTestsConfiguration$, 0, () => exports.OutputResources$, 128 | 0, 0, 0, () => exports.ImageScanState$, () => exports.ImageScanningConfiguration$, 4, 0, 0, () => WorkflowConfigurationList, () => exports.ImageLoggingConfiguration$]
];
exports.ImageAggregation$ = [3, n0, _IA,
    0,
    [_iBVA, _sC],
    [0, () => exports.SeverityCounts$]
];
exports.ImageLoggingConfiguration$ = [3, n0, _ILC,
    0,
    [_lGN],
    [0]
];
exports.ImagePackage$ = [3, n0, _IP,
    0,
    [_pN, _pV],
    [0, 0]
];
exports.ImagePipeline$ = [3, n0, _IPm,
    0,
    [_a, _n, _d, _p, _eIME, _iRA, _cRA, _iCA, _dCA, _iTC, _sc, _sta, _dC, _dU, _dLR, _lRS, _dNR, _ta, _iSC, _iT, _eR, _w, _lC, _cF],
    [0, 0, 0, 0, 2, 0, 0, 0, 0, () => exports.ImageTestsConfiguration$, () => exports.Schedule$, 0, 0, 0, 0, 0, 0, 128 | 0, () => exports.ImageScanningConfiguration$, 128 | 0, 0, () => WorkflowConfigurationList, () => exports.PipelineLoggingConfiguration$, 1]
];
exports.ImagePipelineAggregation$ = [3, n0, _IPA,
    0,
    [_iPA, _sC],
    [0, () => exports.SeverityCounts$]
];
exports.ImageRecipe$ = [3, n0, _IR,
    0,
    [_a, _t, _n, _d, _p, _o, _v, _co, _pI, _bDM, _dC, _ta, _wD, _aIC, _aT],
    [0, 0, 0, 0, 0, 0, 0, () => ComponentConfigurationList, 0, () => InstanceBlockDeviceMappings, 0, 128 | 0, 0, () => exports.AdditionalInstanceConfiguration$, 128 | 0]
];
exports.ImageRecipeSummary$ = [3, n0, _IRS,
    0,
    [_a, _n, _p, _o, _pI, _dC, _ta],
    [0, 0, 0, 0, 0, 0, 128 | 0]
];
exports.ImageScanFinding$ = [3, n0, _ISF,
    0,
    [_aAI, _iBVA, _iPA, _t, _d, _ti, _rem, _sev, _fOA, _uA, _iSn, _iSD, _pVD, _fA],
    [0, 0, 0, 0, 0, 0, () => exports.Remediation$, 0, 4, 4, 1, () => exports.InspectorScoreDetails$, () => exports.PackageVulnerabilityDetails$, 0]
];
exports.ImageScanFindingAggregation$ = [3, n0, _ISFA,
    0,
    [_aA, _iAm, _iPAm, _vIA],
    [() => exports.AccountAggregation$, () => exports.ImageAggregation$, () => exports.ImagePipelineAggregation$, () => exports.VulnerabilityIdAggregation$]
];
exports.ImageScanFindingsFilter$ = [3, n0, _ISFF,
    0,
    [_n, _val],
    [0, 64 | 0]
];
exports.ImageScanningConfiguration$ = [3, n0, _ISC,
    0,
    [_iSE, _eC],
    [2, () => exports.EcrConfiguration$]
];
exports.ImageScanState$ = [3, n0, _ISS,
    0,
    [_sta, _re],
    [0, 0]
];
exports.ImageState$ = [3, n0, _IS,
    0,
    [_sta, _re],
    [0, 0]
];
exports.ImageSummary$ = [3, n0, _ISm,
    0,
    [_a, _n, _t, _v, _p, _oV, _st, _o, _dC, _oR, _ta, _bT, _iS, _dT, _lEI, _lC],
    [0, 0, 0, 0, 0, 0, () => exports.ImageState$, 0, 0, () => exports.OutputResources$, 128 | 0, 0, 0, 4, 0, () => exports.ImageLoggingConfiguration$]
];
exports.ImageTestsConfiguration$ = [3, n0, _ITC,
    0,
    [_iTE, _tM],
    [2, 1]
];
exports.ImageVersion$ = [3, n0, _IV,
    0,
    [_a, _n, _t, _v, _p, _oV, _o, _dC, _bT, _iS],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
];
exports.ImportComponentRequest$ = [3, n0, _ICR,
    0,
    [_n, _sV, _t, _f, _p, _d, _cD, _da, _u, _kKI, _ta, _cT],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 128 | 0, [0, 4]], 5
];
exports.ImportComponentResponse$ = [3, n0, _ICRm,
    0,
    [_rI, _cT, _cBVA],
    [0, 0, 0]
];
exports.ImportDiskImageRequest$ = [3, n0, _IDIR,
    0,
    [_n, _sV, _p, _oV, _iCA, _u, _d, _eR, _lC, _ta, _rIO, _wC, _cT],
    [0, 0, 0, 0, 0, 0, 0, 0, () => exports.ImageLoggingConfiguration$, 128 | 0, () => exports.RegisterImageOptions$, () => exports.WindowsConfiguration$, [0, 4]], 6
];
exports.ImportDiskImageResponse$ = [3, n0, _IDIRm,
    0,
    [_cT, _iBVA],
    [0, 0]
];
exports.ImportVmImageRequest$ = [3, n0, _IVIR,
    0,
    [_n, _sV, _p, _vITI, _d, _oV, _lC, _ta, _cT],
    [0, 0, 0, 0, 0, 0, () => exports.ImageLoggingConfiguration$, 128 | 0, [0, 4]], 4
];
exports.ImportVmImageResponse$ = [3, n0, _IVIRm,
    0,
    [_rI, _iA, _cT],
    [0, 0, 0]
];
exports.InfrastructureConfiguration$ = [3, n0, _IC,
    0,
    [_a, _n, _d, _iTn, _iPN, _sGI, _sI, _l, _kP, _tIOF, _sTA, _dC, _dU, _rT, _iMO, _ta, _pl],
    [0, 0, 0, 64 | 0, 0, 64 | 0, 0, () => exports.Logging$, 0, 2, 0, 0, 0, 128 | 0, () => exports.InstanceMetadataOptions$, 128 | 0, () => exports.Placement$]
];
exports.InfrastructureConfigurationSummary$ = [3, n0, _ICS,
    0,
    [_a, _n, _d, _dC, _dU, _rT, _ta, _iTn, _iPN, _pl],
    [0, 0, 0, 0, 0, 128 | 0, 128 | 0, 64 | 0, 0, () => exports.Placement$]
];
exports.InspectorScoreDetails$ = [3, n0, _ISD,
    0,
    [_aC],
    [() => exports.CvssScoreDetails$]
];
exports.InstanceBlockDeviceMapping$ = [3, n0, _IBDM,
    0,
    [_dN, _eb, _vN, _nD],
    [0, () => exports.EbsInstanceBlockDeviceSpecification$, 0, 0]
];
exports.InstanceConfiguration$ = [3, n0, _ICn,
    0,
    [_i, _bDM],
    [0, () => InstanceBlockDeviceMappings]
];
exports.InstanceMetadataOptions$ = [3, n0, _IMO,
    0,
    [_hT, _hPRHL],
    [0, 1]
];
exports.LatestVersionReferences$ = [3, n0, _LVR,
    0,
    [_lVA, _lMVA, _lMVAa, _lPVA],
    [0, 0, 0, 0]
];
exports.LaunchPermissionConfiguration$ = [3, n0, _LPC,
    0,
    [_uI, _uG, _oA, _oUA],
    [64 | 0, 64 | 0, 64 | 0, 64 | 0]
];
exports.LaunchTemplateConfiguration$ = [3, n0, _LTC,
    0,
    [_lTI, _aI, _sDV],
    [0, 0, 2], 1
];
exports.LifecycleExecution$ = [3, n0, _LE,
    0,
    [_lEI, _lPA, _rIS, _st, _sT, _eT],
    [0, 0, () => exports.LifecycleExecutionResourcesImpactedSummary$, () => exports.LifecycleExecutionState$, 4, 4]
];
exports.LifecycleExecutionResource$ = [3, n0, _LER,
    0,
    [_aI, _rIe, _st, _ac, _r, _sn, _iU, _sT, _eT],
    [0, 0, () => exports.LifecycleExecutionResourceState$, () => exports.LifecycleExecutionResourceAction$, 0, () => LifecycleExecutionSnapshotResourceList, 64 | 0, 4, 4]
];
exports.LifecycleExecutionResourceAction$ = [3, n0, _LERA,
    0,
    [_n, _re],
    [0, 0]
];
exports.LifecycleExecutionResourcesImpactedSummary$ = [3, n0, _LERIS,
    0,
    [_hIR],
    [2]
];
exports.LifecycleExecutionResourceState$ = [3, n0, _LERS,
    0,
    [_sta, _re],
    [0, 0]
];
exports.LifecycleExecutionSnapshotResource$ = [3, n0, _LESR,
    0,
    [_sIn, _st],
    [0, () => exports.LifecycleExecutionResourceState$]
];
exports.LifecycleExecutionState$ = [3, n0, _LES,
    0,
    [_sta, _re],
    [0, 0]
];
exports.LifecyclePolicy$ = [3, n0, _LP,
    0,
    [_a, _n, _d, _sta, _eR, _rTe, _pD, _rS, _dC, _dU, _dLR, _ta],
    [0, 0, 0, 0, 0, 0, () => LifecyclePolicyDetails, () => exports.LifecyclePolicyResourceSelection$, 4, 4, 4, 128 | 0]
];
exports.LifecyclePolicyDetail$ = [3, n0, _LPD,
    0,
    [_ac, _fi, _eRx],
    [() => exports.LifecyclePolicyDetailAction$, () => exports.LifecyclePolicyDetailFilter$, () => exports.LifecyclePolicyDetailExclusionRules$], 2
];
exports.LifecyclePolicyDetailAction$ = [3, n0, _LPDA,
    0,
    [_t, _iRn],
    [0, () => exports.LifecyclePolicyDetailActionIncludeResources$], 1
];
exports.LifecyclePolicyDetailActionIncludeResources$ = [3, n0, _LPDAIR,
    0,
    [_am, _sn, _con],
    [2, 2, 2]
];
exports.LifecyclePolicyDetailExclusionRules$ = [3, n0, _LPDER,
    0,
    [_tMa, _am],
    [128 | 0, () => exports.LifecyclePolicyDetailExclusionRulesAmis$]
];
exports.LifecyclePolicyDetailExclusionRulesAmis$ = [3, n0, _LPDERA,
    0,
    [_iPs, _reg, _sA, _lL, _tMa],
    [2, 64 | 0, 64 | 0, () => exports.LifecyclePolicyDetailExclusionRulesAmisLastLaunched$, 128 | 0]
];
exports.LifecyclePolicyDetailExclusionRulesAmisLastLaunched$ = [3, n0, _LPDERALL,
    0,
    [_va, _un],
    [1, 0], 2
];
exports.LifecyclePolicyDetailFilter$ = [3, n0, _LPDF,
    0,
    [_t, _va, _un, _rAL],
    [0, 1, 0, 1], 2
];
exports.LifecyclePolicyResourceSelection$ = [3, n0, _LPRS,
    0,
    [_rec, _tMa],
    [() => LifecyclePolicyResourceSelectionRecipes, 128 | 0]
];
exports.LifecyclePolicyResourceSelectionRecipe$ = [3, n0, _LPRSR,
    0,
    [_n, _sV],
    [0, 0], 2
];
exports.LifecyclePolicySummary$ = [3, n0, _LPS,
    0,
    [_a, _n, _d, _sta, _eR, _rTe, _dC, _dU, _dLR, _ta],
    [0, 0, 0, 0, 0, 0, 4, 4, 4, 128 | 0]
];
exports.ListComponentBuildVersionsRequest$ = [3, n0, _LCBVR,
    0,
    [_cVA, _mR, _nT],
    [0, 1, 0]
];
exports.ListComponentBuildVersionsResponse$ = [3, n0, _LCBVRi,
    0,
    [_rI, _cSL, _nT],
    [0, () => ComponentSummaryList, 0]
];
exports.ListComponentsRequest$ = [3, n0, _LCR,
    0,
    [_o, _fil, _bN, _mR, _nT],
    [0, () => FilterList, 2, 1, 0]
];
exports.ListComponentsResponse$ = [3, n0, _LCRi,
    0,
    [_rI, _cVL, _nT],
    [0, () => ComponentVersionList, 0]
];
exports.ListContainerRecipesRequest$ = [3, n0, _LCRR,
    0,
    [_o, _fil, _mR, _nT],
    [0, () => FilterList, 1, 0]
];
exports.ListContainerRecipesResponse$ = [3, n0, _LCRRi,
    0,
    [_rI, _cRSL, _nT],
    [0, () => ContainerRecipeSummaryList, 0]
];
exports.ListDistributionConfigurationsRequest$ = [3, n0, _LDCR,
    0,
    [_fil, _mR, _nT],
    [() => FilterList, 1, 0]
];
exports.ListDistributionConfigurationsResponse$ = [3, n0, _LDCRi,
    0,
    [_rI, _dCSL, _nT],
    [0, () => DistributionConfigurationSummaryList, 0]
];
exports.ListImageBuildVersionsRequest$ = [3, n0, _LIBVR,
    0,
    [_iVA, _fil, _mR, _nT],
    [0, () => FilterList, 1, 0]
];
exports.ListImageBuildVersionsResponse$ = [3, n0, _LIBVRi,
    0,
    [_rI, _iSL, _nT],
    [0, () => ImageSummaryList, 0]
];
exports.ListImagePackagesRequest$ = [3, n0, _LIPR,
    0,
    [_iBVA, _mR, _nT],
    [0, 1, 0], 1
];
exports.ListImagePackagesResponse$ = [3, n0, _LIPRi,
    0,
    [_rI, _iPL, _nT],
    [0, () => ImagePackageList, 0]
];
exports.ListImagePipelineImagesRequest$ = [3, n0, _LIPIR,
    0,
    [_iPA, _fil, _mR, _nT],
    [0, () => FilterList, 1, 0], 1
];
exports.ListImagePipelineImagesResponse$ = [3, n0, _LIPIRi,
    0,
    [_rI, _iSL, _nT],
    [0, () => ImageSummaryList, 0]
];
exports.ListImagePipelinesRequest$ = [3, n0, _LIPRis,
    0,
    [_fil, _mR, _nT],
    [() => FilterList, 1, 0]
];
exports.ListImagePipelinesResponse$ = [3, n0, _LIPRist,
    0,
    [_rI, _iPLm, _nT],
    [0, () => ImagePipelineList, 0]
];
exports.ListImageRecipesRequest$ = [3, n0, _LIRR,
    0,
    [_o, _fil, _mR, _nT],
    [0, () => FilterList, 1, 0]
];
exports.ListImageRecipesResponse$ = [3, n0, _LIRRi,
    0,
    [_rI, _iRSL, _nT],
    [0, () => ImageRecipeSummaryList, 0]
];
exports.ListImageScanFindingAggregationsRequest$ = [3, n0, _LISFAR,
    0,
    [_fi, _nT],
    [() => exports.Filter$, 0]
];
exports.ListImageScanFindingAggregationsResponse$ = [3, n0, _LISFARi,
    0,
    [_rI, _aTg, _res, _nT],
    [0, 0, () => ImageScanFindingAggregationsList, 0]
];
exports.ListImageScanFindingsRequest$ = [3, n0, _LISFR,
    0,
    [_fil, _mR, _nT],
    [() => ImageScanFindingsFilterList, 1, 0]
];
exports.ListImageScanFindingsResponse$ = [3, n0, _LISFRi,
    0,
    [_rI, _fin, _nT],
    [0, () => ImageScanFindingsList, 0]
];
exports.ListImagesRequest$ = [3, n0, _LIR,
    0,
    [_o, _fil, _bN, _mR, _nT, _iD],
    [0, () => FilterList, 2, 1, 0, 2]
];
exports.ListImagesResponse$ = [3, n0, _LIRi,
    0,
    [_rI, _iVL, _nT],
    [0, () => ImageVersionList, 0]
];
exports.ListInfrastructureConfigurationsRequest$ = [3, n0, _LICR,
    0,
    [_fil, _mR, _nT],
    [() => FilterList, 1, 0]
];
exports.ListInfrastructureConfigurationsResponse$ = [3, n0, _LICRi,
    0,
    [_rI, _iCSL, _nT],
    [0, () => InfrastructureConfigurationSummaryList, 0]
];
exports.ListLifecycleExecutionResourcesRequest$ = [3, n0, _LLERR,
    0,
    [_lEI, _pRI, _mR, _nT],
    [0, 0, 1, 0], 1
];
exports.ListLifecycleExecutionResourcesResponse$ = [3, n0, _LLERRi,
    0,
    [_lEI, _lES, _reso, _nT],
    [0, () => exports.LifecycleExecutionState$, () => LifecycleExecutionResourceList, 0]
];
exports.ListLifecycleExecutionsRequest$ = [3, n0, _LLER,
    0,
    [_rA, _mR, _nT],
    [0, 1, 0], 1
];
exports.ListLifecycleExecutionsResponse$ = [3, n0, _LLERi,
    0,
    [_lEi, _nT],
    [() => LifecycleExecutionsList, 0]
];
exports.ListLifecyclePoliciesRequest$ = [3, n0, _LLPR,
    0,
    [_fil, _mR, _nT],
    [() => FilterList, 1, 0]
];
exports.ListLifecyclePoliciesResponse$ = [3, n0, _LLPRi,
    0,
    [_lPSL, _nT],
    [() => LifecyclePolicySummaryList, 0]
];
exports.ListTagsForResourceRequest$ = [3, n0, _LTFRR,
    0,
    [_rA],
    [[0, 1]], 1
];
exports.ListTagsForResourceResponse$ = [3, n0, _LTFRRi,
    0,
    [_ta],
    [128 | 0]
];
exports.ListWaitingWorkflowStepsRequest$ = [3, n0, _LWWSR,
    0,
    [_mR, _nT],
    [1, 0]
];
exports.ListWaitingWorkflowStepsResponse$ = [3, n0, _LWWSRi,
    0,
    [_ste, _nT],
    [() => WorkflowStepExecutionList, 0]
];
exports.ListWorkflowBuildVersionsRequest$ = [3, n0, _LWBVR,
    0,
    [_wVA, _mR, _nT],
    [0, 1, 0]
];
exports.ListWorkflowBuildVersionsResponse$ = [3, n0, _LWBVRi,
    0,
    [_wSL, _nT],
    [() => WorkflowSummaryList, 0]
];
exports.ListWorkflowExecutionsRequest$ = [3, n0, _LWER,
    0,
    [_iBVA, _mR, _nT],
    [0, 1, 0], 1
];
exports.ListWorkflowExecutionsResponse$ = [3, n0, _LWERi,
    0,
    [_rI, _wE, _iBVA, _m, _nT],
    [0, () => WorkflowExecutionsList, 0, 0, 0]
];
exports.ListWorkflowsRequest$ = [3, n0, _LWR,
    0,
    [_o, _fil, _bN, _mR, _nT],
    [0, () => FilterList, 2, 1, 0]
];
exports.ListWorkflowsResponse$ = [3, n0, _LWRi,
    0,
    [_wVL, _nT],
    [() => WorkflowVersionList, 0]
];
exports.ListWorkflowStepExecutionsRequest$ = [3, n0, _LWSER,
    0,
    [_wEI, _mR, _nT],
    [0, 1, 0], 1
];
exports.ListWorkflowStepExecutionsResponse$ = [3, n0, _LWSERi,
    0,
    [_rI, _ste, _wBVA, _wEI, _iBVA, _m, _nT],
    [0, () => WorkflowStepExecutionsList, 0, 0, 0, 0, 0]
];
exports.Logging$ = [3, n0, _L,
    0,
    [_sL],
    [() => exports.S3Logs$]
];
exports.OutputResources$ = [3, n0, _OR,
    0,
    [_am, _con],
    [() => AmiList, () => ContainerList]
];
exports.PackageVulnerabilityDetails$ = [3, n0, _PVD,
    0,
    [_vI, _vP, _so, _cv, _rV, _sU, _vSe, _vCA, _vUA, _rU],
    [0, () => VulnerablePackageList, 0, () => CvssScoreList, 64 | 0, 0, 0, 4, 4, 64 | 0], 1
];
exports.PipelineLoggingConfiguration$ = [3, n0, _PLC,
    0,
    [_iLGN, _pLGN],
    [0, 0]
];
exports.Placement$ = [3, n0, _P,
    0,
    [_aZ, _te, _hI, _hRGA],
    [0, 0, 0, 0]
];
exports.ProductCodeListItem$ = [3, n0, _PCLI,
    0,
    [_pCI, _pCT],
    [0, 0], 2
];
exports.PutComponentPolicyRequest$ = [3, n0, _PCPR,
    0,
    [_cA, _po],
    [0, 0], 2
];
exports.PutComponentPolicyResponse$ = [3, n0, _PCPRu,
    0,
    [_rI, _cA],
    [0, 0]
];
exports.PutContainerRecipePolicyRequest$ = [3, n0, _PCRPR,
    0,
    [_cRA, _po],
    [0, 0], 2
];
exports.PutContainerRecipePolicyResponse$ = [3, n0, _PCRPRu,
    0,
    [_rI, _cRA],
    [0, 0]
];
exports.PutImagePolicyRequest$ = [3, n0, _PIPR,
    0,
    [_iA, _po],
    [0, 0], 2
];
exports.PutImagePolicyResponse$ = [3, n0, _PIPRu,
    0,
    [_rI, _iA],
    [0, 0]
];
exports.PutImageRecipePolicyRequest$ = [3, n0, _PIRPR,
    0,
    [_iRA, _po],
    [0, 0], 2
];
exports.PutImageRecipePolicyResponse$ = [3, n0, _PIRPRu,
    0,
    [_rI, _iRA],
    [0, 0]
];
exports.RegisterImageOptions$ = [3, n0, _RIO,
    0,
    [_sBE, _uD],
    [2, 0]
];
exports.Remediation$ = [3, n0, _R,
    0,
    [_reco],
    [() => exports.RemediationRecommendation$]
];
exports.RemediationRecommendation$ = [3, n0, _RR,
    0,
    [_tex, _ur],
    [0, 0]
];
exports.ResourceState$ = [3, n0, _RS,
    0,
    [_sta],
    [0]
];
exports.ResourceStateUpdateExclusionRules$ = [3, n0, _RSUER,
    0,
    [_am],
    [() => exports.LifecyclePolicyDetailExclusionRulesAmis$]
];
exports.ResourceStateUpdateIncludeResources$ = [3, n0, _RSUIR,
    0,
    [_am, _sn, _con],
    [2, 2, 2]
];
exports.RetryImageRequest$ = [3, n0, _RIR,
    0,
    [_iBVA, _cT],
    [0, [0, 4]], 1
];
exports.RetryImageResponse$ = [3, n0, _RIRe,
    0,
    [_cT, _iBVA],
    [0, 0]
];
exports.S3ExportConfiguration$ = [3, n0, _SEC,
    0,
    [_rNo, _dIF, _sB, _sP],
    [0, 0, 0, 0], 3
];
exports.S3Logs$ = [3, n0, _SL,
    0,
    [_sBN, _sKP],
    [0, 0]
];
exports.Schedule$ = [3, n0, _S,
    0,
    [_sE, _tim, _pESC, _aDP],
    [0, 0, 0, () => exports.AutoDisablePolicy$]
];
exports.SendWorkflowStepActionRequest$ = [3, n0, _SWSAR,
    0,
    [_sEI, _iBVA, _ac, _re, _cT],
    [0, 0, 0, 0, [0, 4]], 3
];
exports.SendWorkflowStepActionResponse$ = [3, n0, _SWSARe,
    0,
    [_sEI, _iBVA, _cT],
    [0, 0, 0]
];
exports.SeverityCounts$ = [3, n0, _SC,
    0,
    [_al, _cr, _h, _med],
    [1, 1, 1, 1]
];
exports.SsmParameterConfiguration$ = [3, n0, _SPC,
    0,
    [_pNa, _aAIm, _dTa],
    [0, 0, 0], 1
];
exports.StartImagePipelineExecutionRequest$ = [3, n0, _SIPER,
    0,
    [_iPA, _cT, _ta],
    [0, [0, 4], 128 | 0], 1
];
exports.StartImagePipelineExecutionResponse$ = [3, n0, _SIPERt,
    0,
    [_rI, _cT, _iBVA],
    [0, 0, 0]
];
exports.StartResourceStateUpdateRequest$ = [3, n0, _SRSUR,
    0,
    [_rA, _st, _eR, _iRn, _eRx, _uAp, _cT],
    [0, () => exports.ResourceState$, 0, () => exports.ResourceStateUpdateIncludeResources$, () => exports.ResourceStateUpdateExclusionRules$, 4, [0, 4]], 2
];
exports.StartResourceStateUpdateResponse$ = [3, n0, _SRSURt,
    0,
    [_lEI, _rA],
    [0, 0]
];
exports.SystemsManagerAgent$ = [3, n0, _SMA,
    0,
    [_uAB],
    [2]
];
exports.TagResourceRequest$ = [3, n0, _TRR,
    0,
    [_rA, _ta],
    [[0, 1], 128 | 0], 2
];
exports.TagResourceResponse$ = [3, n0, _TRRa,
    0,
    [],
    []
];
exports.TargetContainerRepository$ = [3, n0, _TCR,
    0,
    [_ser, _rN],
    [0, 0], 2
];
exports.UntagResourceRequest$ = [3, n0, _URR,
    0,
    [_rA, _tK],
    [[0, 1], [64 | 0, { [_hQ]: _tK }]], 2
];
exports.UntagResourceResponse$ = [3, n0, _URRn,
    0,
    [],
    []
];
exports.UpdateDistributionConfigurationRequest$ = [3, n0, _UDCR,
    0,
    [_dCA, _di, _d, _cT],
    [0, () => DistributionList, 0, [0, 4]], 2
];
exports.UpdateDistributionConfigurationResponse$ = [3, n0, _UDCRp,
    0,
    [_rI, _cT, _dCA],
    [0, 0, 0]
];
exports.UpdateImagePipelineRequest$ = [3, n0, _UIPR,
    0,
    [_iPA, _iCA, _d, _iRA, _cRA, _dCA, _iTC, _eIME, _sc, _sta, _cT, _iSC, _w, _lC, _eR, _iT],
    [0, 0, 0, 0, 0, 0, () => exports.ImageTestsConfiguration$, 2, () => exports.Schedule$, 0, [0, 4], () => exports.ImageScanningConfiguration$, () => WorkflowConfigurationList, () => exports.PipelineLoggingConfiguration$, 0, 128 | 0], 2
];
exports.UpdateImagePipelineResponse$ = [3, n0, _UIPRp,
    0,
    [_rI, _cT, _iPA],
    [0, 0, 0]
];
exports.UpdateInfrastructureConfigurationRequest$ = [3, n0, _UICR,
    0,
    [_iCA, _iPN, _d, _iTn, _sGI, _sI, _l, _kP, _tIOF, _sTA, _rT, _iMO, _pl, _cT],
    [0, 0, 0, 64 | 0, 64 | 0, 0, () => exports.Logging$, 0, 2, 0, 128 | 0, () => exports.InstanceMetadataOptions$, () => exports.Placement$, [0, 4]], 2
];
exports.UpdateInfrastructureConfigurationResponse$ = [3, n0, _UICRp,
    0,
    [_rI, _cT, _iCA],
    [0, 0, 0]
];
exports.UpdateLifecyclePolicyRequest$ = [3, n0, _ULPR,
    0,
    [_lPA, _eR, _rTe, _pD, _rS, _d, _sta, _cT],
    [0, 0, 0, () => LifecyclePolicyDetails, () => exports.LifecyclePolicyResourceSelection$, 0, 0, [0, 4]], 5
];
exports.UpdateLifecyclePolicyResponse$ = [3, n0, _ULPRp,
    0,
    [_lPA],
    [0]
];
exports.VulnerabilityIdAggregation$ = [3, n0, _VIA,
    0,
    [_vI, _sC],
    [0, () => exports.SeverityCounts$]
];
exports.VulnerablePackage$ = [3, n0, _VP,
    0,
    [_n, _v, _sLH, _ep, _rel, _ar, _pM, _fP, _fIV, _rem],
    [0, 0, 0, 1, 0, 0, 0, 0, 0, 0]
];
exports.WindowsConfiguration$ = [3, n0, _WC,
    0,
    [_iIm],
    [1], 1
];
exports.Workflow$ = [3, n0, _W,
    0,
    [_a, _n, _v, _d, _cD, _t, _st, _o, _da, _kKI, _dC, _ta, _pa],
    [0, 0, 0, 0, 0, 0, () => exports.WorkflowState$, 0, 0, 0, 0, 128 | 0, () => WorkflowParameterDetailList]
];
exports.WorkflowConfiguration$ = [3, n0, _WCo,
    0,
    [_wA, _pa, _pG, _oF],
    [0, () => WorkflowParameterList, 0, 0], 1
];
exports.WorkflowExecutionMetadata$ = [3, n0, _WEM,
    0,
    [_wBVA, _wEI, _t, _sta, _m, _tSC, _tSS, _tSF, _tSSo, _sT, _eT, _pG, _ret],
    [0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 2]
];
exports.WorkflowParameter$ = [3, n0, _WP,
    0,
    [_n, _va],
    [0, 64 | 0], 2
];
exports.WorkflowParameterDetail$ = [3, n0, _WPD,
    0,
    [_n, _t, _dV, _d],
    [0, 0, 64 | 0, 0], 2
];
exports.WorkflowState$ = [3, n0, _WS,
    0,
    [_sta, _re],
    [0, 0]
];
exports.WorkflowStepExecution$ = [3, n0, _WSE,
    0,
    [_sEI, _iBVA, _wEI, _wBVA, _n, _ac, _sT],
    [0, 0, 0, 0, 0, 0, 0]
];
exports.WorkflowStepMetadata$ = [3, n0, _WSM,
    0,
    [_sEI, _n, _d, _ac, _sta, _rSo, _m, _in, _ou, _sT, _eT],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
];
exports.WorkflowSummary$ = [3, n0, _WSo,
    0,
    [_a, _n, _v, _d, _cD, _t, _o, _st, _dC, _ta],
    [0, 0, 0, 0, 0, 0, 0, () => exports.WorkflowState$, 0, 128 | 0]
];
exports.WorkflowVersion$ = [3, n0, _WV,
    0,
    [_a, _n, _v, _d, _t, _o, _dC],
    [0, 0, 0, 0, 0, 0, 0]
];
var AccountList = (/* unused pure expression or super */ null && (64 | 0));
var AmiList = [1, n0, _AL,
    0, () => exports.Ami$
];
var ComponentConfigurationList = [1, n0, _CCL,
    0, () => exports.ComponentConfiguration$
];
var ComponentParameterDetailList = [1, n0, _CPDL,
    0, () => exports.ComponentParameterDetail$
];
var ComponentParameterList = [1, n0, _CPL,
    0, () => exports.ComponentParameter$
];
var ComponentParameterValueList = (/* unused pure expression or super */ null && (64 | 0));
var ComponentSummaryList = [1, n0, _CSL,
    0, () => exports.ComponentSummary$
];
var ComponentVersionList = [1, n0, _CVL,
    0, () => exports.ComponentVersion$
];
var ContainerList = [1, n0, _CL,
    0, () => exports.Container$
];
var ContainerRecipeSummaryList = [1, n0, _CRSL,
    0, () => exports.ContainerRecipeSummary$
];
var CvssScoreAdjustmentList = [1, n0, _CSAL,
    0, () => exports.CvssScoreAdjustment$
];
var CvssScoreList = [1, n0, _CSLv,
    0, () => exports.CvssScore$
];
var DistributionConfigurationSummaryList = [1, n0, _DCSL,
    0, () => exports.DistributionConfigurationSummary$
];
var DistributionList = [1, n0, _DL,
    0, () => exports.Distribution$
];
var FastLaunchConfigurationList = [1, n0, _FLCL,
    0, () => exports.FastLaunchConfiguration$
];
var FilterList = [1, n0, _FL,
    0, () => exports.Filter$
];
var FilterValues = (/* unused pure expression or super */ null && (64 | 0));
var ImagePackageList = [1, n0, _IPL,
    0, () => exports.ImagePackage$
];
var ImagePipelineList = [1, n0, _IPLm,
    0, () => exports.ImagePipeline$
];
var ImageRecipeSummaryList = [1, n0, _IRSL,
    0, () => exports.ImageRecipeSummary$
];
var ImageScanFindingAggregationsList = [1, n0, _ISFAL,
    0, () => exports.ImageScanFindingAggregation$
];
var ImageScanFindingsFilterList = [1, n0, _ISFFL,
    0, () => exports.ImageScanFindingsFilter$
];
var ImageScanFindingsFilterValues = (/* unused pure expression or super */ null && (64 | 0));
var ImageScanFindingsList = [1, n0, _ISFL,
    0, () => exports.ImageScanFinding$
];
var ImageSummaryList = [1, n0, _ISL,
    0, () => exports.ImageSummary$
];
var ImageVersionList = [1, n0, _IVL,
    0, () => exports.ImageVersion$
];
var InfrastructureConfigurationSummaryList = [1, n0, _ICSL,
    0, () => exports.InfrastructureConfigurationSummary$
];
var InstanceBlockDeviceMappings = [1, n0, _IBDMn,
    0, () => exports.InstanceBlockDeviceMapping$
];
var InstanceTypeList = (/* unused pure expression or super */ null && (64 | 0));
var LaunchTemplateConfigurationList = [1, n0, _LTCL,
    0, () => exports.LaunchTemplateConfiguration$
];
var LicenseConfigurationArnList = (/* unused pure expression or super */ null && (64 | 0));
var LifecycleExecutionResourceList = [1, n0, _LERL,
    0, () => exports.LifecycleExecutionResource$
];
var LifecycleExecutionsList = [1, n0, _LEL,
    0, () => exports.LifecycleExecution$
];
var LifecycleExecutionSnapshotResourceList = [1, n0, _LESRL,
    0, () => exports.LifecycleExecutionSnapshotResource$
];
var LifecyclePolicyDetails = [1, n0, _LPDi,
    0, () => exports.LifecyclePolicyDetail$
];
var LifecyclePolicyResourceSelectionRecipes = [1, n0, _LPRSRi,
    0, () => exports.LifecyclePolicyResourceSelectionRecipe$
];
var LifecyclePolicySummaryList = [1, n0, _LPSL,
    0, () => exports.LifecyclePolicySummary$
];
var NonEmptyStringList = (/* unused pure expression or super */ null && (64 | 0));
var OrganizationalUnitArnList = (/* unused pure expression or super */ null && (64 | 0));
var OrganizationArnList = (/* unused pure expression or super */ null && (64 | 0));
var OsVersionList = (/* unused pure expression or super */ null && (64 | 0));
var ProductCodeList = [1, n0, _PCL,
    0, () => exports.ProductCodeListItem$
];
var RegionList = (/* unused pure expression or super */ null && (64 | 0));
var SecurityGroupIds = (/* unused pure expression or super */ null && (64 | 0));
var SsmParameterConfigurationList = [1, n0, _SPCL,
    0, () => exports.SsmParameterConfiguration$
];
var StringList = (/* unused pure expression or super */ null && (64 | 0));
var TagKeyList = (/* unused pure expression or super */ null && (64 | 0));
var VulnerabilityIdList = (/* unused pure expression or super */ null && (64 | 0));
var VulnerablePackageList = [1, n0, _VPL,
    0, () => exports.VulnerablePackage$
];
var WorkflowConfigurationList = [1, n0, _WCL,
    0, () => exports.WorkflowConfiguration$
];
var WorkflowExecutionsList = [1, n0, _WEL,
    0, () => exports.WorkflowExecutionMetadata$
];
var WorkflowParameterDetailList = [1, n0, _WPDL,
    0, () => exports.WorkflowParameterDetail$
];
var WorkflowParameterList = [1, n0, _WPL,
    0, () => exports.WorkflowParameter$
];
var WorkflowParameterValueList = (/* unused pure expression or super */ null && (64 | 0));
var WorkflowStepExecutionList = [1, n0, _WSEL,
    0, () => exports.WorkflowStepExecution$
];
var WorkflowStepExecutionsList = [1, n0, _WSELo,
    0, () => exports.WorkflowStepMetadata$
];
var WorkflowSummaryList = [1, n0, _WSL,
    0, () => exports.WorkflowSummary$
];
var WorkflowVersionList = [1, n0, _WVL,
    0, () => exports.WorkflowVersion$
];
var ResourceTagMap = (/* unused pure expression or super */ null && (128 | 0));
var TagMap = (/* unused pure expression or super */ null && (128 | 0));
exports.CancelImageCreation$ = [9, n0, _CIC,
    { [_ht]: ["PUT", "/CancelImageCreation", 200] }, () => exports.CancelImageCreationRequest$, () => exports.CancelImageCreationResponse$
];
exports.CancelLifecycleExecution$ = [9, n0, _CLE,
    { [_ht]: ["PUT", "/CancelLifecycleExecution", 200] }, () => exports.CancelLifecycleExecutionRequest$, () => exports.CancelLifecycleExecutionResponse$
];
exports.CreateComponent$ = [9, n0, _CCr,
    { [_ht]: ["PUT", "/CreateComponent", 200] }, () => exports.CreateComponentRequest$, () => exports.CreateComponentResponse$
];
exports.CreateContainerRecipe$ = [9, n0, _CCRre,
    { [_ht]: ["PUT", "/CreateContainerRecipe", 200] }, () => exports.CreateContainerRecipeRequest$, () => exports.CreateContainerRecipeResponse$
];
exports.CreateDistributionConfiguration$ = [9, n0, _CDCr,
    { [_ht]: ["PUT", "/CreateDistributionConfiguration", 200] }, () => exports.CreateDistributionConfigurationRequest$, () => exports.CreateDistributionConfigurationResponse$
];
exports.CreateImage$ = [9, n0, _CI,
    { [_ht]: ["PUT", "/CreateImage", 200] }, () => exports.CreateImageRequest$, () => exports.CreateImageResponse$
];
exports.CreateImagePipeline$ = [9, n0, _CIP,
    { [_ht]: ["PUT", "/CreateImagePipeline", 200] }, () => exports.CreateImagePipelineRequest$, () => exports.CreateImagePipelineResponse$
];
exports.CreateImageRecipe$ = [9, n0, _CIRre,
    { [_ht]: ["PUT", "/CreateImageRecipe", 200] }, () => exports.CreateImageRecipeRequest$, () => exports.CreateImageRecipeResponse$
];
exports.CreateInfrastructureConfiguration$ = [9, n0, _CICr,
    { [_ht]: ["PUT", "/CreateInfrastructureConfiguration", 200] }, () => exports.CreateInfrastructureConfigurationRequest$, () => exports.CreateInfrastructureConfigurationResponse$
];
exports.CreateLifecyclePolicy$ = [9, n0, _CLP,
    { [_ht]: ["PUT", "/CreateLifecyclePolicy", 200] }, () => exports.CreateLifecyclePolicyRequest$, () => exports.CreateLifecyclePolicyResponse$
];
exports.CreateWorkflow$ = [9, n0, _CW,
    { [_ht]: ["PUT", "/CreateWorkflow", 200] }, () => exports.CreateWorkflowRequest$, () => exports.CreateWorkflowResponse$
];
exports.DeleteComponent$ = [9, n0, _DCe,
    { [_ht]: ["DELETE", "/DeleteComponent", 200] }, () => exports.DeleteComponentRequest$, () => exports.DeleteComponentResponse$
];
exports.DeleteContainerRecipe$ = [9, n0, _DCRel,
    { [_ht]: ["DELETE", "/DeleteContainerRecipe", 200] }, () => exports.DeleteContainerRecipeRequest$, () => exports.DeleteContainerRecipeResponse$
];
exports.DeleteDistributionConfiguration$ = [9, n0, _DDC,
    { [_ht]: ["DELETE", "/DeleteDistributionConfiguration", 200] }, () => exports.DeleteDistributionConfigurationRequest$, () => exports.DeleteDistributionConfigurationResponse$
];
exports.DeleteImage$ = [9, n0, _DI,
    { [_ht]: ["DELETE", "/DeleteImage", 200] }, () => exports.DeleteImageRequest$, () => exports.DeleteImageResponse$
];
exports.DeleteImagePipeline$ = [9, n0, _DIP,
    { [_ht]: ["DELETE", "/DeleteImagePipeline", 200] }, () => exports.DeleteImagePipelineRequest$, () => exports.DeleteImagePipelineResponse$
];
exports.DeleteImageRecipe$ = [9, n0, _DIRel,
    { [_ht]: ["DELETE", "/DeleteImageRecipe", 200] }, () => exports.DeleteImageRecipeRequest$, () => exports.DeleteImageRecipeResponse$
];
exports.DeleteInfrastructureConfiguration$ = [9, n0, _DIC,
    { [_ht]: ["DELETE", "/DeleteInfrastructureConfiguration", 200] }, () => exports.DeleteInfrastructureConfigurationRequest$, () => exports.DeleteInfrastructureConfigurationResponse$
];
exports.DeleteLifecyclePolicy$ = [9, n0, _DLP,
    { [_ht]: ["DELETE", "/DeleteLifecyclePolicy", 200] }, () => exports.DeleteLifecyclePolicyRequest$, () => exports.DeleteLifecyclePolicyResponse$
];
exports.DeleteWorkflow$ = [9, n0, _DW,
    { [_ht]: ["DELETE", "/DeleteWorkflow", 200] }, () => exports.DeleteWorkflowRequest$, () => exports.DeleteWorkflowResponse$
];
exports.DistributeImage$ = [9, n0, _DIi,
    { [_ht]: ["PUT", "/DistributeImage", 200] }, () => exports.DistributeImageRequest$, () => exports.DistributeImageResponse$
];
exports.GetComponent$ = [9, n0, _GC,
    { [_ht]: ["GET", "/GetComponent", 200] }, () => exports.GetComponentRequest$, () => exports.GetComponentResponse$
];
exports.GetComponentPolicy$ = [9, n0, _GCP,
    { [_ht]: ["GET", "/GetComponentPolicy", 200] }, () => exports.GetComponentPolicyRequest$, () => exports.GetComponentPolicyResponse$
];
exports.GetContainerRecipe$ = [9, n0, _GCRet,
    { [_ht]: ["GET", "/GetContainerRecipe", 200] }, () => exports.GetContainerRecipeRequest$, () => exports.GetContainerRecipeResponse$
];
exports.GetContainerRecipePolicy$ = [9, n0, _GCRP,
    { [_ht]: ["GET", "/GetContainerRecipePolicy", 200] }, () => exports.GetContainerRecipePolicyRequest$, () => exports.GetContainerRecipePolicyResponse$
];
exports.GetDistributionConfiguration$ = [9, n0, _GDC,
    { [_ht]: ["GET", "/GetDistributionConfiguration", 200] }, () => exports.GetDistributionConfigurationRequest$, () => exports.GetDistributionConfigurationResponse$
];
exports.GetImage$ = [9, n0, _GI,
    { [_ht]: ["GET", "/GetImage", 200] }, () => exports.GetImageRequest$, () => exports.GetImageResponse$
];
exports.GetImagePipeline$ = [9, n0, _GIP,
    { [_ht]: ["GET", "/GetImagePipeline", 200] }, () => exports.GetImagePipelineRequest$, () => exports.GetImagePipelineResponse$
];
exports.GetImagePolicy$ = [9, n0, _GIPe,
    { [_ht]: ["GET", "/GetImagePolicy", 200] }, () => exports.GetImagePolicyRequest$, () => exports.GetImagePolicyResponse$
];
exports.GetImageRecipe$ = [9, n0, _GIRet,
    { [_ht]: ["GET", "/GetImageRecipe", 200] }, () => exports.GetImageRecipeRequest$, () => exports.GetImageRecipeResponse$
];
exports.GetImageRecipePolicy$ = [9, n0, _GIRP,
    { [_ht]: ["GET", "/GetImageRecipePolicy", 200] }, () => exports.GetImageRecipePolicyRequest$, () => exports.GetImageRecipePolicyResponse$
];
exports.GetInfrastructureConfiguration$ = [9, n0, _GIC,
    { [_ht]: ["GET", "/GetInfrastructureConfiguration", 200] }, () => exports.GetInfrastructureConfigurationRequest$, () => exports.GetInfrastructureConfigurationResponse$
];
exports.GetLifecycleExecution$ = [9, n0, _GLE,
    { [_ht]: ["GET", "/GetLifecycleExecution", 200] }, () => exports.GetLifecycleExecutionRequest$, () => exports.GetLifecycleExecutionResponse$
];
exports.GetLifecyclePolicy$ = [9, n0, _GLP,
    { [_ht]: ["GET", "/GetLifecyclePolicy", 200] }, () => exports.GetLifecyclePolicyRequest$, () => exports.GetLifecyclePolicyResponse$
];
exports.GetMarketplaceResource$ = [9, n0, _GMR,
    { [_ht]: ["POST", "/GetMarketplaceResource", 200] }, () => exports.GetMarketplaceResourceRequest$, () => exports.GetMarketplaceResourceResponse$
];
exports.GetWorkflow$ = [9, n0, _GW,
    { [_ht]: ["GET", "/GetWorkflow", 200] }, () => exports.GetWorkflowRequest$, () => exports.GetWorkflowResponse$
];
exports.GetWorkflowExecution$ = [9, n0, _GWE,
    { [_ht]: ["GET", "/GetWorkflowExecution", 200] }, () => exports.GetWorkflowExecutionRequest$, () => exports.GetWorkflowExecutionResponse$
];
exports.GetWorkflowStepExecution$ = [9, n0, _GWSE,
    { [_ht]: ["GET", "/GetWorkflowStepExecution", 200] }, () => exports.GetWorkflowStepExecutionRequest$, () => exports.GetWorkflowStepExecutionResponse$
];
exports.ImportComponent$ = [9, n0, _ICm,
    { [_ht]: ["PUT", "/ImportComponent", 200] }, () => exports.ImportComponentRequest$, () => exports.ImportComponentResponse$
];
exports.ImportDiskImage$ = [9, n0, _IDI,
    { [_ht]: ["PUT", "/ImportDiskImage", 200] }, () => exports.ImportDiskImageRequest$, () => exports.ImportDiskImageResponse$
];
exports.ImportVmImage$ = [9, n0, _IVI,
    { [_ht]: ["PUT", "/ImportVmImage", 200] }, () => exports.ImportVmImageRequest$, () => exports.ImportVmImageResponse$
];
exports.ListComponentBuildVersions$ = [9, n0, _LCBV,
    { [_ht]: ["POST", "/ListComponentBuildVersions", 200] }, () => exports.ListComponentBuildVersionsRequest$, () => exports.ListComponentBuildVersionsResponse$
];
exports.ListComponents$ = [9, n0, _LC,
    { [_ht]: ["POST", "/ListComponents", 200] }, () => exports.ListComponentsRequest$, () => exports.ListComponentsResponse$
];
exports.ListContainerRecipes$ = [9, n0, _LCRis,
    { [_ht]: ["POST", "/ListContainerRecipes", 200] }, () => exports.ListContainerRecipesRequest$, () => exports.ListContainerRecipesResponse$
];
exports.ListDistributionConfigurations$ = [9, n0, _LDC,
    { [_ht]: ["POST", "/ListDistributionConfigurations", 200] }, () => exports.ListDistributionConfigurationsRequest$, () => exports.ListDistributionConfigurationsResponse$
];
exports.ListImageBuildVersions$ = [9, n0, _LIBV,
    { [_ht]: ["POST", "/ListImageBuildVersions", 200] }, () => exports.ListImageBuildVersionsRequest$, () => exports.ListImageBuildVersionsResponse$
];
exports.ListImagePackages$ = [9, n0, _LIP,
    { [_ht]: ["POST", "/ListImagePackages", 200] }, () => exports.ListImagePackagesRequest$, () => exports.ListImagePackagesResponse$
];
exports.ListImagePipelineImages$ = [9, n0, _LIPI,
    { [_ht]: ["POST", "/ListImagePipelineImages", 200] }, () => exports.ListImagePipelineImagesRequest$, () => exports.ListImagePipelineImagesResponse$
];
exports.ListImagePipelines$ = [9, n0, _LIPi,
    { [_ht]: ["POST", "/ListImagePipelines", 200] }, () => exports.ListImagePipelinesRequest$, () => exports.ListImagePipelinesResponse$
];
exports.ListImageRecipes$ = [9, n0, _LIRis,
    { [_ht]: ["POST", "/ListImageRecipes", 200] }, () => exports.ListImageRecipesRequest$, () => exports.ListImageRecipesResponse$
];
exports.ListImages$ = [9, n0, _LI,
    { [_ht]: ["POST", "/ListImages", 200] }, () => exports.ListImagesRequest$, () => exports.ListImagesResponse$
];
exports.ListImageScanFindingAggregations$ = [9, n0, _LISFA,
    { [_ht]: ["POST", "/ListImageScanFindingAggregations", 200] }, () => exports.ListImageScanFindingAggregationsRequest$, () => exports.ListImageScanFindingAggregationsResponse$
];
exports.ListImageScanFindings$ = [9, n0, _LISF,
    { [_ht]: ["POST", "/ListImageScanFindings", 200] }, () => exports.ListImageScanFindingsRequest$, () => exports.ListImageScanFindingsResponse$
];
exports.ListInfrastructureConfigurations$ = [9, n0, _LIC,
    { [_ht]: ["POST", "/ListInfrastructureConfigurations", 200] }, () => exports.ListInfrastructureConfigurationsRequest$, () => exports.ListInfrastructureConfigurationsResponse$
];
exports.ListLifecycleExecutionResources$ = [9, n0, _LLERis,
    { [_ht]: ["POST", "/ListLifecycleExecutionResources", 200] }, () => exports.ListLifecycleExecutionResourcesRequest$, () => exports.ListLifecycleExecutionResourcesResponse$
];
exports.ListLifecycleExecutions$ = [9, n0, _LLE,
    { [_ht]: ["POST", "/ListLifecycleExecutions", 200] }, () => exports.ListLifecycleExecutionsRequest$, () => exports.ListLifecycleExecutionsResponse$
];
exports.ListLifecyclePolicies$ = [9, n0, _LLP,
    { [_ht]: ["POST", "/ListLifecyclePolicies", 200] }, () => exports.ListLifecyclePoliciesRequest$, () => exports.ListLifecyclePoliciesResponse$
];
exports.ListTagsForResource$ = [9, n0, _LTFR,
    { [_ht]: ["GET", "/tags/{resourceArn}", 200] }, () => exports.ListTagsForResourceRequest$, () => exports.ListTagsForResourceResponse$
];
exports.ListWaitingWorkflowSteps$ = [9, n0, _LWWS,
    { [_ht]: ["POST", "/ListWaitingWorkflowSteps", 200] }, () => exports.ListWaitingWorkflowStepsRequest$, () => exports.ListWaitingWorkflowStepsResponse$
];
exports.ListWorkflowBuildVersions$ = [9, n0, _LWBV,
    { [_ht]: ["POST", "/ListWorkflowBuildVersions", 200] }, () => exports.ListWorkflowBuildVersionsRequest$, () => exports.ListWorkflowBuildVersionsResponse$
];
exports.ListWorkflowExecutions$ = [9, n0, _LWE,
    { [_ht]: ["POST", "/ListWorkflowExecutions", 200] }, () => exports.ListWorkflowExecutionsRequest$, () => exports.ListWorkflowExecutionsResponse$
];
exports.ListWorkflows$ = [9, n0, _LW,
    { [_ht]: ["POST", "/ListWorkflows", 200] }, () => exports.ListWorkflowsRequest$, () => exports.ListWorkflowsResponse$
];
exports.ListWorkflowStepExecutions$ = [9, n0, _LWSE,
    { [_ht]: ["POST", "/ListWorkflowStepExecutions", 200] }, () => exports.ListWorkflowStepExecutionsRequest$, () => exports.ListWorkflowStepExecutionsResponse$
];
exports.PutComponentPolicy$ = [9, n0, _PCP,
    { [_ht]: ["PUT", "/PutComponentPolicy", 200] }, () => exports.PutComponentPolicyRequest$, () => exports.PutComponentPolicyResponse$
];
exports.PutContainerRecipePolicy$ = [9, n0, _PCRP,
    { [_ht]: ["PUT", "/PutContainerRecipePolicy", 200] }, () => exports.PutContainerRecipePolicyRequest$, () => exports.PutContainerRecipePolicyResponse$
];
exports.PutImagePolicy$ = [9, n0, _PIP,
    { [_ht]: ["PUT", "/PutImagePolicy", 200] }, () => exports.PutImagePolicyRequest$, () => exports.PutImagePolicyResponse$
];
exports.PutImageRecipePolicy$ = [9, n0, _PIRP,
    { [_ht]: ["PUT", "/PutImageRecipePolicy", 200] }, () => exports.PutImageRecipePolicyRequest$, () => exports.PutImageRecipePolicyResponse$
];
exports.RetryImage$ = [9, n0, _RI,
    { [_ht]: ["PUT", "/RetryImage", 200] }, () => exports.RetryImageRequest$, () => exports.RetryImageResponse$
];
exports.SendWorkflowStepAction$ = [9, n0, _SWSA,
    { [_ht]: ["PUT", "/SendWorkflowStepAction", 200] }, () => exports.SendWorkflowStepActionRequest$, () => exports.SendWorkflowStepActionResponse$
];
exports.StartImagePipelineExecution$ = [9, n0, _SIPE,
    { [_ht]: ["PUT", "/StartImagePipelineExecution", 200] }, () => exports.StartImagePipelineExecutionRequest$, () => exports.StartImagePipelineExecutionResponse$
];
exports.StartResourceStateUpdate$ = [9, n0, _SRSU,
    { [_ht]: ["PUT", "/StartResourceStateUpdate", 200] }, () => exports.StartResourceStateUpdateRequest$, () => exports.StartResourceStateUpdateResponse$
];
exports.TagResource$ = [9, n0, _TR,
    { [_ht]: ["POST", "/tags/{resourceArn}", 200] }, () => exports.TagResourceRequest$, () => exports.TagResourceResponse$
];
exports.UntagResource$ = [9, n0, _UR,
    { [_ht]: ["DELETE", "/tags/{resourceArn}", 200] }, () => exports.UntagResourceRequest$, () => exports.UntagResourceResponse$
];
exports.UpdateDistributionConfiguration$ = [9, n0, _UDC,
    { [_ht]: ["PUT", "/UpdateDistributionConfiguration", 200] }, () => exports.UpdateDistributionConfigurationRequest$, () => exports.UpdateDistributionConfigurationResponse$
];
exports.UpdateImagePipeline$ = [9, n0, _UIP,
    { [_ht]: ["PUT", "/UpdateImagePipeline", 200] }, () => exports.UpdateImagePipelineRequest$, () => exports.UpdateImagePipelineResponse$
];
exports.UpdateInfrastructureConfiguration$ = [9, n0, _UIC,
    { [_ht]: ["PUT", "/UpdateInfrastructureConfiguration", 200] }, () => exports.UpdateInfrastructureConfigurationRequest$, () => exports.UpdateInfrastructureConfigurationResponse$
];
exports.UpdateLifecyclePolicy$ = [9, n0, _ULP,
    { [_ht]: ["PUT", "/UpdateLifecyclePolicy", 200] }, () => exports.UpdateLifecyclePolicyRequest$, () => exports.UpdateLifecyclePolicyResponse$
];


/***/ }),

/***/ 2590:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

const { getHostHeaderPlugin, hostHeaderMiddleware, hostHeaderMiddlewareOptions, resolveHostHeaderConfig } = __webpack_require__(5152);
exports.getHostHeaderPlugin = getHostHeaderPlugin;
exports.hostHeaderMiddleware = hostHeaderMiddleware;
exports.hostHeaderMiddlewareOptions = hostHeaderMiddlewareOptions;
exports.resolveHostHeaderConfig = resolveHostHeaderConfig;


/***/ }),

/***/ 5242:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

const { getLoggerPlugin, loggerMiddleware, loggerMiddlewareOptions } = __webpack_require__(5152);
exports.getLoggerPlugin = getLoggerPlugin;
exports.loggerMiddleware = loggerMiddleware;
exports.loggerMiddlewareOptions = loggerMiddlewareOptions;


/***/ }),

/***/ 1568:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

const { getRecursionDetectionPlugin, recursionDetectionMiddleware, recursionDetectionMiddlewareOptions } = __webpack_require__(5152);
exports.getRecursionDetectionPlugin = getRecursionDetectionPlugin;
exports.recursionDetectionMiddleware = recursionDetectionMiddleware;
exports.recursionDetectionMiddlewareOptions = recursionDetectionMiddlewareOptions;


/***/ }),

/***/ 2959:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

const { DEFAULT_UA_APP_ID, getUserAgentMiddlewareOptions, getUserAgentPlugin, resolveUserAgentConfig, userAgentMiddleware } = __webpack_require__(5152);
exports.DEFAULT_UA_APP_ID = DEFAULT_UA_APP_ID;
exports.getUserAgentMiddlewareOptions = getUserAgentMiddlewareOptions;
exports.getUserAgentPlugin = getUserAgentPlugin;
exports.resolveUserAgentConfig = resolveUserAgentConfig;
exports.userAgentMiddleware = userAgentMiddleware;


/***/ }),

/***/ 6463:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

const { NODE_REGION_CONFIG_FILE_OPTIONS, NODE_REGION_CONFIG_OPTIONS, REGION_ENV_NAME, REGION_INI_NAME, getAwsRegionExtensionConfiguration, resolveAwsRegionExtensionConfiguration, resolveRegionConfig, stsRegionDefaultResolver, stsRegionWarning: warning } = __webpack_require__(5152);
exports.NODE_REGION_CONFIG_FILE_OPTIONS = NODE_REGION_CONFIG_FILE_OPTIONS;
exports.NODE_REGION_CONFIG_OPTIONS = NODE_REGION_CONFIG_OPTIONS;
exports.REGION_ENV_NAME = REGION_ENV_NAME;
exports.REGION_INI_NAME = REGION_INI_NAME;
exports.getAwsRegionExtensionConfiguration = getAwsRegionExtensionConfiguration;
exports.resolveAwsRegionExtensionConfiguration = resolveAwsRegionExtensionConfiguration;
exports.resolveRegionConfig = resolveRegionConfig;
exports.stsRegionDefaultResolver = stsRegionDefaultResolver;
exports.warning = warning;


/***/ }),

/***/ 3068:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

const { awsEndpointFunctions, getUserAgentPrefix, isIpAddress, partition, resolveDefaultAwsRegionalEndpointsConfig, resolveEndpoint, setPartitionInfo, toEndpointV1, useDefaultPartitionInfo } = __webpack_require__(5152);
exports.awsEndpointFunctions = awsEndpointFunctions;
exports.getUserAgentPrefix = getUserAgentPrefix;
exports.isIpAddress = isIpAddress;
exports.partition = partition;
exports.resolveDefaultAwsRegionalEndpointsConfig = resolveDefaultAwsRegionalEndpointsConfig;
exports.resolveEndpoint = resolveEndpoint;
exports.setPartitionInfo = setPartitionInfo;
exports.toEndpointV1 = toEndpointV1;
exports.useDefaultPartitionInfo = useDefaultPartitionInfo;
const { EndpointError } = __webpack_require__(2085);
exports.EndpointError = EndpointError;


/***/ }),

/***/ 1656:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

const { NODE_APP_ID_CONFIG_OPTIONS, UA_APP_ID_ENV_NAME, UA_APP_ID_INI_NAME, createDefaultUserAgentProvider, crtAvailability, defaultUserAgent } = __webpack_require__(5152);
exports.NODE_APP_ID_CONFIG_OPTIONS = NODE_APP_ID_CONFIG_OPTIONS;
exports.UA_APP_ID_ENV_NAME = UA_APP_ID_ENV_NAME;
exports.UA_APP_ID_INI_NAME = UA_APP_ID_INI_NAME;
exports.createDefaultUserAgentProvider = createDefaultUserAgentProvider;
exports.crtAvailability = crtAvailability;
exports.defaultUserAgent = defaultUserAgent;


/***/ }),

/***/ 1860:
/***/ ((module) => {

/******************************************************************************
Copyright (c) Microsoft Corporation.

Permission to use, copy, modify, and/or distribute this software for any
purpose with or without fee is hereby granted.

THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES WITH
REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY
AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR ANY SPECIAL, DIRECT,
INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES WHATSOEVER RESULTING FROM
LOSS OF USE, DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR
OTHER TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR
PERFORMANCE OF THIS SOFTWARE.
***************************************************************************** */
/* global global, define, Symbol, Reflect, Promise, SuppressedError, Iterator */
var __extends;
var __assign;
var __rest;
var __decorate;
var __param;
var __esDecorate;
var __runInitializers;
var __propKey;
var __setFunctionName;
var __metadata;
var __awaiter;
var __generator;
var __exportStar;
var __values;
var __read;
var __spread;
var __spreadArrays;
var __spreadArray;
var __await;
var __asyncGenerator;
var __asyncDelegator;
var __asyncValues;
var __makeTemplateObject;
var __importStar;
var __importDefault;
var __classPrivateFieldGet;
var __classPrivateFieldSet;
var __classPrivateFieldIn;
var __createBinding;
var __addDisposableResource;
var __disposeResources;
var __rewriteRelativeImportExtension;
(function (factory) {
    var root = typeof global === "object" ? global : typeof self === "object" ? self : typeof this === "object" ? this : {};
    if (typeof define === "function" && define.amd) {
        define("tslib", ["exports"], function (exports) { factory(createExporter(root, createExporter(exports))); });
    }
    else if ( true && typeof module.exports === "object") {
        factory(createExporter(root, createExporter(module.exports)));
    }
    else {
        factory(createExporter(root));
    }
    function createExporter(exports, previous) {
        if (exports !== root) {
            if (typeof Object.create === "function") {
                Object.defineProperty(exports, "__esModule", { value: true });
            }
            else {
                exports.__esModule = true;
            }
        }
        return function (id, v) { return exports[id] = previous ? previous(id, v) : v; };
    }
})
(function (exporter) {
    var extendStatics = Object.setPrototypeOf ||
        ({ __proto__: [] } instanceof Array && function (d, b) { d.__proto__ = b; }) ||
        function (d, b) { for (var p in b) if (Object.prototype.hasOwnProperty.call(b, p)) d[p] = b[p]; };

    __extends = function (d, b) {
        if (typeof b !== "function" && b !== null)
            throw new TypeError("Class extends value " + String(b) + " is not a constructor or null");
        extendStatics(d, b);
        function __() { this.constructor = d; }
        d.prototype = b === null ? Object.create(b) : (__.prototype = b.prototype, new __());
    };

    __assign = Object.assign || function (t) {
        for (var s, i = 1, n = arguments.length; i < n; i++) {
            s = arguments[i];
            for (var p in s) if (Object.prototype.hasOwnProperty.call(s, p)) t[p] = s[p];
        }
        return t;
    };

    __rest = function (s, e) {
        var t = {};
        for (var p in s) if (Object.prototype.hasOwnProperty.call(s, p) && e.indexOf(p) < 0)
            t[p] = s[p];
        if (s != null && typeof Object.getOwnPropertySymbols === "function")
            for (var i = 0, p = Object.getOwnPropertySymbols(s); i < p.length; i++) {
                if (e.indexOf(p[i]) < 0 && Object.prototype.propertyIsEnumerable.call(s, p[i]))
                    t[p[i]] = s[p[i]];
            }
        return t;
    };

    __decorate = function (decorators, target, key, desc) {
        var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
        if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
        else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
        return c > 3 && r && Object.defineProperty(target, key, r), r;
    };

    __param = function (paramIndex, decorator) {
        return function (target, key) { decorator(target, key, paramIndex); }
    };

    __esDecorate = function (ctor, descriptorIn, decorators, contextIn, initializers, extraInitializers) {
        function accept(f) { if (f !== void 0 && typeof f !== "function") throw new TypeError("Function expected"); return f; }
        var kind = contextIn.kind, key = kind === "getter" ? "get" : kind === "setter" ? "set" : "value";
        var target = !descriptorIn && ctor ? contextIn["static"] ? ctor : ctor.prototype : null;
        var descriptor = descriptorIn || (target ? Object.getOwnPropertyDescriptor(target, contextIn.name) : {});
        var _, done = false;
        for (var i = decorators.length - 1; i >= 0; i--) {
            var context = {};
            for (var p in contextIn) context[p] = p === "access" ? {} : contextIn[p];
            for (var p in contextIn.access) context.access[p] = contextIn.access[p];
            context.addInitializer = function (f) { if (done) throw new TypeError("Cannot add initializers after decoration has completed"); extraInitializers.push(accept(f || null)); };
            var result = (0, decorators[i])(kind === "accessor" ? { get: descriptor.get, set: descriptor.set } : descriptor[key], context);
            if (kind === "accessor") {
                if (result === void 0) continue;
                if (result === null || typeof result !== "object") throw new TypeError("Object expected");
                if (_ = accept(result.get)) descriptor.get = _;
                if (_ = accept(result.set)) descriptor.set = _;
                if (_ = accept(result.init)) initializers.unshift(_);
            }
            else if (_ = accept(result)) {
                if (kind === "field") initializers.unshift(_);
                else descriptor[key] = _;
            }
        }
        if (target) Object.defineProperty(target, contextIn.name, descriptor);
        done = true;
    };

    __runInitializers = function (thisArg, initializers, value) {
        var useValue = arguments.length > 2;
        for (var i = 0; i < initializers.length; i++) {
            value = useValue ? initializers[i].call(thisArg, value) : initializers[i].call(thisArg);
        }
        return useValue ? value : void 0;
    };

    __propKey = function (x) {
        return typeof x === "symbol" ? x : "".concat(x);
    };

    __setFunctionName = function (f, name, prefix) {
        if (typeof name === "symbol") name = name.description ? "[".concat(name.description, "]") : "";
        return Object.defineProperty(f, "name", { configurable: true, value: prefix ? "".concat(prefix, " ", name) : name });
    };

    __metadata = function (metadataKey, metadataValue) {
        if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(metadataKey, metadataValue);
    };

    __awaiter = function (thisArg, _arguments, P, generator) {
        function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
        return new (P || (P = Promise))(function (resolve, reject) {
            function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
            function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
            function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
            step((generator = generator.apply(thisArg, _arguments || [])).next());
        });
    };

    __generator = function (thisArg, body) {
        var _ = { label: 0, sent: function() { if (t[0] & 1) throw t[1]; return t[1]; }, trys: [], ops: [] }, f, y, t, g = Object.create((typeof Iterator === "function" ? Iterator : Object).prototype);
        return g.next = verb(0), g["throw"] = verb(1), g["return"] = verb(2), typeof Symbol === "function" && (g[Symbol.iterator] = function() { return this; }), g;
        function verb(n) { return function (v) { return step([n, v]); }; }
        function step(op) {
            if (f) throw new TypeError("Generator is already executing.");
            while (g && (g = 0, op[0] && (_ = 0)), _) try {
                if (f = 1, y && (t = op[0] & 2 ? y["return"] : op[0] ? y["throw"] || ((t = y["return"]) && t.call(y), 0) : y.next) && !(t = t.call(y, op[1])).done) return t;
                if (y = 0, t) op = [op[0] & 2, t.value];
                switch (op[0]) {
                    case 0: case 1: t = op; break;
                    case 4: _.label++; return { value: op[1], done: false };
                    case 5: _.label++; y = op[1]; op = [0]; continue;
                    case 7: op = _.ops.pop(); _.trys.pop(); continue;
                    default:
                        if (!(t = _.trys, t = t.length > 0 && t[t.length - 1]) && (op[0] === 6 || op[0] === 2)) { _ = 0; continue; }
                        if (op[0] === 3 && (!t || (op[1] > t[0] && op[1] < t[3]))) { _.label = op[1]; break; }
                        if (op[0] === 6 && _.label < t[1]) { _.label = t[1]; t = op; break; }
                        if (t && _.label < t[2]) { _.label = t[2]; _.ops.push(op); break; }
                        if (t[2]) _.ops.pop();
                        _.trys.pop(); continue;
                }
                op = body.call(thisArg, _);
            } catch (e) { op = [6, e]; y = 0; } finally { f = t = 0; }
            if (op[0] & 5) throw op[1]; return { value: op[0] ? op[1] : void 0, done: true };
        }
    };

    __exportStar = function(m, o) {
        for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(o, p)) __createBinding(o, m, p);
    };

    __createBinding = Object.create ? (function(o, m, k, k2) {
        if (k2 === undefined) k2 = k;
        var desc = Object.getOwnPropertyDescriptor(m, k);
        if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
            desc = { enumerable: true, get: function() { return m[k]; } };
        }
        Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
        if (k2 === undefined) k2 = k;
        o[k2] = m[k];
    });

    __values = function (o) {
        var s = typeof Symbol === "function" && Symbol.iterator, m = s && o[s], i = 0;
        if (m) return m.call(o);
        if (o && typeof o.length === "number") return {
            next: function () {
                if (o && i >= o.length) o = void 0;
                return { value: o && o[i++], done: !o };
            }
        };
        throw new TypeError(s ? "Object is not iterable." : "Symbol.iterator is not defined.");
    };

    __read = function (o, n) {
        var m = typeof Symbol === "function" && o[Symbol.iterator];
        if (!m) return o;
        var i = m.call(o), r, ar = [], e;
        try {
            while ((n === void 0 || n-- > 0) && !(r = i.next()).done) ar.push(r.value);
        }
        catch (error) { e = { error: error }; }
        finally {
            try {
                if (r && !r.done && (m = i["return"])) m.call(i);
            }
            finally { if (e) throw e.error; }
        }
        return ar;
    };

    /** @deprecated */
    __spread = function () {
        for (var ar = [], i = 0; i < arguments.length; i++)
            ar = ar.concat(__read(arguments[i]));
        return ar;
    };

    /** @deprecated */
    __spreadArrays = function () {
        for (var s = 0, i = 0, il = arguments.length; i < il; i++) s += arguments[i].length;
        for (var r = Array(s), k = 0, i = 0; i < il; i++)
            for (var a = arguments[i], j = 0, jl = a.length; j < jl; j++, k++)
                r[k] = a[j];
        return r;
    };

    __spreadArray = function (to, from, pack) {
        if (pack || arguments.length === 2) for (var i = 0, l = from.length, ar; i < l; i++) {
            if (ar || !(i in from)) {
                if (!ar) ar = Array.prototype.slice.call(from, 0, i);
                ar[i] = from[i];
            }
        }
        return to.concat(ar || Array.prototype.slice.call(from));
    };

    __await = function (v) {
        return this instanceof __await ? (this.v = v, this) : new __await(v);
    };

    __asyncGenerator = function (thisArg, _arguments, generator) {
        if (!Symbol.asyncIterator) throw new TypeError("Symbol.asyncIterator is not defined.");
        var g = generator.apply(thisArg, _arguments || []), i, q = [];
        return i = Object.create((typeof AsyncIterator === "function" ? AsyncIterator : Object).prototype), verb("next"), verb("throw"), verb("return", awaitReturn), i[Symbol.asyncIterator] = function () { return this; }, i;
        function awaitReturn(f) { return function (v) { return Promise.resolve(v).then(f, reject); }; }
        function verb(n, f) { if (g[n]) { i[n] = function (v) { return new Promise(function (a, b) { q.push([n, v, a, b]) > 1 || resume(n, v); }); }; if (f) i[n] = f(i[n]); } }
        function resume(n, v) { try { step(g[n](v)); } catch (e) { settle(q[0][3], e); } }
        function step(r) { r.value instanceof __await ? Promise.resolve(r.value.v).then(fulfill, reject) : settle(q[0][2], r); }
        function fulfill(value) { resume("next", value); }
        function reject(value) { resume("throw", value); }
        function settle(f, v) { if (f(v), q.shift(), q.length) resume(q[0][0], q[0][1]); }
    };

    __asyncDelegator = function (o) {
        var i, p;
        return i = {}, verb("next"), verb("throw", function (e) { throw e; }), verb("return"), i[Symbol.iterator] = function () { return this; }, i;
        function verb(n, f) { i[n] = o[n] ? function (v) { return (p = !p) ? { value: __await(o[n](v)), done: false } : f ? f(v) : v; } : f; }
    };

    __asyncValues = function (o) {
        if (!Symbol.asyncIterator) throw new TypeError("Symbol.asyncIterator is not defined.");
        var m = o[Symbol.asyncIterator], i;
        return m ? m.call(o) : (o = typeof __values === "function" ? __values(o) : o[Symbol.iterator](), i = {}, verb("next"), verb("throw"), verb("return"), i[Symbol.asyncIterator] = function () { return this; }, i);
        function verb(n) { i[n] = o[n] && function (v) { return new Promise(function (resolve, reject) { v = o[n](v), settle(resolve, reject, v.done, v.value); }); }; }
        function settle(resolve, reject, d, v) { Promise.resolve(v).then(function(v) { resolve({ value: v, done: d }); }, reject); }
    };

    __makeTemplateObject = function (cooked, raw) {
        if (Object.defineProperty) { Object.defineProperty(cooked, "raw", { value: raw }); } else { cooked.raw = raw; }
        return cooked;
    };

    var __setModuleDefault = Object.create ? (function(o, v) {
        Object.defineProperty(o, "default", { enumerable: true, value: v });
    }) : function(o, v) {
        o["default"] = v;
    };

    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };

    __importStar = function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };

    __importDefault = function (mod) {
        return (mod && mod.__esModule) ? mod : { "default": mod };
    };

    __classPrivateFieldGet = function (receiver, state, kind, f) {
        if (kind === "a" && !f) throw new TypeError("Private accessor was defined without a getter");
        if (typeof state === "function" ? receiver !== state || !f : !state.has(receiver)) throw new TypeError("Cannot read private member from an object whose class did not declare it");
        return kind === "m" ? f : kind === "a" ? f.call(receiver) : f ? f.value : state.get(receiver);
    };

    __classPrivateFieldSet = function (receiver, state, value, kind, f) {
        if (kind === "m") throw new TypeError("Private method is not writable");
        if (kind === "a" && !f) throw new TypeError("Private accessor was defined without a setter");
        if (typeof state === "function" ? receiver !== state || !f : !state.has(receiver)) throw new TypeError("Cannot write private member to an object whose class did not declare it");
        return (kind === "a" ? f.call(receiver, value) : f ? f.value = value : state.set(receiver, value)), value;
    };

    __classPrivateFieldIn = function (state, receiver) {
        if (receiver === null || (typeof receiver !== "object" && typeof receiver !== "function")) throw new TypeError("Cannot use 'in' operator on non-object");
        return typeof state === "function" ? receiver === state : state.has(receiver);
    };

    __addDisposableResource = function (env, value, async) {
        if (value !== null && value !== void 0) {
            if (typeof value !== "object" && typeof value !== "function") throw new TypeError("Object expected.");
            var dispose, inner;
            if (async) {
                if (!Symbol.asyncDispose) throw new TypeError("Symbol.asyncDispose is not defined.");
                dispose = value[Symbol.asyncDispose];
            }
            if (dispose === void 0) {
                if (!Symbol.dispose) throw new TypeError("Symbol.dispose is not defined.");
                dispose = value[Symbol.dispose];
                if (async) inner = dispose;
            }
            if (typeof dispose !== "function") throw new TypeError("Object not disposable.");
            if (inner) dispose = function() { try { inner.call(this); } catch (e) { return Promise.reject(e); } };
            env.stack.push({ value: value, dispose: dispose, async: async });
        }
        else if (async) {
            env.stack.push({ async: true });
        }
        return value;
    };

    var _SuppressedError = typeof SuppressedError === "function" ? SuppressedError : function (error, suppressed, message) {
        var e = new Error(message);
        return e.name = "SuppressedError", e.error = error, e.suppressed = suppressed, e;
    };

    __disposeResources = function (env) {
        function fail(e) {
            env.error = env.hasError ? new _SuppressedError(e, env.error, "An error was suppressed during disposal.") : e;
            env.hasError = true;
        }
        var r, s = 0;
        function next() {
            while (r = env.stack.pop()) {
                try {
                    if (!r.async && s === 1) return s = 0, env.stack.push(r), Promise.resolve().then(next);
                    if (r.dispose) {
                        var result = r.dispose.call(r.value);
                        if (r.async) return s |= 2, Promise.resolve(result).then(next, function(e) { fail(e); return next(); });
                    }
                    else s |= 1;
                }
                catch (e) {
                    fail(e);
                }
            }
            if (s === 1) return env.hasError ? Promise.reject(env.error) : Promise.resolve();
            if (env.hasError) throw env.error;
        }
        return next();
    };

    __rewriteRelativeImportExtension = function (path, preserveJsx, extraExtensions, ignoreCase) {
        if (typeof path === "string" && /^\.\.?\//.test(path)) {
            if (extraExtensions) {
                for (var extension in extraExtensions) {
                    var suffix = path.slice(-extension.length);
                    if (suffix === extension || ignoreCase && suffix.toLowerCase() === extension.toLowerCase()) {
                        var output = extraExtensions[extension];
                        return output === extension ? path : path.slice(0, -extension.length) + output;
                    }
                }
            }
            return path.replace(/\.(tsx)$|((?:\.d)?)((?:\.[^./]+?)?)\.([cm]?)ts$/i, function (m, tsx, d, ext, cm) {
                return tsx ? preserveJsx ? ".jsx" : ".js" : d && (!ext || !cm) ? m : (d + ext + "." + cm.toLowerCase() + "js");
            });
        }
        return path;
    };

    exporter("__extends", __extends);
    exporter("__assign", __assign);
    exporter("__rest", __rest);
    exporter("__decorate", __decorate);
    exporter("__param", __param);
    exporter("__esDecorate", __esDecorate);
    exporter("__runInitializers", __runInitializers);
    exporter("__propKey", __propKey);
    exporter("__setFunctionName", __setFunctionName);
    exporter("__metadata", __metadata);
    exporter("__awaiter", __awaiter);
    exporter("__generator", __generator);
    exporter("__exportStar", __exportStar);
    exporter("__createBinding", __createBinding);
    exporter("__values", __values);
    exporter("__read", __read);
    exporter("__spread", __spread);
    exporter("__spreadArrays", __spreadArrays);
    exporter("__spreadArray", __spreadArray);
    exporter("__await", __await);
    exporter("__asyncGenerator", __asyncGenerator);
    exporter("__asyncDelegator", __asyncDelegator);
    exporter("__asyncValues", __asyncValues);
    exporter("__makeTemplateObject", __makeTemplateObject);
    exporter("__importStar", __importStar);
    exporter("__importDefault", __importDefault);
    exporter("__classPrivateFieldGet", __classPrivateFieldGet);
    exporter("__classPrivateFieldSet", __classPrivateFieldSet);
    exporter("__classPrivateFieldIn", __classPrivateFieldIn);
    exporter("__addDisposableResource", __addDisposableResource);
    exporter("__disposeResources", __disposeResources);
    exporter("__rewriteRelativeImportExtension", __rewriteRelativeImportExtension);
});

0 && (0);


/***/ }),

/***/ 9939:
/***/ ((module) => {

module.exports = /*#__PURE__*/JSON.parse('{"name":"@aws-sdk/client-imagebuilder","description":"AWS SDK for JavaScript Imagebuilder Client for Node.js, Browser and React Native","version":"3.1046.0","scripts":{"build":"concurrently \'yarn:build:types\' \'yarn:build:es\' && yarn build:cjs","build:cjs":"node ../../scripts/compilation/inline client-imagebuilder","build:es":"tsc -p tsconfig.es.json","build:include:deps":"yarn g:turbo run build -F=\\"$npm_package_name\\"","build:types":"tsc -p tsconfig.types.json","build:types:downlevel":"downlevel-dts dist-types dist-types/ts3.4","clean":"premove dist-cjs dist-es dist-types tsconfig.cjs.tsbuildinfo tsconfig.es.tsbuildinfo tsconfig.types.tsbuildinfo","extract:docs":"api-extractor run --local","generate:client":"node ../../scripts/generate-clients/single-service --solo imagebuilder","test:index":"tsc --noEmit ./test/index-types.ts && node ./test/index-objects.spec.mjs"},"main":"./dist-cjs/index.js","types":"./dist-types/index.d.ts","module":"./dist-es/index.js","sideEffects":false,"dependencies":{"@aws-crypto/sha256-browser":"5.2.0","@aws-crypto/sha256-js":"5.2.0","@aws-sdk/core":"^3.974.9","@aws-sdk/credential-provider-node":"^3.972.40","@aws-sdk/middleware-host-header":"^3.972.11","@aws-sdk/middleware-logger":"^3.972.10","@aws-sdk/middleware-recursion-detection":"^3.972.12","@aws-sdk/middleware-user-agent":"^3.972.39","@aws-sdk/region-config-resolver":"^3.972.14","@aws-sdk/types":"^3.973.8","@aws-sdk/util-endpoints":"^3.996.9","@aws-sdk/util-user-agent-browser":"^3.972.11","@aws-sdk/util-user-agent-node":"^3.973.25","@smithy/core":"^3.24.1","@smithy/fetch-http-handler":"^5.4.1","@smithy/node-http-handler":"^4.7.1","@smithy/types":"^4.14.1","tslib":"^2.6.2"},"devDependencies":{"@tsconfig/node20":"20.1.8","@types/node":"^20.14.8","concurrently":"7.0.0","downlevel-dts":"0.10.1","premove":"4.0.0","typescript":"~5.8.3"},"engines":{"node":">=20.0.0"},"typesVersions":{"<4.5":{"dist-types/*":["dist-types/ts3.4/*"]}},"files":["dist-*/**"],"author":{"name":"AWS SDK for JavaScript Team","url":"https://aws.amazon.com/javascript/"},"license":"Apache-2.0","browser":{"./dist-es/runtimeConfig":"./dist-es/runtimeConfig.browser"},"react-native":{"./dist-es/runtimeConfig":"./dist-es/runtimeConfig.native"},"homepage":"https://github.com/aws/aws-sdk-js-v3/tree/main/clients/client-imagebuilder","repository":{"type":"git","url":"https://github.com/aws/aws-sdk-js-v3.git","directory":"clients/client-imagebuilder"}}');

/***/ })

};
