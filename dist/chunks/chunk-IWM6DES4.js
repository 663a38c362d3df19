import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{c as s}from"./chunk-7M363SVM.js";import{a as e}from"./chunk-MZGHBXLJ.js";function u(t,r,i=[]){let n={};for(let o of[t,...i,...Object.keys(r)])r[o]&&!(o in n)&&(n[o]=r[o]);return JSON.stringify(n)}e(u,"formatAmis");function p(t,r,i=[]){let n=r[t]??Object.values(r)[0];n&&s("ami-id",n),s("amis",u(t,r,i))}e(p,"setAmiOutputs");import{createHash as c}from"node:crypto";function O(t,r,i=64){let n=[t.repository,t.runId,t.runAttempt,t.job,...r].join(`
`);return c("sha256").update(n).digest("hex").slice(0,i)}e(O,"clientToken");export{p as a,O as b};
