/**
 * Appends `items` to `target` one by one. `target.push(...items)` passes every item as an
 * argument and overflows the stack past about 120,000 of them — which a hostile brief
 * reaches (140,000 unclosed directives in 1 MB). Use this wherever the count depends on
 * the document.
 */
export function pushAll<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i]);
  return target;
}
