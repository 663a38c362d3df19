import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a,b,c,d,e,f,g}from"./none-chunk-BQY4PNF4.js";import"./none-chunk-JTK64BO5.js";import"./none-chunk-IEFS7BMS.js";import"./none-chunk-4ITM765D.js";import"./none-chunk-LS7UMCMY.js";import"./none-chunk-PG66J4JR.js";import"./none-chunk-TCL2MOFV.js";export{f as ENV_ACCOUNT_ID,e as ENV_CREDENTIAL_SCOPE,d as ENV_EXPIRATION,a as ENV_KEY,b as ENV_SECRET,c as ENV_SESSION,g as fromEnv};
