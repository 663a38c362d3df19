import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{A as r,B as t,C as o,c as m,n as p}from"./chunk-MKEKZCR7.js";import{a as e}from"./chunk-MZGHBXLJ.js";var s=class extends r(t,o,"CreateTags",m){static{e(this,"CreateTagsCommand")}};var i=class extends r(t,o,"DescribeSnapshotAttribute",p){static{e(this,"DescribeSnapshotAttributeCommand")}};export{s as a,i as b};
