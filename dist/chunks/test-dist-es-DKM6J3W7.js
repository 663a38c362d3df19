import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a,b,c,d,e,f,g}from"./test-chunk-NYWB52VG.js";import"./test-chunk-LL75PIOA.js";import"./test-chunk-UGHER2XC.js";import"./test-chunk-YSS6XW4G.js";import"./test-chunk-OWEMOFPP.js";import"./test-chunk-BDH52IZT.js";import"./test-chunk-PSQCMX2D.js";import"./test-chunk-X52BPLIH.js";import"./test-chunk-3AXPYLFI.js";export{f as ENV_ACCOUNT_ID,e as ENV_CREDENTIAL_SCOPE,d as ENV_EXPIRATION,a as ENV_KEY,b as ENV_SECRET,c as ENV_SESSION,g as fromEnv};
