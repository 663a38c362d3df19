import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a,b,c,d,e,f,g}from"./deploy-chunk-VIQYCFP6.js";import"./deploy-chunk-RR4C5PU7.js";import"./deploy-chunk-7JIEUOBU.js";import"./deploy-chunk-SZBDWCK7.js";import"./deploy-chunk-MKZGBBCE.js";import"./deploy-chunk-RGKDCKZD.js";import"./deploy-chunk-Y2JKP5EB.js";export{f as ENV_ACCOUNT_ID,e as ENV_CREDENTIAL_SCOPE,d as ENV_EXPIRATION,a as ENV_KEY,b as ENV_SECRET,c as ENV_SESSION,g as fromEnv};
