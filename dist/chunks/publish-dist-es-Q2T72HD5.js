import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a,b,c,d,e,f,g}from"./publish-chunk-CXA7APJ6.js";import"./publish-chunk-WMJDHHQV.js";import"./publish-chunk-RDPLR7H6.js";import"./publish-chunk-XK2YFJEI.js";import"./publish-chunk-WFOWD32W.js";import"./publish-chunk-P6A3L7FW.js";import"./publish-chunk-DCHMB6OU.js";export{f as ENV_ACCOUNT_ID,e as ENV_CREDENTIAL_SCOPE,d as ENV_EXPIRATION,a as ENV_KEY,b as ENV_SECRET,c as ENV_SESSION,g as fromEnv};
