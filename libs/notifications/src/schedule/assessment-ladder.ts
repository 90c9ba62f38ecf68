import type { OwedEmail } from '../outbox.js';
import { stepOwed, type LadderSettings } from './ladder.js';

/** An unsubmitted questionnaire as the scheduler reads it (due by the ladder's horizon). */
export interface OpenAssessmentRow {
  id: string;
  due: string;
  sent_on: string;
  /** The invitation of the latest reassignment, if the questionnaire was passed to another contact. */
  reassigned_by: string | null;
  recipient_email: string;
  escalation_email: string | null;
  owner_email: string | null;
  escalation_level: number;
}

/** An escalation level to raise: from what it was read as, to the level the step brings. */
export interface EscalationChange {
  before: number;
  level: number;
}

/**
 * Who is owed what today on each questionnaire's ladder: a reminder to the recipient; the overdue
 * notice to the recipient and the internal owner; level 1 to the supplier's escalation contact
 * (without the recipient's link: it is not theirs) and the owner; level 2 to governance. Every email's
 * dedupe key names the assessment and the step, so a second run owes none. Returns the escalation
 * levels to raise beside the emails.
 */
export function assessmentLadderOwed(
  today: string,
  open: OpenAssessmentRow[],
  settings: LadderSettings,
  governanceEmail: string | undefined,
): { emails: OwedEmail[]; levels: Map<string, EscalationChange> } {
  const emails: OwedEmail[] = [];
  const levels = new Map<string, EscalationChange>();
  for (const a of open) {
    const step = stepOwed(today, a.due, a.sent_on, settings);
    if (!step) continue;
    // Passed to another contact: the ladder starts again for them, from the day they were asked.
    const key = a.reassigned_by
      ? `assessment:${a.id}:to:${a.reassigned_by}:${step.key}`
      : `assessment:${a.id}:${step.key}`;
    const refs = { assessmentId: a.id, step: step.key, level: String(step.level) };
    if (step.kind === 'reminder') {
      emails.push({
        kind: 'assessment.reminder',
        recipients: [a.recipient_email],
        template: 'assessment-reminder',
        refs,
        dedupeKey: key,
      });
      continue;
    }
    if (step.level > a.escalation_level) levels.set(a.id, { before: a.escalation_level, level: step.level });
    const kind = step.kind === 'overdue' ? 'assessment.overdue' : `assessment.escalation.${step.level}`;
    if (step.level < 2) {
      // Level 1 goes to the supplier's escalation contact, without the recipient's link (it is not theirs).
      const escalation = step.level === 1 && a.escalation_email !== null;
      emails.push({
        kind,
        recipients: [escalation ? a.escalation_email! : a.recipient_email],
        template: escalation ? 'assessment-escalation' : 'assessment-overdue',
        refs,
        dedupeKey: `${key}:supplier`,
      });
      if (a.owner_email)
        emails.push({
          kind,
          recipients: [a.owner_email],
          template: 'assessment-overdue-internal',
          refs,
          dedupeKey: `${key}:owner`,
        });
    } else if (governanceEmail) {
      emails.push({
        kind,
        recipients: [governanceEmail],
        template: 'assessment-overdue-internal',
        refs,
        dedupeKey: `${key}:governance`,
      });
    }
  }
  return { emails, levels };
}
