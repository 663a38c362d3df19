/**
 * The SSM service model (awsJson1_1, signing name `ssm`): managed instances, Run Command, Parameter
 * Store; operation names -> handlers.
 */
import type { ServiceModel } from '../../core/types.js';
import * as commands from './commands.js';
import { DescribeInstanceInformation } from './managed-instances.js';
import * as parameters from './parameters.js';
import { seedSsm } from './scenario.js';
import { initSsmState } from './state.js';
import * as tags from './tags.js';

export const ssm: ServiceModel = {
  signingName: 'ssm',
  handlers: {
    DescribeInstanceInformation,
    SendCommand: commands.SendCommand,
    GetCommandInvocation: commands.GetCommandInvocation,
    ListCommandInvocations: commands.ListCommandInvocations,
    ListCommands: commands.ListCommands,
    CancelCommand: commands.CancelCommand,
    PutParameter: parameters.PutParameter,
    GetParameter: parameters.GetParameter,
    GetParameters: parameters.GetParameters,
    GetParametersByPath: parameters.GetParametersByPath,
    GetParameterHistory: parameters.GetParameterHistory,
    DescribeParameters: parameters.DescribeParameters,
    LabelParameterVersion: parameters.LabelParameterVersion,
    UnlabelParameterVersion: parameters.UnlabelParameterVersion,
    DeleteParameter: parameters.DeleteParameter,
    DeleteParameters: parameters.DeleteParameters,
    AddTagsToResource: tags.AddTagsToResource,
    RemoveTagsFromResource: tags.RemoveTagsFromResource,
    ListTagsForResource: tags.ListTagsForResource,
  },
  initState: initSsmState,
  seed: seedSsm,
};
