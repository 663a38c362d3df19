import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a as r,b as i}from"./publish-chunk-DCHMB6OU.js";var o=i((p,e)=>{e.exports=r("node:https")});export{o as a};
