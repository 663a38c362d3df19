import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a as r,b as i}from"./deploy-chunk-R5Q2IA4A.js";var o=i((p,e)=>{e.exports=r("node:async_hooks")});export{o as a};
