import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a as e}from"./chunk-5G4AAHBJ.js";import"./chunk-XZQEH3ZL.js";import"./chunk-3SCDQUHF.js";import"./chunk-YA53BRDO.js";import"./chunk-3TF43Y75.js";import"./chunk-Q7ZSF5S2.js";import"./chunk-IXEFHQH6.js";import"./chunk-6JKRA7FP.js";import"./chunk-MZGHBXLJ.js";export{e as getDefaultRoleAssumer};
