import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a,b,c,d,e,f,g}from"./bake-chunk-AEXFGJKM.js";import"./bake-chunk-BPJMLACR.js";import"./bake-chunk-YUGR7555.js";import"./bake-chunk-TMKI2HQF.js";import"./bake-chunk-6SZ33EUW.js";import"./bake-chunk-QEAPFNK6.js";import"./bake-chunk-Q55AW6UZ.js";export{f as ENV_ACCOUNT_ID,e as ENV_CREDENTIAL_SCOPE,d as ENV_EXPIRATION,a as ENV_KEY,b as ENV_SECRET,c as ENV_SESSION,g as fromEnv};
