import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{M as s,N as m,O as o,o as r}from"./chunk-JJEHIFU3.js";import{a as e}from"./chunk-MZGHBXLJ.js";var t=class extends s(m,o,"DescribeInstances",r){static{e(this,"DescribeInstancesCommand")}};export{t as a};
