import { ASSESSMENT_STATUSES } from '@app/assessments';
import {
  AGREEMENT_TYPES,
  ARTICLE6_BASES,
  ARTICLE9_CONDITIONS,
  CONFIDENTIALITY_BASES,
  DATA_CATEGORIES,
  DIRECTIONS,
  LINK_STATUSES,
  PROCESSING_LOCATIONS,
  PSEUDONYMISATION,
  TRANSFER_METHODS,
} from '@app/data-sharing';
import { ROLES } from '@app/identity';
import { INCIDENT_SEVERITIES, INCIDENT_SOURCES } from '@app/incidents';
import { OUTBOX_STATUSES } from '@app/notifications';
import { DECISIONS, FINDING_STATUSES, SEVERITIES } from '@app/risk';
import { BANDS, CLASSIFICATIONS, CRITICALITIES, RATINGS } from '@app/scoring';
import { CONTACT_ROLES, SUPPLIER_KINDS, SUPPLIER_STATUSES } from '@app/suppliers';

/**
 * The enumerations of api.md, in its order. The compiler plugin reads a union type's members in the
 * order TypeScript keeps them, which is not always the order written; each enumeration in the
 * document is put back in the order of the constant it comes from.
 */
const ENUMERATIONS: readonly (readonly unknown[])[] = [
  SUPPLIER_KINDS,
  CRITICALITIES,
  SUPPLIER_STATUSES,
  CONTACT_ROLES,
  CLASSIFICATIONS,
  DATA_CATEGORIES,
  DIRECTIONS,
  PSEUDONYMISATION,
  ARTICLE6_BASES,
  ARTICLE9_CONDITIONS,
  CONFIDENTIALITY_BASES,
  AGREEMENT_TYPES,
  TRANSFER_METHODS,
  PROCESSING_LOCATIONS,
  LINK_STATUSES,
  ASSESSMENT_STATUSES,
  BANDS,
  RATINGS,
  FINDING_STATUSES,
  DECISIONS,
  OUTBOX_STATUSES,
  INCIDENT_SOURCES,
  INCIDENT_SEVERITIES,
  ROLES,
];

const sameSet = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((v) => b.includes(v));

/** `values` in the order api.md gives them; a finding's severity runs from critical down. */
export function canonicalEnum(values: unknown[], trail: string[]): unknown[] {
  if (values.every((v) => typeof v === 'number')) return [...values].sort((a, b) => (a as number) - (b as number));
  if (sameSet(values, SEVERITIES) && trail.some((t) => /finding/i.test(t))) return [...SEVERITIES];
  const known = ENUMERATIONS.find((e) => sameSet(values, e));
  return known ? [...known] : values;
}
