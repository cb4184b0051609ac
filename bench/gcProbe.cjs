// Preloaded into the language server by bench/serverEdit.ts (node -r): it adds up the time
// V8 spends collecting garbage, and on SIGUSR2 writes the total so far to stderr. Not part
// of the product (bench/heapProbe.cjs answers the same signal: never preload both).
const { PerformanceObserver } = require('node:perf_hooks');
let total = 0;
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) total += e.duration;
});
observer.observe({ entryTypes: ['gc'] });
process.on('SIGUSR2', () => {
  for (const e of observer.takeRecords()) total += e.duration;
  process.stderr.write(`BRIEFMARK_GC ${total}\n`);
});
