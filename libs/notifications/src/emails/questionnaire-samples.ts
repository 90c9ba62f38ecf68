import {
  escalationContext,
  invitationContext,
  overdueContext,
  overdueInternalContext,
  reminderContext,
  returnedContext,
  submittedContext,
  firstReportReminderContext,
  type EmailSettings,
} from './contexts.js';
import type { EmailSample, SampleFacts } from './samples.js';

/** The questionnaire's emails, from the invitation to the submission, in the variants that change their words. */
export function questionnaireSamples(
  s: EmailSettings,
  { today, now, at, base, overdue, link, incident }: SampleFacts,
): EmailSample[] {
  return [
    {
      template: 'assessment-invitation',
      variant: 'routine supplier security',
      to: 'the supplier contact asked',
      context: invitationContext(s, base, { link, reason: 'invitation', previousRecipient: null, incident: null }),
    },
    {
      template: 'assessment-invitation',
      variant: 'research data partner',
      to: 'the partner contact asked',
      context: invitationContext(
        s,
        {
          ...base,
          supplierName: 'Riverside University',
          recipientName: 'Dr Ana Lopes',
          questionnaireTitle: 'Research data partner questionnaire',
          questionnaireKey: 'research-data-partner',
        },
        { link, reason: 'invitation', previousRecipient: null, incident: null },
      ),
    },
    {
      template: 'assessment-invitation',
      variant: 'incident follow-up (24 and 72 hours from detection)',
      to: "the supplier's security contact",
      context: invitationContext(
        s,
        {
          ...base,
          questionnaireTitle: 'Security incident follow-up',
          questionnaireKey: 'incident-follow-up',
          dueDate: at(3),
        },
        { link, reason: 'invitation', previousRecipient: null, incident },
      ),
    },
    {
      template: 'assessment-invitation',
      variant: 'passed to another contact (reassigned)',
      to: 'the new contact',
      context: invitationContext(
        s,
        {
          ...overdue,
          recipientName: 'Jo Patel',
          recipientEmail: 'jo.patel@northgate.example',
          askedOn: today,
          dueDate: at(14),
        },
        { link, reason: 'reassign', previousRecipient: 'Sam Okafor', incident: null },
      ),
    },
    {
      template: 'assessment-invitation',
      variant: 'a new link (resend)',
      to: 'the supplier contact asked',
      context: invitationContext(s, base, { link, reason: 'resend', previousRecipient: null, incident: null }),
    },
    {
      template: 'incident-first-report-reminder',
      variant: '12 hours after detection, first answers still missing',
      to: "the incident follow-up's recipient",
      context: firstReportReminderContext(
        s,
        {
          ...base,
          questionnaireTitle: 'Security incident follow-up',
          questionnaireKey: 'incident-follow-up',
          dueDate: at(3),
        },
        { ...incident, detectedAt: new Date(now.getTime() - 12 * 3_600_000) },
        link,
      ),
    },
    {
      template: 'assessment-reminder',
      variant: '3 days before the due date',
      to: 'the supplier contact asked',
      context: reminderContext(s, { ...base, askedOn: at(-27), dueDate: at(3) }, link),
    },
    {
      template: 'assessment-reminder',
      variant: 'the day before',
      to: 'the supplier contact asked',
      context: reminderContext(s, { ...base, askedOn: at(-29), dueDate: at(1) }, link),
    },
    {
      template: 'assessment-overdue',
      variant: 'a day overdue',
      to: 'the supplier contact asked',
      context: overdueContext(s, { ...overdue, dueDate: at(-1) }, link),
    },
    {
      template: 'assessment-escalation',
      variant: 'escalation level 1',
      to: "the supplier's escalation contact (no link: it is not theirs)",
      context: escalationContext(s, overdue),
    },
    {
      template: 'assessment-overdue-internal',
      variant: 'overdue',
      to: 'the internal owner',
      context: overdueInternalContext(s, { ...overdue, dueDate: at(-1) }, 0, true),
    },
    {
      template: 'assessment-overdue-internal',
      variant: 'overdue, to an owner whose role cannot send questionnaires',
      to: 'the internal owner (governance or viewer)',
      context: overdueInternalContext(s, { ...overdue, dueDate: at(-1) }, 0, false),
    },
    {
      template: 'assessment-overdue-internal',
      variant: 'escalation level 1',
      to: 'the internal owner',
      context: overdueInternalContext(s, { ...overdue, dueDate: at(-7) }, 1, true),
    },
    {
      template: 'assessment-overdue-internal',
      variant: 'escalation level 2',
      to: 'the governance committee',
      context: overdueInternalContext(s, { ...overdue, dueDate: at(-14) }, 2, false),
    },
    {
      template: 'assessment-returned',
      variant: 'returned for clarification',
      to: 'the supplier contact asked',
      context: returnedContext(
        s,
        { ...base, dueDate: at(14) },
        {
          link,
          message: 'Which remote access routes does your multi-factor authentication cover? Please attach the policy.',
          questions: ['ACC-03', 'ACC-04'],
        },
      ),
    },
    {
      template: 'assessment-submitted',
      variant: 'submitted on time',
      to: 'the internal owner',
      context: submittedContext(s, { ...base, askedOn: at(-20), dueDate: at(10) }, true),
    },
    {
      template: 'assessment-submitted',
      variant: 'to an owner whose role cannot review',
      to: 'the internal owner (governance or viewer)',
      context: submittedContext(s, { ...base, askedOn: at(-20), dueDate: at(10) }, false),
    },
  ];
}
