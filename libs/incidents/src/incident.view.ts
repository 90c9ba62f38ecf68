import { ApiProperty } from '@nestjs/swagger';
import type { Exposure } from './exposure.js';

// Incident responses as classes, for the OpenAPI document; the service's views are typed with them.
// The exposure itself (links, records by classification, contacts, owners, figures, findings) is
// described in words only, for now.

export class IncidentFollowUp {
  assessmentId: string;
  status: string | null;
  /** YYYY-MM-DD */
  dueDate: string | null;
}

/** A supplier breach: what it is and what of ours they held when it was opened. */
export class IncidentView {
  id: string;
  supplierId: string;
  supplierName: string;
  summary: string;
  detectedAt: string;
  @ApiProperty({ enum: ['supplier_notice', 'press', 'threat_intelligence', 'other'] })
  source: string;
  @ApiProperty({ enum: ['low', 'medium', 'high', 'critical'] })
  severity: string;
  @ApiProperty({ enum: ['open', 'closed'] })
  status: string;
  /** The 72-hour follow-up questionnaire. */
  followUp: IncidentFollowUp | null;
  /** Every data asset the supplier held when the incident was opened, with records, agreements, contacts, owners, figures and open findings. */
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'links, records by classification and category, contacts, internal owners, risk figures, open findings' })
  exposure: Exposure;
  createdAt: string;
  closedAt: string | null;
}

export class IncidentEvent {
  at: string;
  /** detected, exposure produced, follow-up sent, supplier notified, supplier answered, links suspended, closed */
  kind: string;
  detail: object;
  actorId: string | null;
}

/** The incident with its exposure now and its timeline. */
export class IncidentDetailView extends IncidentView {
  /** The exposure as it is now (same shape as `exposure`). */
  @ApiProperty({ type: 'object', additionalProperties: true })
  exposureNow: Exposure;
  timeline: IncidentEvent[];
}

/** What suspending the supplier's links did. */
export class SuspendedLinksView {
  suspended: number;
  linkIds: string[];
  /** The supplier's ways into our systems (access paths) disabled with them. */
  accessPathsDisabled: number;
  accessPathIds: string[];
}
