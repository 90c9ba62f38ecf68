import type { AuditEvent } from '@app/audit';
import { REASSIGNABLE_STATUSES, type Assessment } from '@app/assessments';
import type { DataSharingLink } from '@app/data-sharing';
import { can, type User } from '@app/identity';
import { addDays, moneyText } from '@app/platform';
import { decisionState, type Finding, type RiskDecision } from '@app/risk';
import { toSupplierView, type Supplier } from '@app/suppliers';
import { dateText, londonDate, londonDateTime } from './dates.js';
import { formFields, optionLabel, summaryOf, type FieldSpec } from './forms.js';
import { fieldText } from './words.js';

/** What the supplier page is drawn from, loaded by `SupplierPage`. */
export interface SupplierPageData {
  supplier: Supplier;
  links: DataSharingLink[];
  assetNames: Map<string, string>;
  assessments: Assessment[];
  titles: Map<string, string>;
  findings: Finding[];
  decisions: RiskDecision[];
  history: AuditEvent[];
  actors: Map<string, string>;
  owner: string | null;
  questionnaires: { value: string; label: string }[];
  today: string;
}

/** A form on the supplier page that was sent and refused: which one, its problems and what was typed. */
export interface FailedForm {
  form: 'send' | 'decision' | 'tier' | 'offboard';
  errors: { path: string; message: string }[];
  values: Record<string, unknown>;
}

export const canEditRegister = (user: User) => can(user, 'register.write');
export const canSeeFindings = (user: User) => can(user, 'finding.read');
export const canDecide = (user: User) => can(user, 'risk.decide');

