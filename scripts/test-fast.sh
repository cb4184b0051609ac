#!/usr/bin/env bash
# The contributors' inner loop (`npm run test:fast`; about 30 s on this project's 2 cores, README):
# the type-check of server and tests beside the unit tests on two mocha workers, with
# BRIEFMARK_FAST=1 (test/unit/helpers/budget.ts: fuzzing 5 cases, the incremental property
# 0.4 s, fewer sampled edits, typed letters and renames, smaller generated briefs, a share
# of the example and fixture briefs, another each day), and without the slow suites: the
# regex audit (recheck), the linear-growth and linear-time timings, the exhaustive block-boundary,
# attribute-list and directive-label sweeps, the 150,000-citation paragraph, the dependency
# rules (`npm run depcruise` runs them) and the tests of their fixtures, the parse thread's
# timing test and its 120 KB job, the tests that start the source extractor's process, the assertion
# model's retraining, the 1,005-citation rendering, and the tests of
# the built CLI (`dist/cli.js`: the check cache, the codebook export), which this loop
# does not rebuild. `npm test` runs everything; so does CI.
set -uo pipefail
cd "$(dirname "$0")/.."
# Incremental type-checks (their state under node_modules/.cache): a second run re-checks only what changed.
cache=node_modules/.cache/briefmark && mkdir -p "$cache"
( npx tsc -p server --incremental --tsBuildInfoFile "$cache/server.tsbuildinfo" && npx tsc -p test --incremental --tsBuildInfoFile "$cache/test.tsbuildinfo" ) > /tmp/briefmark-fast-tsc.$$ 2>&1 &
tsc=$!
BRIEFMARK_FAST=1 npx mocha --config test/.mocharc.unit.json --parallel --jobs 2 \
  --ignore 'test/unit/redos.test.ts' \
  --grep 'time grows linearly|linear time|time linear|in time proportional|among 32,000 siblings|merging data tokens|every construct before and after|a brief of thousands of stacked|analyses 150,000 citations|every failing list, threshold 0|only brackets of labels micromark rejects|the sources keep every rule|while a long block is parsed on the thread|briefmark check --cache|the CLI writes it|the extractor process and the loader|prepares a large new text|each rule fails on code that breaks it|retraining writes the same model|renders at most MAX_RENDERED_CITATIONS' --invert "$@"
unit=$?
wait $tsc
types=$?
cat /tmp/briefmark-fast-tsc.$$; rm -f /tmp/briefmark-fast-tsc.$$
[ $types -eq 0 ] || echo "test:fast: the type-check failed" >&2
exit $(( unit || types ))
