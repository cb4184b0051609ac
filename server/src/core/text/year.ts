/** A year as briefs and sources write one: four digits from 1800 to 2099 ("2023"), nothing else. */
export const isYear = (s: string): boolean => YEAR.test(s);
const YEAR = /^(?:1[89]|20)\d\d$/;
