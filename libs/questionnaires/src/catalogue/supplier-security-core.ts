import { GOVERNANCE_AND_ACCESS } from './supplier-security-core/governance-and-access.js';
import { PROTECTION } from './supplier-security-core/protection.js';
import { RESILIENCE_AND_RESPONSE } from './supplier-security-core/resilience-and-response.js';
import { PEOPLE_SUPPLIERS_AND_ASSURANCE } from './supplier-security-core/people-suppliers-and-assurance.js';

/**
 * The full supplier questionnaire for Tier 1 and Tier 2 suppliers. Written for this project; each
 * scored question cites public control identifiers only, from the pinned lists in frameworks.ts.
 * Version 2 (issue 16): misapplied mappings corrected, double-barrelled questions split, and the
 * topics a trust asks added (data location, infrastructure testing, NHS England cyber alerts, MFA
 * for all email and cloud users, secure email, devices, unsupported software and DSPT as knock-outs,
 * exit, processor terms, secondary use and AI training).
 */
export const SUPPLIER_SECURITY_CORE = {
  key: 'supplier-security-core',
  version: 2,
  title: 'Supplier security questionnaire (full)',
  description:
    'For Tier 1 and Tier 2 suppliers: those that hold large volumes of our patient data or run services we cannot do without.',
  sections: [...GOVERNANCE_AND_ACCESS, ...PROTECTION, ...RESILIENCE_AND_RESPONSE, ...PEOPLE_SUPPLIERS_AND_ASSURANCE],
};
