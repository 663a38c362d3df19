import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a as r,b as i}from"./test-chunk-3AXPYLFI.js";var o=i((p,e)=>{e.exports=r("node:async_hooks")});export{o as a};
