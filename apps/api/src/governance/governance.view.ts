import type { DecisionType, FindingStatus, Severity } from '@app/risk';
import { ApiProperty } from '@nestjs/swagger';
import { CHANGES_SCHEMA, type Changes } from '@app/audit';

// Response shapes of the governance routes as classes: the OpenAPI document is generated from them
// and the controllers' view functions are typed with them.

/** A control identifier the question maps to (CAF, Cyber Essentials, ISO 27001, ...). */
export class MappingView {
  framework: string;
  ref: string;
}

/** A question that fell short in a completed review, and its remediation. */
export class FindingView {
  id: string;
  supplierId: string;
  assessmentId: string;
  questionCode: string;
  questionText: string;
  section: string;
  severity: Severity;
  status: FindingStatus;
  @ApiProperty({
    description: 'The answer given',
    oneOf: [
      { type: 'string', nullable: true },
      { type: 'number' },
      { type: 'boolean' },
      { type: 'array', items: { type: 'string' } },
    ],
  })
  answer: unknown;
  comment: string | null;
  ownerId: string | null;
  /** YYYY-MM-DD */
  dueDate: string | null;
  plannedAction: string | null;
  resolutionEvidence: string | null;
  acceptanceReason: string | null;
  /** YYYY-MM-DD */
  acceptedUntil: string | null;
  recommendation: string | null;
  mappings: MappingView[];
  /** Procurement's estimate of what fixing it costs, whole pounds (risk-model section 10). */
  remediationCost: number | null;
  /** Net value at risk that fixing it would remove, whole pounds (section 10). */
  riskReduction: number | null;
  /** riskReduction / remediationCost, where a cost is set. */
  reductionPerPound: number | null;
  /** Replaced by the findings of a later completed review. */
  superseded: boolean;
  createdAt: string;
  updatedAt: string;
}

/** accept / mitigate / transfer / avoid, with what each needs. */
export class RiskDecisionView {
  id: string;
  supplierId: string;
  decision: DecisionType;
  rationale: string;
  /** YYYY-MM-DD */
  reviewDate: string;
  /** transfer only */
  insurer?: string | null;
  /** transfer only */
  policyRef?: string | null;
  /** transfer only: the policy limit, whole pounds */
  limit?: number | null;
  /** transfer only: the excess, whole pounds */
  excess?: number | null;
  /** transfer only: YYYY-MM-DD */
  expiresOn?: string | null;
  /** avoid only: YYYY-MM-DD */
  endLinksBy?: string | null;
  /** mitigate only: the open findings it relies on */
  findingIds?: string[];
  state: 'current' | 'expired' | 'superseded';
  decidedBy: string | null;
  createdAt: string;
  supersededAt: string | null;
}

/** One change to one entity: who, what, when, from where, the fields before and after. */
export class AuditEventView {
  id: string;
  occurredAt: string;
  actorType: 'user' | 'supplier' | 'system';
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  @ApiProperty(CHANGES_SCHEMA)
  changes: Changes;
  requestId: string | null;
  ip: string | null;
  /** This row's link in the hash chain. */
  hash: string;
}
