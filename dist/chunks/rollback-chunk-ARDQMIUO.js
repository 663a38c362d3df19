import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a as r,b as i}from"./rollback-chunk-GU6RZSW7.js";var o=i((p,e)=>{e.exports=r("node:util")});export{o as a};
