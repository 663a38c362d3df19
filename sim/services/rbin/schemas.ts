/**
 * Recycle Bin's operation and error schemas, in the SDK's static schema form (`[9, namespace, name,
 * traits, input, output]` for operations, `[3, ...]` structures, `[-3, ...]` errors), for the
 * operations the simulator answers. The @aws-sdk/client-rbin release the registry serves (3.523)
 * predates the SDK's schemas, so they are written here from the Recycle Bin API Reference (restJson1:
 * POST /rules -> 201, GET /rules/{Identifier}, POST /list-rules), with the members added since 3.523
 * (ExcludeResourceTags). Scalar codes are Smithy's: 0 string,
 * 1 number, 4 timestamp; `64 | 0` a list of strings.
 */
const ns = 'com.amazonaws.rbin';
const http = 'http';
const label = { httpLabel: 1 };

const Tag$ = [3, ns, 'Tag', 0, ['Key', 'Value'], [0, 0]];
const TagList = [1, ns, 'TagList', 0, () => Tag$];
const ResourceTag$ = [3, ns, 'ResourceTag', 0, ['ResourceTagKey', 'ResourceTagValue'], [0, 0]];
const ResourceTags = [1, ns, 'ResourceTags', 0, () => ResourceTag$];
const RetentionPeriod$ = [
  3,
  ns,
  'RetentionPeriod',
  0,
  ['RetentionPeriodValue', 'RetentionPeriodUnit'],
  [1, 0],
];
const UnlockDelay$ = [3, ns, 'UnlockDelay', 0, ['UnlockDelayValue', 'UnlockDelayUnit'], [1, 0]];
const LockConfiguration$ = [3, ns, 'LockConfiguration', 0, ['UnlockDelay'], [() => UnlockDelay$]];
const RuleSummary$ = [
  3,
  ns,
  'RuleSummary',
  0,
  ['Identifier', 'Description', 'RetentionPeriod', 'LockState', 'RuleArn'],
  [0, 0, () => RetentionPeriod$, 0, 0],
];
const RuleSummaryList = [1, ns, 'RuleSummaryList', 0, () => RuleSummary$];

/** What CreateRule answers and GetRule answers (GetRule has no Tags). */
const RULE_MEMBERS = [
  'Identifier',
  'Description',
  'ResourceType',
  'RetentionPeriod',
  'ResourceTags',
  'ExcludeResourceTags',
  'Status',
  'LockConfiguration',
  'LockState',
  'RuleArn',
];
const RULE_SCHEMAS = [
  0,
  0,
  0,
  () => RetentionPeriod$,
  () => ResourceTags,
  () => ResourceTags,
  0,
  () => LockConfiguration$,
  0,
  0,
];

export const CreateRuleRequest$ = [
  3,
  ns,
  'CreateRuleRequest',
  0,
  [
    'RetentionPeriod',
    'Description',
    'Tags',
    'ResourceType',
    'ResourceTags',
    'LockConfiguration',
    'ExcludeResourceTags',
  ],
  [
    () => RetentionPeriod$,
    0,
    () => TagList,
    0,
    () => ResourceTags,
    () => LockConfiguration$,
    () => ResourceTags,
  ],
];
export const CreateRuleResponse$ = [
  3,
  ns,
  'CreateRuleResponse',
  0,
  [...RULE_MEMBERS, 'Tags'],
  [...RULE_SCHEMAS, () => TagList],
];
export const GetRuleRequest$ = [3, ns, 'GetRuleRequest', 0, ['Identifier'], [[0, label]]];
export const GetRuleResponse$ = [
  3,
  ns,
  'GetRuleResponse',
  0,
  [...RULE_MEMBERS, 'LockEndTime'],
  [...RULE_SCHEMAS, 4],
];
export const ListRulesRequest$ = [
  3,
  ns,
  'ListRulesRequest',
  0,
  ['MaxResults', 'NextToken', 'ResourceType', 'ResourceTags', 'LockState'],
  [1, 0, 0, () => ResourceTags, 0],
];
export const ListRulesResponse$ = [
  3,
  ns,
  'ListRulesResponse',
  0,
  ['Rules', 'NextToken'],
  [() => RuleSummaryList, 0],
];

export const CreateRule$ = [
  9,
  ns,
  'CreateRule',
  { [http]: ['POST', '/rules', 201] },
  () => CreateRuleRequest$,
  () => CreateRuleResponse$,
];
export const GetRule$ = [
  9,
  ns,
  'GetRule',
  { [http]: ['GET', '/rules/{Identifier}', 200] },
  () => GetRuleRequest$,
  () => GetRuleResponse$,
];
export const ListRules$ = [
  9,
  ns,
  'ListRules',
  { [http]: ['POST', '/list-rules', 200] },
  () => ListRulesRequest$,
  () => ListRulesResponse$,
];

const clientError = (name: string, status: number) => [
  -3,
  ns,
  name,
  { error: 'client', httpError: status },
  ['Message', 'Reason'],
  [0, 0],
];
export const ValidationException$ = clientError('ValidationException', 400);
export const ResourceNotFoundException$ = clientError('ResourceNotFoundException', 404);
export const ServiceQuotaExceededException$ = clientError('ServiceQuotaExceededException', 402);
export const InternalServerException$ = [
  -3,
  ns,
  'InternalServerException',
  { error: 'server', httpError: 500 },
  ['Message'],
  [0],
];
