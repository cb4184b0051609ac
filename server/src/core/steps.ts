/**
 * Work that pauses: a generator that yields `void` wherever it may stop for a while (the
 * server lets requests on other documents through there; docs/performance.md) and returns
 * its result. `analysisSteps`, `buildModelSteps` and `runRuleSteps` are written this way.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs steps to their end, with no pause. */
export function runToEnd<T>(steps: Steps<T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}
