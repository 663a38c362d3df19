import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{A as m,B as o,i as r,z as s}from"./chunk-SOMT7HN5.js";import{a as e}from"./chunk-MZGHBXLJ.js";var t=class extends s(m,o,"DescribeInstances",r){static{e(this,"DescribeInstancesCommand")}};export{t as a};
