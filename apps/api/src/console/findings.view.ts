import { can, type User } from '@app/identity';
import type { Finding } from '@app/risk';
import { dateText } from './dates.js';
import { formFields, optionLabel, summaryOf, type FieldSpec } from './forms.js';

export const FINDING_STATUS_VALUES = ['open', 'remediation_planned', 'resolved', 'accepted'] as const;

/** The findings board: open work grouped by severity. */
export function findingsBoardView(data: {
  items: Finding[];
  total: number;
  names: Map<string, string>;
  status: string | undefined;
  overdue: boolean;
}) {
  return {
    total: data.total,
    overdue: data.overdue,
    statuses: FINDING_STATUS_VALUES.map((value) => ({
      value,
      label: optionLabel(value),
      selected: value === data.status,
    })),
    groups: ['critical', 'high', 'medium', 'low'].map((severity) => ({
      severity,
      items: data.items
        .filter((f) => f.severity === severity)
        .map((f) => ({
          id: f.id,
          code: f.questionCode,
          text: f.questionText,
          supplierId: f.supplierId,
          supplier: data.names.get(f.supplierId) ?? '',
          status: f.status.replace('_', ' '),
          dueDate: f.dueDate ?? '–',
        })),
    })),
  };
}

/** One finding with its remediation form; accepting the risk is governance's. */
export function findingView(
  f: Finding,
  supplier: { id: string; name: string },
  user: User,
  failed: { errors: { path: string; message: string }[]; values: Record<string, unknown> } | null = null,
) {
  const canAccept = can(user, 'finding.accept');
  const v = (name: string, stored: string | null) =>
    failed ? (typeof failed.values[name] === 'string' ? (failed.values[name] as string) : '') : (stored ?? '');
  const statuses = [
    { value: 'remediation_planned', label: 'Remediation planned' },
    { value: 'resolved', label: 'Resolved' },
    ...(canAccept ? [{ value: 'accepted', label: 'Risk accepted' }] : []),
    { value: 'open', label: 'Open' },
  ];
  const specs: FieldSpec[] = [
    {
      name: 'status',
      label: 'New status',
      value: v('status', f.status === 'open' ? 'remediation_planned' : f.status),
      options: statuses,
    },
    { name: 'plannedAction', label: 'Planned action', value: v('plannedAction', f.plannedAction), textarea: true },
    { name: 'dueDate', label: 'Due date', value: v('dueDate', f.dueDate), date: true },
    {
      name: 'resolutionEvidence',
      label: 'Evidence of the fix',
      value: v('resolutionEvidence', f.resolutionEvidence),
      textarea: true,
    },
    ...(canAccept
      ? ([
          {
            name: 'acceptanceReason',
            label: 'Why the risk is accepted',
            value: v('acceptanceReason', f.acceptanceReason),
            textarea: true,
          },
          {
            name: 'acceptedUntil',
            label: 'Accepted until',
            value: v('acceptedUntil', f.acceptedUntil),
            date: true,
            hint: 'At most 12 months from today. For example, 27 3 2027',
          },
        ] as FieldSpec[])
      : []),
  ];
  const errors = failed?.errors ?? [];
  const answer = Array.isArray(f.answer)
    ? f.answer.join('; ')
    : f.answer === null || f.answer === undefined
      ? '–'
      : typeof f.answer === 'boolean'
        ? f.answer
          ? 'Yes'
          : 'No'
        : String(f.answer);
  return {
    finding: {
      id: f.id,
      code: f.questionCode,
      text: f.questionText,
      section: f.sectionTitle,
      severity: f.severity,
      status: f.status.replace('_', ' '),
      answer,
      comment: f.comment ?? '–',
      recommendation: f.recommendation ?? '–',
      dueDate: dateText(f.dueDate),
      mappings: f.mappings.map((m) => `${m.framework} ${m.ref}`).join(', ') || '–',
    },
    supplier,
    canAccept,
    errors: summaryOf(errors, specs, 'finding'),
    fields: formFields(specs, errors, 'finding'),
  };
}
