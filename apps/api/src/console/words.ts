/** "1 supplier", "3 suppliers", "no suppliers": counts in words, never "supplier(s)". */
export function countText(n: number, singular: string, plural = `${singular}s`): string {
  if (n === 0) return `no ${plural}`;
  return `${n.toLocaleString('en-GB')} ${n === 1 ? singular : plural}`;
}

/** The same, starting a sentence ("No suppliers", "3 suppliers"). */
export function CountText(n: number, singular: string, plural = `${singular}s`): string {
  const text = countText(n, singular, plural);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
