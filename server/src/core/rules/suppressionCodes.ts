import { nearMiss } from './unknownTag';
import { CODES, defineBlockRule, type Finding } from './types';

/**
 * A suppression comment (`<!-- briefmark-disable-next-line CODE -->`) that names a code
 * the contract does not have silences nothing, so it is reported. The contract has no
 * code of its own for this; a suppression comment is inline rule configuration, like the
 * `rules:` map of `.briefmark.yaml`, so it is reported as `invalid-conventions`
 * (docs/diagnostics.md). Suppression never silences `invalid-conventions` itself.
 */
export const suppressionCodes = defineBlockRule('invalid-conventions', (ctx) => {
  const out: Finding[] = [];
  for (const s of ctx.model.suppressions) {
    s.codes.forEach((code, i) => {
      if ((CODES as readonly string[]).includes(code)) return;
      const meant = nearMiss(code, [...CODES]);
      out.push({
        code: 'invalid-conventions',
        message: `Unknown code "${code}" in this suppression comment: it silences nothing.${meant ? ` Did you mean "${meant}"?` : ` Codes: ${CODES.join(', ')}.`}`,
        span: s.codeSpans[i],
        data: meant ? { replacement: meant } : undefined,
      });
    });
  }
  return out;
});
