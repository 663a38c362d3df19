import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a,n as r}from"./rollback-chunk-CQW5YMB2.js";import{a as m}from"./rollback-chunk-AUR36NDF.js";function u(t,o,i){a.addHeading(r(t),3),a.addTable([o.map(e=>({data:r(e),header:!0})),...i.map(e=>e.map(n=>r(String(n??""))))])}m(u,"summaryTable");export{u as a};
