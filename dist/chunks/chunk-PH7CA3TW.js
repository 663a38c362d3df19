import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{L as s,M as m,N as o,o as r}from"./chunk-ZHJNEEIC.js";import{a as e}from"./chunk-MZGHBXLJ.js";var t=class extends s(m,o,"DescribeInstances",r){static{e(this,"DescribeInstancesCommand")}};export{t as a};
