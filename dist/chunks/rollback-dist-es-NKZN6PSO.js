import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a,b,c,d,e,f,g}from"./rollback-chunk-THFRZY3N.js";import"./rollback-chunk-CGLQEP4H.js";import"./rollback-chunk-4FQ54CHZ.js";import"./rollback-chunk-ZGJFWFUN.js";import"./rollback-chunk-GZSQD5XK.js";import"./rollback-chunk-3Y42EL3S.js";import"./rollback-chunk-GU6RZSW7.js";export{f as ENV_ACCOUNT_ID,e as ENV_CREDENTIAL_SCOPE,d as ENV_EXPIRATION,a as ENV_KEY,b as ENV_SECRET,c as ENV_SESSION,g as fromEnv};
