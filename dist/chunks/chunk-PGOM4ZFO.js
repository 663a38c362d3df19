import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a as n,c as p,i as s,k as m,l as e,m as r}from"./chunk-7NQJOYTT.js";import{a as o}from"./chunk-MZGHBXLJ.js";var c=class extends m(e,r,"DescribeInstanceInformation",n){static{o(this,"DescribeInstanceInformationCommand")}};var i=class extends m(e,r,"GetCommandInvocation",p){static{o(this,"GetCommandInvocationCommand")}};var a=class extends m(e,r,"SendCommand",s){static{o(this,"SendCommandCommand")}};export{c as a,i as b,a as c};
