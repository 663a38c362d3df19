import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{B as s,C as m,D as o,j as r}from"./chunk-TQMBZHGI.js";import{a as e}from"./chunk-MZGHBXLJ.js";var t=class extends s(m,o,"DescribeInstances",r){static{e(this,"DescribeInstancesCommand")}};export{t as a};
