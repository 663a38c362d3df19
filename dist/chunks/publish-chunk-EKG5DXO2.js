import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{b as e,c as r}from"./publish-chunk-PL7YWPPM.js";var p=r((s,i)=>{i.exports=e("node:os")});var q=r((t,o)=>{o.exports=e("node:path")});export{p as a,q as b};
