import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a,b,c}from"./chunk-7JMHSLGA.js";import"./chunk-IXEFHQH6.js";import"./chunk-6JKRA7FP.js";import"./chunk-MZGHBXLJ.js";export{c as credentialsTreatedAsExpired,b as credentialsWillNeedRefresh,a as defaultProvider};
