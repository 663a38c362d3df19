import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a,n as r}from"./deploy-chunk-K2YMESLJ.js";function s(m,t,o){a.addHeading(r(m),3),a.addTable([t.map(e=>({data:r(e),header:!0})),...o.map(e=>e.map(i=>r(String(i??""))))])}export{s as a};
