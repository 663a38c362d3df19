import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a,b,c,d,e,f,g}from"./publish-chunk-TYPAG4EX.js";import"./publish-chunk-ONJXIYPV.js";import"./publish-chunk-2LCRWFLS.js";import"./publish-chunk-EKG5DXO2.js";import"./publish-chunk-GB2D73AL.js";import"./publish-chunk-I56FONQZ.js";import"./publish-chunk-PL7YWPPM.js";export{f as ENV_ACCOUNT_ID,e as ENV_CREDENTIAL_SCOPE,d as ENV_EXPIRATION,a as ENV_KEY,b as ENV_SECRET,c as ENV_SESSION,g as fromEnv};
