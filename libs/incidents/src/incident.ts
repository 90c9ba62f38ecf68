import type { IncidentView } from './incident.view.js';
import type { Exposure } from './exposure.js';

// An incident: where a report comes from, how severe, the notification clock, and how a stored row reads.

export const INCIDENT_SOURCES = ['supplier_notice', 'press', 'threat_intelligence', 'other'] as const;
export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
/** The UK GDPR notification clock: the supplier's full follow-up is due this many hours after the incident's detection. */
export const FOLLOW_UP_HOURS = 72;
/** Its first report is due this many hours after detection. */
export const FIRST_REPORT_HOURS = 24;
export const FOLLOW_UP_KEY = 'incident-follow-up';

export interface OpenIncident {
  supplierId: string;
  summary: string;
  detectedAt: string;
  source: (typeof INCIDENT_SOURCES)[number];
  severity: (typeof INCIDENT_SEVERITIES)[number];
}

export interface IncidentRow {
  id: string;
  supplier_id: string;
  supplier_name: string;
  summary: string;
  detected_at: Date;
  source: string;
  severity: string;
  status: string;
  exposure_at_open: Exposure;
  follow_up_assessment_id: string | null;
  follow_up_status: string | null;
  follow_up_due: string | null;
  created_at: Date;
  closed_at: Date | null;
}

export const INCIDENT_SELECT = `
  SELECT i.*, s.name AS supplier_name, a.status AS follow_up_status, a.due_date::text AS follow_up_due
    FROM incident i JOIN supplier s ON s.id = i.supplier_id LEFT JOIN assessment a ON a.id = i.follow_up_assessment_id`;

export function toIncidentView(i: IncidentRow): IncidentView {
  return {
    id: i.id,
    supplierId: i.supplier_id,
    supplierName: i.supplier_name,
    summary: i.summary,
    detectedAt: i.detected_at.toISOString(),
    source: i.source,
    severity: i.severity,
    status: i.status,
    followUp: i.follow_up_assessment_id
      ? { assessmentId: i.follow_up_assessment_id, status: i.follow_up_status, dueDate: i.follow_up_due }
      : null,
    exposure: i.exposure_at_open,
    createdAt: i.created_at.toISOString(),
    closedAt: i.closed_at?.toISOString() ?? null,
  };
}