const DECISIONS = [
  { value: 'accept', label: 'Accept the risk' },
  { value: 'mitigate', label: 'Mitigate (a remediation plan for open findings)' },
  { value: 'transfer', label: 'Transfer (insure)' },
  { value: 'avoid', label: 'Avoid (end the data sharing)' },
];
const TIER_OPTIONS = [
  { value: 'none', label: 'No override: from criticality and data' },
  ...['1', '2', '3', '4'].map((t) => ({ value: t, label: `Tier ${t}` })),
];
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The supplier page: details, links, questionnaires, findings, decisions, tier override, offboarding and history. */
export function supplierView(data: SupplierPageData, user: User, failed: FailedForm | null = null) {
  const found = data.supplier;
  const supplier = toSupplierView(found);
  const offboarded = supplier.status === 'offboarded';
  const errorsOf = (form: FailedForm['form']) => (failed?.form === form ? failed.errors : []);
  const typed = (form: FailedForm['form'], name: string, fallback: string) =>
    failed?.form === form ? str(failed.values[name]) : fallback;

  const sendSpecs: FieldSpec[] = [
    {
      name: 'questionnaireKey',
      label: 'Questionnaire',
      value: typed('send', 'questionnaireKey', 'default'),
      options: [{ value: 'default', label: 'The default for its tier' }, ...data.questionnaires],
    },
    { name: 'dueDate', label: 'Due date', value: typed('send', 'dueDate', addDays(data.today, 30)), date: true },
  ];
  const decisionSpecs: FieldSpec[] = [
    { name: 'decision', label: 'Decision', value: typed('decision', 'decision', 'accept'), options: DECISIONS },
    {
      name: 'rationale',
      label: 'Rationale',
      value: typed('decision', 'rationale', ''),
      textarea: true,
      hint: 'Why the committee takes this decision, in at least 10 characters',
    },
    { name: 'reviewDate', label: 'Review date', value: typed('decision', 'reviewDate', ''), date: true },
  ];
  const insuranceSpecs: FieldSpec[] = [
    { name: 'insurer', label: 'Insurer', value: typed('decision', 'insurer', '') },
    { name: 'policyRef', label: 'Policy reference', value: typed('decision', 'policyRef', '') },
    { name: 'limit', label: 'Limit (£)', errorLabel: 'Limit', value: typed('decision', 'limit', ''), width: 10 },
    { name: 'excess', label: 'Excess (£)', errorLabel: 'Excess', value: typed('decision', 'excess', ''), width: 10 },
    {
      name: 'expiresOn',
      label: 'Policy expires',
      errorLabel: 'Date the policy expires',
      value: typed('decision', 'expiresOn', ''),
      date: true,
    },
    {
      name: 'endLinksBy',
      label: 'End the links by',
      errorLabel: 'Date to end the links by',
      value: typed('decision', 'endLinksBy', ''),
      date: true,
      hint: 'To avoid the risk. For example, 27 3 2027',
    },
  ];
  const tierSpecs: FieldSpec[] = [
    {
      name: 'tier',
      label: 'Tier',
      value: typed('tier', 'tier', found.tierOverride ? String(found.tierOverride) : 'none'),
      options: TIER_OPTIONS,
    },
    { name: 'reason', label: 'Reason', value: typed('tier', 'reason', found.tierOverrideReason ?? ''), textarea: true },
  ];
  const summarySpecs = {
    send: sendSpecs,
    decision: [...decisionSpecs, ...insuranceSpecs, { name: 'findingIds', label: 'Findings the plan remediates' }],
    tier: tierSpecs,
    offboard: [{ name: 'status', label: 'Status' }],
  };
  const offboardedOn = found.offboardedAt ? londonDate(found.offboardedAt) : null;
  // What offboarding ended: the links it closed that day (a link ended earlier keeps its own end date).
  const endedByOffboarding = offboardedOn
    ? data.links.filter((l) => l.status === 'ended' && l.endDate === offboardedOn)
    : [];
  // and the questionnaires it cancelled (at the same moment).
  const cancelledByOffboarding = found.offboardedAt
    ? data.assessments.filter(
        (a) => a.status === 'cancelled' && a.cancelledAt?.getTime() === found.offboardedAt!.getTime(),
      )
    : [];

  return {
    supplier: {
      ...supplier,
      kind: optionLabel(supplier.kind),
      status: optionLabel(supplier.status),
      band: supplier.band ?? 'not assessed',
      netValueAtRisk: moneyText(supplier.netValueAtRisk),
      valueAtRisk: moneyText(supplier.valueAtRisk),
      insured: supplier.netValueAtRisk < supplier.valueAtRisk,
    },
    owner: data.owner ?? 'No owner yet',
    offboarded: offboarded
      ? {
          on: dateText(offboardedOn),
          ended: endedByOffboarding.map((l) => `${data.assetNames.get(l.dataAssetId) ?? 'A data asset'}: ${l.purpose}`),
          cancelled: cancelledByOffboarding.map(
            (a) => `${data.titles.get(a.questionnaireKey) ?? a.questionnaireKey}, due ${dateText(a.dueDate)}`,
          ),
        }
      : null,
    summary: found.risk?.summary ?? '',
    contacts: supplier.contacts,
    links: data.links.map((l) => ({
      id: l.id,
      asset: data.assetNames.get(l.dataAssetId) ?? '',
      purpose: l.purpose,
      records: l.recordCount.toLocaleString('en-GB'),
      status: l.status,
      agreement: l.agreementRef ?? 'none',
      reviewDate: dateText(l.reviewDate),
      endDate: l.endDate ? dateText(l.endDate) : null,
    })),
    canEdit: canEditRegister(user) && !offboarded,
    canReactivate: canEditRegister(user) && offboarded,
    assessments: data.assessments.map((a) => ({
      id: a.id,
      questionnaire: data.titles.get(a.questionnaireKey) ?? a.questionnaireKey,
      status: a.status.replace('_', ' '),
      dueDate: dateText(a.dueDate),
      band: a.score?.band ?? '–',
      recipient: a.recipientName,
      canReassign: can(user, 'assessment.send') && REASSIGNABLE_STATUSES.includes(a.status),
    })),
    canSeeFindings: canSeeFindings(user),
    findings: data.findings.map((f) => ({
      id: f.id,
      code: f.questionCode,
      severity: f.severity,
      status: f.status.replace('_', ' '),
      dueDate: dateText(f.dueDate),
      text: f.questionText,
    })),
    openFindings: data.findings
      .filter((f) => f.status === 'open' || f.status === 'remediation_planned')
      .map((f) => ({ id: f.id, label: `${f.questionCode} (${f.severity}): ${f.questionText}` })),
    history: data.history.map((e) => ({
      at: londonDateTime(e.occurredAt),
      action: e.action.replace(/[._]/g, ' '),
      actor: e.actorType === 'user' ? (data.actors.get(e.actorId ?? '') ?? 'a user') : e.actorType,
      fields: Object.keys(e.changes ?? {})
        .map(fieldText)
        .join(', '),
    })),
    canDecide: canDecide(user),
    canSend: canEditRegister(user) && !offboarded,
    decisions: data.decisions.map((d) => ({
      decision: d.decision,
      rationale: d.rationale,
      reviewDate: dateText(d.reviewDate),
      state: decisionState(d, data.today),
    })),
    errors: failed ? summaryOf(failed.errors, summarySpecs[failed.form], failed.form) : [],
    sendFields: formFields(sendSpecs, errorsOf('send'), 'send'),
    decisionFields: formFields(decisionSpecs, errorsOf('decision'), 'decision'),
    insuranceFields: formFields(insuranceSpecs, errorsOf('decision'), 'decision'),
    findingIdsError: errorsOf('decision').find((e) => e.path.startsWith('findingIds'))?.message ?? null,
    canOverrideTier: canDecide(user),
    tierFields: formFields(tierSpecs, errorsOf('tier'), 'tier'),
    tierOverride: found.tierOverride ? { tier: found.tierOverride, reason: found.tierOverrideReason ?? '' } : null,
  };
}
