import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a,b,c}from"./cleanup-chunk-57YJG4ZU.js";import"./cleanup-chunk-ZAF5BOZY.js";import"./cleanup-chunk-YGWX74QU.js";import"./cleanup-chunk-RE3X2HRF.js";import"./cleanup-chunk-H5UKD2XW.js";import"./cleanup-chunk-3P4VB72V.js";import"./cleanup-chunk-Y7C3WTG3.js";export{c as credentialsTreatedAsExpired,b as credentialsWillNeedRefresh,a as defaultProvider};
