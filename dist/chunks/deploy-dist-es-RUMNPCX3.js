import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a,b,c,d,e,f,g}from"./deploy-chunk-6KW5NVDD.js";import"./deploy-chunk-3G5U2DE2.js";import"./deploy-chunk-2P5R3NW2.js";import"./deploy-chunk-JYMB6QIS.js";import"./deploy-chunk-PHG4JIBY.js";import"./deploy-chunk-35O3CLM5.js";import"./deploy-chunk-R5Q2IA4A.js";export{f as ENV_ACCOUNT_ID,e as ENV_CREDENTIAL_SCOPE,d as ENV_EXPIRATION,a as ENV_KEY,b as ENV_SECRET,c as ENV_SESSION,g as fromEnv};
