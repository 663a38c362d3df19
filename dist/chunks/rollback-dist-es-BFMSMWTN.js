import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a,b,c,d,e,f,g}from"./rollback-chunk-FKTKDBBT.js";import"./rollback-chunk-IVHFL4DL.js";import"./rollback-chunk-IMCCTPCT.js";import"./rollback-chunk-M7BA2VTK.js";import"./rollback-chunk-XX33QOST.js";import"./rollback-chunk-QOXJSN4M.js";import"./rollback-chunk-AUR36NDF.js";export{f as ENV_ACCOUNT_ID,e as ENV_CREDENTIAL_SCOPE,d as ENV_EXPIRATION,a as ENV_KEY,b as ENV_SECRET,c as ENV_SESSION,g as fromEnv};
