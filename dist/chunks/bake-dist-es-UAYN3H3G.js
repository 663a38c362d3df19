import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a,b,c,d,e,f,g}from"./bake-chunk-JK7FWG4N.js";import"./bake-chunk-B3GDLX7F.js";import"./bake-chunk-MJDNZR73.js";import"./bake-chunk-WPOPIF26.js";import"./bake-chunk-UAS2GSVS.js";import"./bake-chunk-VRWYB5VZ.js";import"./bake-chunk-WH5M2KKN.js";export{f as ENV_ACCOUNT_ID,e as ENV_CREDENTIAL_SCOPE,d as ENV_EXPIRATION,a as ENV_KEY,b as ENV_SECRET,c as ENV_SESSION,g as fromEnv};
