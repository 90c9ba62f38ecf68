import type { AccessPath } from '@app/access-paths';
import {
  CERTIFICATION_LABELS,
  type AnswerEvidence,
  type Certification,
  type CertificationView,
  type DsptStanding,
} from '@app/certifications';
import type { FieldProblem } from '@app/platform';
import type { Supplier } from '@app/suppliers';
import { datesFrom } from './forms.js';

export { CERTIFICATION_LABELS };
export type Form = Record<string, unknown>;

const one = (body: Form, name: string): string | undefined => {
  const value = body[name];
  const text = Array.isArray(value) ? String(value[0] ?? '') : typeof value === 'string' ? value : '';
  return text.trim() === '' ? undefined : text.trim();
};
const list = (body: Form, name: string): string[] => {
  const value = body[name];
  return (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [])
    .map((v) => v.trim())
    .filter(Boolean);
};
/** A whole number as a number; anything else left as typed, for the validator to name. */
const count = (value: string | undefined) => (value === undefined ? null : /^\d+$/.test(value) ? Number(value) : value);
const boolean = (value: string | undefined) => (value === 'true' ? true : value === 'false' ? false : value);

/** An access-path form as the API's input: systems separated by commas, the data assets ticked. */
export function accessPathValues(body: Form, creating: boolean): Form {
  const values: Form = {
    kind: one(body, 'kind'),
    description: one(body, 'description') ?? '',
    systems: (one(body, 'systems') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    dataAssetIds: list(body, 'dataAssetIds'),
    mfa: one(body, 'mfa'),
    monitored: boolean(one(body, 'monitored')),
    deviceCount: count(one(body, 'deviceCount')),
    unsupportedDeviceCount: count(one(body, 'unsupportedDeviceCount')),
    lastReviewedOn: one(body, 'lastReviewedOn') ?? null,
  };
  if (!creating) values.status = one(body, 'status');
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

/** A stored certification as its edit form shows it. */
export const certificationFormValues = (c: Certification): Form => ({
  kind: c.kind,
  reference: c.reference ?? '',
  status: c.status ?? '',
  scope: c.scope ?? '',
  issuedOn: c.issuedOn ?? '',
  expiresOn: c.expiresOn ?? '',
  evidence: c.evidence ?? '',
});

/** A certification form as the API's input: empty fields cleared. */
export function certificationValues(body: Form, creating: boolean): Form {
  const values: Form = { kind: one(body, 'kind') };
  for (const name of ['reference', 'status', 'scope', 'issuedOn', 'expiresOn', 'evidence']) {
    const v = one(body, name);
    if (v !== undefined || !creating) values[name] = v ?? null;
  }
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

const words = (value: string) => value.replace(/_/g, ' ');

/** The supplier's assurance page: its ways in (weak ones marked) and its certificates (expired ones marked). */
export function assuranceView(
  supplier: Supplier,
  paths: AccessPath[],
  certifications: CertificationView[],
  dspt: DsptStanding,
  assetNames: Map<string, string>,
) {
  const active = paths.filter((p) => p.status !== 'removed');
  const removed = paths.filter((p) => p.status === 'removed');
  const pathRow = (p: AccessPath) => ({
    id: p.id,
    kind: words(p.kind),
    description: p.description,
    systems: p.systems.join(', ') || '–',
    mfa: words(p.mfa),
    monitored: p.monitored ? 'yes' : 'no',
    data: p.dataAssetIds.map((id) => assetNames.get(id) ?? id).join(', ') || '–',
    devices:
      p.deviceCount === null
        ? '–'
        : `${p.deviceCount}${p.unsupportedDeviceCount ? ` (${p.unsupportedDeviceCount} unsupported)` : ''}`,
    lastReviewedOn: p.lastReviewedOn ?? 'never',
    status: p.status,
    unprotected: p.status === 'active' && (p.mfa === 'none' || !p.monitored),
  });
  const weak = active.filter((p) => p.status === 'active' && (p.mfa === 'none' || !p.monitored));
  return {
    supplier: { id: supplier.id, name: supplier.name },
    paths: active.map(pathRow),
    removedPaths: removed.map(pathRow),
    entryPointNote: weak.length
      ? `${weak.length === 1 ? 'One active way in is' : `${weak.length} active ways in are`} without MFA or not monitored: the band used for the likelihood is one step worse (risk model section 3).`
      : null,
    certifications: certifications.map((c) => ({
      ...c,
      label: CERTIFICATION_LABELS[c.kind],
      status: c.status ? words(c.status) : null,
      scope: c.scope ?? '–',
      reference: c.reference ?? '–',
      issuedOn: c.issuedOn ?? '–',
      expiresOn: c.expiresOn ?? '–',
      verifiedOn: c.verifiedOn ?? '',
    })),
    dspt: { ...dspt, currentStatus: dspt.currentStatus ? words(dspt.currentStatus) : null },
  };
}

/** An answer's certification evidence as the review page tags it (green proven, red flagged, grey unverified). */
export const evidenceTag = (e: AnswerEvidence | undefined) =>
  e
    ? {
        text: e.text,
        label: { proven: 'Proven', flag: 'Check', unverified: 'Not proven' }[e.outcome],
        tag: e.outcome === 'proven' ? 'nhsuk-tag--green' : e.outcome === 'flag' ? 'nhsuk-tag--red' : 'nhsuk-tag--grey',
      }
    : null;

/** The form with its NHS.UK date inputs read as YYYY-MM-DD (as typed, `d/m/y`, where not a real date), and their problems. */
export function withDates(body: Form, names: string[]): { values: Form; problems: FieldProblem[] } {
  const { values: dates, problems } = datesFrom(body, names);
  return { values: { ...body, ...Object.fromEntries(names.map((name) => [name, dates[name] ?? ''])) }, problems };
}
