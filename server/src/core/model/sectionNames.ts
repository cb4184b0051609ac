/**
 * Which sections a heading names for the assertion check: those a team exempts
 * (`assertions.exemptSections`) and always the back matter and the author's own view. Read from Markdown headings
 * (rules/possibleUnsourcedAssertion.ts) and from a plain-text brief's heading lines
 * (model/headingLines.ts, model/plainTextOutline.ts) alike.
 */
import { withoutFootnoteCalls } from './framework';
import { RecentCache } from '../text/recentCache';
import { trimEndMatching } from '../text/trailing';

/** Whether a heading's text names an exempt section: one of `names` (singular or plural alike: "Conclusions" is the "Conclusion" a team exempted), or the back matter. */
export function exemptHeading(names: string[]): (text: string) => boolean {
  const singular = (heading: string) => heading.replace(/s$/, '');
  const wanted = new Set(names.map((n) => singular(normalizeHeading(n))));
  return (text) => {
    const heading = normalizeHeading(text);
    return wanted.has(singular(heading)) || BACK_MATTER.test(heading) || AUTHORS_VIEW.test(heading);
  };
}

/**
 * A section headed as the author's own view — "Our view", "Our assessment", "What we
 * think", "Opinion": its sentences are the author's judgements by the brief's own account,
 * as a conclusion's are (since 7 December). Never checked, whatever the conventions'
 * exempt sections.
 */
export const AUTHORS_VIEW = /^(?:our (?:view|views|assessment|position|take|verdict|opinion)|what we think|where we stand|the authors?'?s? (?:view|views|assessment)|opinion|commentary)$/;

/**
 * Back matter: sections that list sources or speak of the brief, its words and its
 * authors, not of the world — references, notes, about the author, acknowledgements, how
 * to cite, and a glossary of its terms (since 7 December: "Key terms", "Definitions",
 * "Abbreviations"), and where to read more ("Find out more", "Further information",
 * "Useful links"; since 7 December, later, from an EU factsheet), a council report's
 * "Background papers" and "Contact officer", also as an annex ("Annex: Contact"). A reference list's entries read as facts (names, years, titles) and are
 * sources, not claims; a definition says what a word means here. Never checked, whatever
 * the conventions' exempt sections.
 */
export const BACK_MATTER =
  /^(?:(?:annex|appendix)(?: [a-z0-9]{1,3})?\s*[:.—–-]\s*)?(?:background (?:papers|documents)|references?(?: list)?|list of references|bibliography|select(?:ed)? bibliography|sources?(?: and notes)?|notes(?: and sources| and references)?|end ?notes|footnotes|works cited|literature(?: cited)?|further reading|find out more|(?:for )?(?:further|more) information|useful links|about (?:the )?authors?|(?:the )?authors?|about this (?:brief|paper|report|publication)|acknowledge?ments|disclaimer|(?:suggested |how to )?cit(?:e|ation)(?: this (?:brief|paper|report|publication))?|contact(?: us| details| officers?| points?)?|imprint|glossary(?: of terms)?|key terms|terms used|key terms and definitions|definitions?(?: of terms)?|(?:list of )?(?:abbreviations|acronyms)(?: and acronyms| and abbreviations)?|terminology)$/;

/** Headings recur from one analysis to the next: each is normalised once. */
const NORMALIZED = new RecentCache<string>(4096);
function normalizeHeading(s: string): string {
  return NORMALIZED.get(s, normalizeHeadingText);
}

function normalizeHeadingText(s: string): string {
  return trimEndMatching(withoutFootnoteCalls(s).replace(/^\s*(?:\d+(?:\.\d+)+\.?|(?:\d+|[ivxlc]+|[a-z])[.)])\s+/i, ''), /[:.\s]/)
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * A heading that says its section states facts: "Background", "Context", "Key facts", "Key
 * findings", "The situation", "Current law", "What we know", "How leasehold works". Sentences
 * there lean towards facts (`possible-unsourced-assertion`: `assertions/context.ts`, `CONTEXT.sectionPrior`).
 */
export function factualHeading(heading: string): boolean {
  if (heading.length > 80) return false;
  return FACTUAL.test(trimEndMatching(heading.replace(/^[\s\d.)]*/u, ''), /[\s:.*_]/u).trim());
}
const FACTUAL = /^(?:background|context|overview|key facts|key points|key findings|facts and figures|the situation|current law|current situation|what we know|the evidence|what happened|how .{1,40} works)$/iu;
