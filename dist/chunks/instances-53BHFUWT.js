import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a,b,c}from"./chunk-SZLH5HDB.js";import"./chunk-Q2WZNYQW.js";import"./chunk-OGOWTEJG.js";import"./chunk-LRZNYYEF.js";import"./chunk-DPGROEPH.js";import"./chunk-E366NUIH.js";import"./chunk-OSXC2CCV.js";import"./chunk-AZ7JWEJZ.js";import"./chunk-KACEDX5G.js";import"./chunk-4F7ADDFU.js";import"./chunk-AI6JINW6.js";import"./chunk-OYC6TFGM.js";import"./chunk-4SPFCYOS.js";import"./chunk-MZGHBXLJ.js";export{a as describeInstance,b as instancesByToken,c as terminateInstances};
