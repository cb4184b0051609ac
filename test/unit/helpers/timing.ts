/**
 * The least of `runs` timings of `fn`, in milliseconds (`fn` is given the run's number).
 * Growth tests compare a small and a large input with it: a busy moment of the machine
 * (the fast loop runs test files in parallel; CI shares the cores) weighs on one run, not
 * on the least of three.
 */
export function leastMs(fn: (run: number) => void, runs = 3): number {
  let best = Infinity;
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    fn(run);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}
