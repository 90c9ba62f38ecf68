import { can, type User } from '@app/identity';
import type { Finding } from '@app/risk';

export const FINDING_STATUS_VALUES = ['open', 'remediation_planned', 'resolved', 'accepted'] as const;

/** The findings board: open work grouped by severity. */
export function findingsBoardView(data: { items: Finding[]; total: number; names: Map<string, string>; status: string | undefined; overdue: boolean }) {
  return {
    total: data.total, overdue: data.overdue,
    statuses: FINDING_STATUS_VALUES.map((value) => ({ value, label: value.replace('_', ' '), selected: value === data.status })),
    groups: ['critical', 'high', 'medium', 'low'].map((severity) => ({
      severity,
      items: data.items.filter((f) => f.severity === severity).map((f) => ({ id: f.id, code: f.questionCode, text: f.questionText, supplierId: f.supplierId, supplier: data.names.get(f.supplierId) ?? '', status: f.status.replace('_', ' '), dueDate: f.dueDate ?? '–' })),
    })),
  };
}

/** One finding with its remediation form; accepting the risk is governance's. */
export function findingView(f: Finding, supplier: { id: string; name: string }, user: User) {
  return {
    finding: { id: f.id, code: f.questionCode, text: f.questionText, section: f.sectionTitle, severity: f.severity, status: f.status.replace('_', ' '), answer: JSON.stringify(f.answer), comment: f.comment ?? '–', recommendation: f.recommendation ?? '–', dueDate: f.dueDate ?? '', plannedAction: f.plannedAction ?? '', resolutionEvidence: f.resolutionEvidence ?? '', acceptanceReason: f.acceptanceReason ?? '', acceptedUntil: f.acceptedUntil ?? '', mappings: f.mappings.map((m) => `${m.framework} ${m.ref}`).join(', ') },
    supplier,
    canAccept: can(user, 'finding.accept'),
    errors: [] as { path: string; message: string }[],
  };
}
