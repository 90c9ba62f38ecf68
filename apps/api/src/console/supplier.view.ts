import type { AuditEvent } from '@app/audit';
import { REASSIGNABLE_STATUSES, type Assessment } from '@app/assessments';
import type { DataSharingLink } from '@app/data-sharing';
import { can, type User } from '@app/identity';
import { addDays } from '@app/platform';
import { decisionState, type Finding, type RiskDecision } from '@app/risk';
import { toSupplierView, type Supplier } from '@app/suppliers';
import { pounds } from './pages.js';

/** What the supplier page is drawn from, loaded by `SupplierPage`. */
export interface SupplierPageData {
  supplier: Supplier;
  links: DataSharingLink[];
  assetNames: Map<string, string>;
  assessments: Assessment[];
  findings: Finding[];
  decisions: RiskDecision[];
  history: AuditEvent[];
  actors: Map<string, string>;
  today: string;
}

export const canEditRegister = (user: User) => can(user, 'register.write');
export const canSeeFindings = (user: User) => can(user, 'finding.read');
export const canDecide = (user: User) => can(user, 'risk.decide');

export function tierOptionsOf(selected: string) {
  return [{ value: 'none', label: 'No override: from criticality and data' }, ...['1', '2', '3', '4'].map((t) => ({ value: t, label: `Tier ${t}` }))].map((o) => ({ ...o, selected: o.value === selected }));
}

/** The supplier page: details, links, questionnaires, findings, decisions, tier override and history. */
export function supplierView(data: SupplierPageData, user: User) {
  const found = data.supplier;
  const supplier = toSupplierView(found);
  return {
    supplier: { ...supplier, kind: supplier.kind.replace('_', ' '), band: supplier.band ?? 'not assessed', netValueAtRisk: pounds(supplier.netValueAtRisk), valueAtRisk: pounds(supplier.valueAtRisk) },
    summary: found.risk?.summary ?? '',
    contacts: supplier.contacts,
    links: data.links.map((l) => ({ id: l.id, asset: data.assetNames.get(l.dataAssetId) ?? '', purpose: l.purpose, records: l.recordCount.toLocaleString('en-GB'), status: l.status, agreement: l.agreementRef ?? 'none', reviewDate: l.reviewDate ?? '–' })),
    canEdit: canEditRegister(user) && supplier.status !== 'offboarded',
    assessments: data.assessments.map((a) => ({ id: a.id, questionnaire: a.questionnaireKey, status: a.status.replace('_', ' '), dueDate: a.dueDate, band: a.score?.band ?? '–', recipient: a.recipientName, canReassign: can(user, 'assessment.send') && REASSIGNABLE_STATUSES.includes(a.status) })),
    canSeeFindings: canSeeFindings(user),
    findings: data.findings.map((f) => ({ code: f.questionCode, severity: f.severity, status: f.status.replace('_', ' '), dueDate: f.dueDate ?? '–', text: f.questionText })),
    openFindings: data.findings.filter((f) => f.status === 'open' || f.status === 'remediation_planned').map((f) => ({ id: f.id, label: `${f.questionCode} (${f.severity}): ${f.questionText}` })),
    history: data.history.map((e) => ({ at: e.occurredAt.toISOString().slice(0, 16).replace('T', ' '), action: e.action.replace(/[._]/g, ' '), actor: e.actorType === 'user' ? (data.actors.get(e.actorId ?? '') ?? 'a user') : e.actorType, fields: Object.keys(e.changes ?? {}).join(', ') })),
    canDecide: canDecide(user),
    canSend: canEditRegister(user) && supplier.status !== 'offboarded',
    dueDefault: addDays(data.today, 30),
    decisions: data.decisions.map((d) => ({ decision: d.decision, rationale: d.rationale, reviewDate: d.reviewDate, state: decisionState(d, data.today) })),
    errors: [] as { path: string; message: string; anchor: string }[],
    canOverrideTier: canDecide(user),
    tierForm: { reason: found.tierOverrideReason ?? '' },
    tierOptions: tierOptionsOf(found.tierOverride ? String(found.tierOverride) : 'none'),
    tierOverride: found.tierOverride ? { tier: found.tierOverride, reason: found.tierOverrideReason ?? '' } : null,
    form: { decision: 'accept', rationale: '', reviewDate: '', insurer: '', policyRef: '', limit: '', excess: '', expiresOn: '', endLinksBy: '' } as Record<string, string>,
  };
}
