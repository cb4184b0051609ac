// Preloaded into the language server by bench/memory.ts (node -r): on SIGUSR2 it collects
// garbage and writes the heap figures to stderr. Not part of the product.
process.on('SIGUSR2', () => {
  if (global.gc) global.gc();
  const m = process.memoryUsage();
  process.stderr.write(`BRIEFMARK_HEAP ${JSON.stringify({ heapUsed: m.heapUsed, heapTotal: m.heapTotal, rss: m.rss })}\n`);
});
