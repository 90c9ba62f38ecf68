import type { EntityManager } from 'typeorm';
import { ANSWERABLE_STATUSES } from '@app/assessments';
import type { OwedEmail } from '@app/notifications';
import { FIRST_REPORT_HOURS, FOLLOW_UP_KEY } from './incident.js';

/**
 * The follow-up's first report: the three answers the incident team needs before anything else
 * (is it contained, were systems holding our data affected, who leads the incident). The invitation
 * and the reminder ask for these first, by 24 hours after detection.
 */
export const FIRST_REPORT_CODES = ['IFU-04', 'IFU-06', 'IFU-20'] as const;
/** The reminder is owed this many hours after detection: half way to the first report's due time. */
export const FIRST_REPORT_REMINDER_HOURS = 12;
/** The step the reminder's dedupe key names. */
export const FIRST_REPORT_REMINDER_STEP = 'first-report-24h';
export const FIRST_REPORT_REMINDER_TEMPLATE = 'incident-first-report-reminder';

/**
 * Reminders owed now, to the follow-up's recipient: an open incident whose follow-up is still
 * answerable, reached its reminder time (12 hours after detection) but not its first report's due
 * time (24 hours), and lacks one of the first three answers. An incident opened after the reminder
 * time sent its invitation then, which already says all this: it owes no reminder. Once each (the dedupe key names
 * the incident, the follow-up and the step). Not bound to working hours: an incident does not wait.
 */
export async function firstReportRemindersOwed(m: EntityManager, now: Date): Promise<OwedEmail[]> {
  const rows = await m.query<{ incident_id: string; assessment_id: string; recipient_email: string }[]>(
    `SELECT i.id AS incident_id, a.id AS assessment_id, a.recipient_email::text
       FROM incident i JOIN assessment a ON a.id = i.follow_up_assessment_id
      WHERE i.status = 'open' AND a.questionnaire_key = $6 AND a.status = ANY($2)
        AND $1::timestamptz >= i.detected_at + make_interval(hours => $3) AND $1::timestamptz < i.detected_at + make_interval(hours => $4)
        AND i.created_at < i.detected_at + make_interval(hours => $3)
        AND (SELECT count(*) FROM assessment_answer x
              WHERE x.assessment_id = a.id AND x.question_code = ANY($5) AND (x.value IS NOT NULL OR x.not_applicable)) < cardinality($5::text[])`,
    [now, ANSWERABLE_STATUSES, FIRST_REPORT_REMINDER_HOURS, FIRST_REPORT_HOURS, FIRST_REPORT_CODES, FOLLOW_UP_KEY],
  );
  return rows.map((r) => ({
    kind: 'incident.first-report-reminder',
    recipients: [r.recipient_email],
    template: FIRST_REPORT_REMINDER_TEMPLATE,
    refs: { assessmentId: r.assessment_id, incidentId: r.incident_id, step: FIRST_REPORT_REMINDER_STEP },
    dedupeKey: `incident:${r.incident_id}:follow-up:${r.assessment_id}:${FIRST_REPORT_REMINDER_STEP}`,
  }));
}

/** Whether the follow-up's first three answers are all saved (the reminder is then no longer owed). */
export async function firstReportIn(m: EntityManager, assessmentId: string): Promise<boolean> {
  const [{ n }] = await m.query<{ n: string }[]>(
    'SELECT count(*) AS n FROM assessment_answer WHERE assessment_id = $1 AND question_code = ANY($2) AND (value IS NOT NULL OR not_applicable)',
    [assessmentId, FIRST_REPORT_CODES],
  );
  return Number(n) >= FIRST_REPORT_CODES.length;
}
