import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{b as e,c as r}from"./test-chunk-ZEPOA7QD.js";var p=r((s,i)=>{i.exports=e("node:path")});var q=r((t,o)=>{o.exports=e("node:os")});export{q as a,p as b};
