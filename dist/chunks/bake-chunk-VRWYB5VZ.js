import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{b as e,c as r}from"./bake-chunk-WH5M2KKN.js";var p=r((s,i)=>{i.exports=e("node:crypto")});var q=r((t,o)=>{o.exports=e("node:fs")});export{p as a,q as b};
