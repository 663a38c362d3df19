import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a,b,c,d,e,f,g}from"./none-chunk-GI2DEXJT.js";import"./none-chunk-DRYSGV4O.js";import"./none-chunk-QVTEDNE7.js";import"./none-chunk-GWVE3TDP.js";import"./none-chunk-WFV36IED.js";import"./none-chunk-O5W5CWBE.js";import"./none-chunk-WIYWCA66.js";export{f as ENV_ACCOUNT_ID,e as ENV_CREDENTIAL_SCOPE,d as ENV_EXPIRATION,a as ENV_KEY,b as ENV_SECRET,c as ENV_SESSION,g as fromEnv};
