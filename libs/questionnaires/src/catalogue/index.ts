import { INCIDENT_FOLLOW_UP } from './incident-follow-up.js';
import { RESEARCH_DATA_PARTNER } from './research-data-partner.js';
import { SUPPLIER_SECURITY_CORE } from './supplier-security-core.js';
import { SUPPLIER_SECURITY_LITE } from './supplier-security-lite.js';

/** The questionnaires the product ships, loaded into the catalogue at start (idempotently). */
export const SHIPPED_QUESTIONNAIRES: unknown[] = [
  SUPPLIER_SECURITY_CORE,
  SUPPLIER_SECURITY_LITE,
  RESEARCH_DATA_PARTNER,
  INCIDENT_FOLLOW_UP,
];
