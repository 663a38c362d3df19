import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a}from"./chunk-MZGHBXLJ.js";async function i(e,r,t){let l=new Array(e.length),s=0,o=a(async()=>{for(;s<e.length;){let n=s++;try{l[n]={status:"fulfilled",value:await t(e[n],n)}}catch(u){l[n]={status:"rejected",reason:u}}}},"worker");return await Promise.all(Array.from({length:Math.max(1,Math.min(r,e.length))},o)),l}a(i,"mapConcurrent");function c(e){let r=e.find(t=>t.status==="rejected");if(r)throw r.reason;return e.map(t=>t.value)}a(c,"valuesOrThrow");export{i as a,c as b};
