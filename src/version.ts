/** The action's version, sent in the AWS user agent (`ami-action/<version>`). Bumped on release. */
export const VERSION = '0.1.0';
