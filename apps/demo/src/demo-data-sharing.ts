// The demo trust's data assets, and what it shares with whom.
export const ASSETS = [
  { key: 'ed', name: 'Emergency department attendances extract', classification: 'special_category' as const, categories: ['nhs_number', 'demographics', 'clinical'], recordCount: 480_000, systemOfRecord: 'ED system (Symphony)' },
  { key: 'trauma', name: 'Major trauma research dataset', classification: 'special_category' as const, categories: ['nhs_number', 'clinical'], recordCount: 1_100_000, systemOfRecord: 'Trauma registry' },
  { key: 'payroll', name: 'Payroll', classification: 'personal' as const, categories: ['demographics', 'contact_details'], recordCount: 9_000, systemOfRecord: 'ESR' },
  { key: 'epr', name: 'Electronic patient record', classification: 'special_category' as const, categories: ['nhs_number', 'demographics', 'clinical', 'free_text'], recordCount: 2_400_000, systemOfRecord: 'EPR' },
  { key: 'path', name: 'Pathology requests and results', classification: 'special_category' as const, categories: ['nhs_number', 'clinical'], recordCount: 1_800_000, systemOfRecord: 'LIMS' },
  { key: 'letters', name: 'Outpatient letters', classification: 'special_category' as const, categories: ['nhs_number', 'contact_details', 'clinical'], recordCount: 350_000, systemOfRecord: 'EPR' },
  { key: 'estates', name: 'Estates and car park records', classification: 'official' as const, categories: ['other'], recordCount: 20_000, systemOfRecord: 'CAFM' },
];

// supplier, asset, records, purpose, article 9 condition, confidentiality basis, agreement, review date
export const LINKS: [string, string, number, string, string | null, string, string, string][] = [
  ['Northgate Pathology Partnership', 'path', 1_800_000, 'Pathology testing for direct care', 'health_care', 'direct_care', 'contract', '2027-03-31'],
  ['Riverside University', 'trauma', 1_100_000, 'Major trauma outcomes research', 'research', 's251_support', 'DSA', '2026-12-20'],
  ['Eastfield University', 'ed', 120_000, 'Emergency medicine research cohort', 'research', 's251_support', 'DSA', '2027-06-30'],
  ['Meridian Health Analytics Ltd', 'ed', 480_000, 'Population health analytics', 'health_care', 's251_support', 'DPA', '2026-12-05'],
  ['Carecloud EPR Ltd', 'epr', 2_400_000, 'Hosting of the electronic patient record', 'health_care', 'direct_care', 'contract', '2027-09-30'],
  ['Swift Payroll Services Ltd', 'payroll', 9_000, 'Payroll processing', null, 'not_applicable', 'DPA', '2027-01-31'],
  ['Imaging Connect Ltd', 'epr', 600_000, 'Reporting of imaging studies', 'health_care', 'direct_care', 'contract', '2027-04-30'],
  ['Dictate Transcription Ltd', 'letters', 350_000, 'Typing of clinic letters', 'health_care', 'direct_care', 'DPA', '2026-12-31'],
  ['Mailroom Print Services Ltd', 'letters', 350_000, 'Printing and posting of letters', 'health_care', 'direct_care', 'DPA', '2027-02-28'],
  ['Genomics Partners LLP', 'trauma', 40_000, 'Genomic sub-study', 'research', 'consent', 'DSA', '2027-05-31'],
  ['Cloudvault Backup Ltd', 'epr', 2_400_000, 'Off-site encrypted backup', 'health_care', 'direct_care', 'contract', '2027-08-31'],
  ['Occupational Health Direct Ltd', 'payroll', 9_000, 'Staff occupational health', null, 'not_applicable', 'DPA', '2027-03-31'],
  ['Parkright Ltd', 'estates', 20_000, 'Car park permits', null, 'not_applicable', 'contract', '2027-10-31'],
  ['Telecare Monitoring Ltd', 'epr', 15_000, 'Remote monitoring of discharged patients', 'health_care', 'direct_care', 'DPA', '2027-01-15'],
];
