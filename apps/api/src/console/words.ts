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

/** Field names a reader knows by another name. */
const FIELD_NAMES: Record<string, string> = {
  ownerId: 'owner',
  supplierId: 'supplier',
  dataAssetId: 'data asset',
  companiesHouseNumber: 'Companies House number',
  odsCode: 'ODS code',
  ukprn: 'UKPRN',
  singleLossEstimate: 'single-loss estimate',
  valueAtRisk: 'value at risk (gross)',
  netValueAtRisk: 'value at risk (net of insurance)',
  offboardedAt: 'offboarded on',
  issuedOn: 'issue date',
  article6Basis: 'UK GDPR Article 6 basis',
  article9Condition: 'Article 9 condition',
  pseudonymisation: 'identifiability',
  recordCount: 'records shared',
  mfa: 'MFA',
};

/** A stored field's name in words: "companiesHouseNumber" -> "Companies House number", "impactLevel" -> "impact level", "tier_override" -> "tier override". */
export function fieldText(name: string): string {
  if (FIELD_NAMES[name]) return FIELD_NAMES[name];
  return name
    .replace(/Id$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[._]/g, ' ')
    .toLowerCase();
}
