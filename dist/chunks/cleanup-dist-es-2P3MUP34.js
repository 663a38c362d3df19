import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a,b,c}from"./cleanup-chunk-2ST5NTCL.js";import"./cleanup-chunk-6QRUB72A.js";import"./cleanup-chunk-YD6YR5TC.js";import"./cleanup-chunk-BTC7EWQD.js";import"./cleanup-chunk-5SVIOPH2.js";import"./cleanup-chunk-QXUFRWAW.js";import"./cleanup-chunk-DK2W5ELB.js";export{c as credentialsTreatedAsExpired,b as credentialsWillNeedRefresh,a as defaultProvider};
