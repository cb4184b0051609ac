import { parseFragment, parseMarkdown } from '../server/src/core/parse/markdown';
import { generateBrief } from './corpus';
import { median, time } from './lib';
for (const bytes of [20000, 100000]) {
const t = generateBrief({ bytes, seed: 5 });
console.log(bytes, 'blocks', median(time(() => parseMarkdown(t), 15)), 'whole', median(time(() => parseFragment(t), 15)));
}
