import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{A as r,B as t,C as m,h as o,o as s}from"./chunk-MKEKZCR7.js";import{a as e}from"./chunk-MZGHBXLJ.js";var p=class extends r(t,m,"DescribeImageAttribute",o){static{e(this,"DescribeImageAttributeCommand")}};var i=class extends r(t,m,"DescribeSnapshots",s){static{e(this,"DescribeSnapshotsCommand")}};export{p as a,i as b};
