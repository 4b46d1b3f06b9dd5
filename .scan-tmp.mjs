import { parse } from 'svelte/compiler';
import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
const files = execSync("find src/routes src/lib/ui -name '*.svelte'").toString().trim().split('\n');
const ATTRS = new Set(['aria-label','placeholder','title','alt','label']);
const vis=(t)=>/\p{L}/u.test(t.replace(/\b[A-Z]{2,4}\d?-\d+\b/g,'').replace(/\b(carepoint|IQOS CLUB|IQOS|Care Plus)\b/g,'').replace(/\b(?=[A-Z0-9]*\d)[A-Z0-9]+\b|\b[A-Z]{2,5}\b/g,''));
let total=0;
for (const f of files) {
  const src = readFileSync(f,'utf8');
  const ast = parse(src,{modern:true});
  const hits=[];
  const walk=(n)=>{
    if(!n||typeof n!=='object')return;
    if(Array.isArray(n)){n.forEach(walk);return;}
    if(n.type==='Text' && vis(n.data)) hits.push(['text',n.start,n.data.trim()]);
    if(n.type==='Attribute'){ if(ATTRS.has(n.name) && Array.isArray(n.value)) for(const v of n.value) if(v.type==='Text'&&vis(v.data)) hits.push(['attr:'+n.name,v.start,v.data]); return;}
    for(const k of Object.keys(n)){ if(k==='parent')continue; const v=n[k]; if(v&&typeof v==='object') walk(v);}
  };
  walk(ast.fragment);
  if(hits.length){ total+=hits.length; console.log('## '+f+' ('+hits.length+')'); for(const h of hits){const line=src.slice(0,h[1]).split('\n').length; console.log(`  ${line} ${h[0]}: ${h[2].replace(/\s+/g,' ').slice(0,100)}`);} }
}
console.log('TOTAL',total);
