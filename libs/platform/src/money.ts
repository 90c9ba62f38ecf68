/**
 * Money as people read it on pages, emails and reports (risk-model.md section 5): two significant
 * figures, "£390,000", "£4.9M", "£1.2bn". The API and CSV keep whole pounds; this is only for words.
 */
export function moneyText(pounds: number): string {
  if (!Number.isFinite(pounds)) return '£0';
  const sign = pounds < 0 ? '-' : '';
  const value = twoSignificant(Math.abs(pounds));
  if (value >= 1e9) return `${sign}£${trim(value / 1e9)}bn`;
  if (value >= 1e6) return `${sign}£${trim(value / 1e6)}M`;
  return `${sign}£${Math.round(value).toLocaleString('en-GB')}`;
}

/** Whole pounds with separators, for tables where the exact figure matters ("£24,800,000"). */
export function exactMoneyText(pounds: number): string {
  return `£${Math.round(pounds).toLocaleString('en-GB')}`;
}

function twoSignificant(n: number): number {
  if (n < 1) return 0;
  const magnitude = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / magnitude) * magnitude;
}

const trim = (n: number) => String(Number(n.toFixed(1)));
