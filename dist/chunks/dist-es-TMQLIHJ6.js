import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a,b,c,d,e,f,g}from"./chunk-EOJFG3UG.js";import"./chunk-PK2HIIY3.js";import"./chunk-OYC6TFGM.js";import"./chunk-4SPFCYOS.js";import"./chunk-MZGHBXLJ.js";export{f as ENV_ACCOUNT_ID,e as ENV_CREDENTIAL_SCOPE,d as ENV_EXPIRATION,a as ENV_KEY,b as ENV_SECRET,c as ENV_SESSION,g as fromEnv};
