const t=[];const mark=(n)=>{const u=process.cpuUsage();t.push([n,(u.user+u.system)/1000]);};
mark('script-start');
const fs = require('node:fs');const vm = require('node:vm');
const { createRequire, wrap } = require('node:module');
void process.stdout; void process.stderr; for (const n of ['node:os', 'node:tty', 'node:url', 'node:events', 'node:util','node:crypto']) require(n);
require('node:v8').setFlagsFromString('--interrupt-budget=150000');
mark('builtins');
const bundle=process.env.BUNDLE||'/tmp/unmin/mtfs.cjs'; const cacheFile=bundle+'.cache';
const bytes=fs.readFileSync(bundle);
let cachedData; try{cachedData=fs.readFileSync(cacheFile);}catch{}
mark('read');
const script = new vm.Script(wrap(bytes.latin1Slice(0, bytes.length)), { filename: bundle, cachedData });
mark('deserialize'+(script.cachedDataRejected||!cachedData?'-NOCACHE':''));
const mod = { exports: {} };
script.runInThisContext()(mod.exports, createRequire('/work/main/dist/mtfs.cjs'), mod, bundle, '/work/main/dist');
mark('init');
mod.exports.run(process.argv.slice(2)).then(c=>{mark('run');process.exitCode=c;
if(!cachedData||process.env.WRITE) fs.writeFileSync(cacheFile, script.createCachedData());
let prev=0;process.stderr.write(t.map(([n,c])=>{const s=`${n} ${c.toFixed(1)} (+${(c-prev).toFixed(1)})`;prev=c;return s;}).join('\n')+'\n');});
