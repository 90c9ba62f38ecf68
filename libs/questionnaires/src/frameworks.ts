import type { Framework } from './definition.js';

const range = (prefix: string, from: number, to: number, pad = 0) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${String(from + i).padStart(pad, '0')}`);
const nist = (category: string, ...numbers: number[]) =>
  numbers.map((n) => `${category}-${String(n).padStart(2, '0')}`);

/**
 * The published identifiers of each framework a mapping may cite, pinned to one version
 * (questionnaire-format.md): an import citing anything else is refused with its path, so that no
 * mapping can name a control that does not exist. Update a list only with its version.
 */
export const FRAMEWORK_VERSIONS: Record<Framework, string> = {
  'NCSC-CAF':
    'NCSC Cyber Assessment Framework v3.2 (2024), objectives A to D, and objective E (using and sharing information appropriately) that the Data Security and Protection Toolkit 2024-25 CAF-aligned edition adds for health and care',
  'NDG': 'National Data Guardian data security standards (2016), as measured by the DSPT 2024-25',
  'CYBER-ESSENTIALS': 'Cyber Essentials requirements for IT infrastructure: the five technical control themes',
  'NCSC-SUPPLY-CHAIN': 'NCSC supply chain security guidance: the 12 principles',
  'ISO27001-2022': 'ISO/IEC 27001:2022 Annex A',
  'NIST-CSF-2.0': 'NIST Cybersecurity Framework 2.0 (February 2024)',
  'DTAC': 'NHS Digital Technology Assessment Criteria, core sections C1 to C4',
};

export const FRAMEWORK_IDENTIFIERS: Record<Framework, readonly string[]> = {
  'NCSC-CAF': [
    'A1.a',
    'A1.b',
    'A1.c',
    'A2.a',
    'A2.b',
    'A3.a',
    'A4.a',
    'B1.a',
    'B1.b',
    'B2.a',
    'B2.b',
    'B2.c',
    'B2.d',
    'B3.a',
    'B3.b',
    'B3.c',
    'B3.d',
    'B3.e',
    'B4.a',
    'B4.b',
    'B4.c',
    'B4.d',
    'B5.a',
    'B5.b',
    'B5.c',
    'B6.a',
    'B6.b',
    'C1.a',
    'C1.b',
    'C1.c',
    'C1.d',
    'C1.e',
    'C2.a',
    'C2.b',
    'D1.a',
    'D1.b',
    'D1.c',
    'D2.a',
    'D2.b',
    // DSPT 2024-25 objective E: E1 transparency (privacy information), E2 individuals' rights (rights
    // requests, consent, the national data opt-out), E3 using and sharing information (for direct
    // care, for other purposes), E4 records (managing records, clinical coding).
    'E1.a',
    'E2.a',
    'E2.b',
    'E2.c',
    'E3.a',
    'E3.b',
    'E4.a',
    'E4.b',
  ],
  'NDG': range('NDG-', 1, 10),
  'CYBER-ESSENTIALS': [
    'firewalls',
    'secure-configuration',
    'security-update-management',
    'user-access-control',
    'malware-protection',
  ],
  'NCSC-SUPPLY-CHAIN': range('SC-', 1, 12),
  'ISO27001-2022': [...range('5.', 1, 37), ...range('6.', 1, 8), ...range('7.', 1, 14), ...range('8.', 1, 34)],
  'NIST-CSF-2.0': [
    ...nist('GV.OC', 1, 2, 3, 4, 5),
    ...nist('GV.RM', 1, 2, 3, 4, 5, 6, 7),
    ...nist('GV.RR', 1, 2, 3, 4),
    ...nist('GV.PO', 1, 2),
    ...nist('GV.OV', 1, 2, 3),
    ...nist('GV.SC', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
    ...nist('ID.AM', 1, 2, 3, 4, 5, 7, 8),
    ...nist('ID.RA', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
    ...nist('ID.IM', 1, 2, 3, 4),
    ...nist('PR.AA', 1, 2, 3, 4, 5, 6),
    ...nist('PR.AT', 1, 2),
    ...nist('PR.DS', 1, 2, 10, 11),
    ...nist('PR.PS', 1, 2, 3, 4, 5, 6),
    ...nist('PR.IR', 1, 2, 3, 4),
    ...nist('DE.CM', 1, 2, 3, 6, 9),
    ...nist('DE.AE', 2, 3, 4, 6, 7, 8),
    ...nist('RS.MA', 1, 2, 3, 4, 5),
    ...nist('RS.AN', 3, 6, 7, 8),
    ...nist('RS.CO', 2, 3),
    ...nist('RS.MI', 1, 2),
    ...nist('RC.RP', 1, 2, 3, 4, 5, 6),
    ...nist('RC.CO', 3, 4),
  ],
  'DTAC': ['C1', 'C2', 'C3', 'C4'],
};

/** Whether `ref` is a published identifier of the framework, in the pinned version. */
export function isKnownIdentifier(framework: Framework, ref: string): boolean {
  return FRAMEWORK_IDENTIFIERS[framework].includes(ref);
}
