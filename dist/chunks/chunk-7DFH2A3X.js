import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{C as s,D as m,E as o,j as r}from"./chunk-Y522FQMG.js";import{a as e}from"./chunk-MZGHBXLJ.js";var t=class extends s(m,o,"DescribeInstances",r){static{e(this,"DescribeInstancesCommand")}};export{t as a};
