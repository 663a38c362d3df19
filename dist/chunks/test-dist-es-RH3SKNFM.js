import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a,b,c,d,e,f,g}from"./test-chunk-V7ZW2QVY.js";import"./test-chunk-BOX6NX5X.js";import"./test-chunk-ES3EMHL2.js";import"./test-chunk-CGV3DP7E.js";import"./test-chunk-5WVAEJRZ.js";import"./test-chunk-EPFRGVVW.js";import"./test-chunk-NUCLP2KD.js";import"./test-chunk-WX7Z7CRO.js";import"./test-chunk-ZEPOA7QD.js";export{f as ENV_ACCOUNT_ID,e as ENV_CREDENTIAL_SCOPE,d as ENV_EXPIRATION,a as ENV_KEY,b as ENV_SECRET,c as ENV_SESSION,g as fromEnv};
