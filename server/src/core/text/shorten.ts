/** A label on one line, cut with an ellipsis past `max` characters. */
export function shorten(s: string, max = 60): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}
