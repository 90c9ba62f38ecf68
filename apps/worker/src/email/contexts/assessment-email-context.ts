import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  INTERNAL_OWNER_EMAIL,
  INTERNAL_OWNER_JOINS,
  INTERNAL_OWNER_NAME,
  InvitationTokenBox,
  isAnswerable,
} from '@app/assessments';
import {
  escalationContext,
  firstReportReminderContext,
  invitationContext,
  londonTime,
  overdueContext,
  overdueInternalContext,
  reminderContext,
  returnedContext,
  submittedContext,
  type AssessmentFacts,
  type EmailContextBuilder,
  type EmailSettings,
  type IncidentFacts,
  type InvitationReason,
  type OutboxRow,
  type Prepared,
} from '@app/notifications';
import { firstReportIn } from '@app/incidents';
import { Clock, HttpConfig, OrganisationConfig } from '@app/platform';
import { emailSettings } from './email-settings.js';
import { BatchedRead } from './batched-read.js';
import { readerMay } from './reader.js';

interface AssessmentRow {
  id: string;
  status: string;
  due_date: string;
  recipient_name: string;
  recipient_email: string;
  asked_on: string;
  returned_questions: string[];
  return_message: string | null;
  supplier_id: string;
  supplier_name: string;
  questionnaire_title: string;
  questionnaire_key: string;
  owner_name: string | null;
  owner_email: string | null;
}

interface InvitationRow {
  revoked_at: Date | null;
  expires_at: Date;
  recipient_email: string;
  reason: InvitationReason;
  previous_recipient: string | null;
  incident_summary: string | null;
  incident_detected_at: Date | null;
}

/** The incident an incident follow-up questionnaire is about (the latest to name it). */
const LATEST_INCIDENT = (assessmentId: string) =>
  `SELECT summary, detected_at FROM incident WHERE follow_up_assessment_id = ${assessmentId} ORDER BY created_at DESC LIMIT 1`;

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The emails about one questionnaire. The rule that matters most: a portal link goes only to the
 * contact it was issued to. It is opened only when the email's one recipient is the address the
 * invitation was issued to; the escalation contact, internal owners and governance never get one.
 */
@Injectable()
export class AssessmentEmailContext implements EmailContextBuilder {
  readonly templates = [
    'assessment-invitation',
    'assessment-reminder',
    'assessment-overdue',
    'assessment-escalation',
    'assessment-overdue-internal',
    'assessment-returned',
    'assessment-submitted',
    'incident-first-report-reminder',
  ];
  private readonly settings: EmailSettings;

  constructor(
    http: HttpConfig,
    organisation: OrganisationConfig,
    private readonly clock: Clock,
    private readonly box: InvitationTokenBox,
  ) {
    this.settings = emailSettings(http, organisation);
  }

  async prepare(m: EntityManager, row: OutboxRow): Promise<Prepared> {
    const a = await this.assessment(m, row.refs.assessmentId);
    if (!a) return { skip: 'the assessment no longer exists' };
    const facts = this.facts(a);
    const toRecipient = row.recipients.length === 1 && same(row.recipients[0], a.recipient_email);
    const level = Number(row.refs.level ?? 0);
    switch (row.template) {
      case 'assessment-invitation': {
        if (!isAnswerable(a.status)) return { skip: `the assessment is ${a.status}` };
        const invitation = await this.invitation(m, row.refs.invitationId, row.refs.previousContactId);
        if (!invitation || invitation.revoked_at) return { skip: 'a newer link replaced this one' };
        if (invitation.expires_at <= this.clock.now()) return { skip: 'the link has expired' };
        // The sealed token is removed once its row is done (sent, skipped, dead): a retried dead invitation has no link left.
        if (!row.refs.sealedToken)
          return { skip: 'the link is no longer held: resend the questionnaire for a new one' };
        if (row.recipients.length !== 1 || !same(row.recipients[0], invitation.recipient_email))
          return { skip: 'the link was issued to someone else' };
        const reason: InvitationReason = row.kind === 'assessment.resend' ? 'resend' : invitation.reason;
        return {
          context: invitationContext(this.settings, facts, {
            link: this.link(row.refs.sealedToken)!,
            reason,
            previousRecipient: invitation.previous_recipient,
            incident: invitation.incident_summary
              ? {
                  summary: invitation.incident_summary,
                  detectedAt: invitation.incident_detected_at!,
                  now: this.clock.now(),
                }
              : null,
          }),
        };
      }
      case 'incident-first-report-reminder': {
        if (!isAnswerable(a.status)) return { skip: `the follow-up is ${a.status}` };
        if (!toRecipient) return { skip: 'the follow-up was passed to someone else' };
        if (await firstReportIn(m, a.id)) return { skip: 'the first answers are in' };
        const incident = await this.incident(m, a.id);
        if (!incident) return { skip: 'no incident refers to this follow-up' };
        return {
          context: firstReportReminderContext(
            this.settings,
            facts,
            incident,
            await this.currentLink(m, a.id, a.recipient_email),
          ),
        };
      }
      case 'assessment-reminder':
        if (!isAnswerable(a.status)) return { skip: `the assessment is ${a.status}` };
        if (!toRecipient) return { skip: 'the questionnaire was passed to someone else' };
        return { context: reminderContext(this.settings, facts, await this.currentLink(m, a.id, a.recipient_email)) };
      case 'assessment-overdue':
      case 'assessment-escalation':
        if (!isAnswerable(a.status)) return { skip: `the assessment is ${a.status}` };
        // An escalation contact gets no link (rows owed before the escalation template existed say assessment-overdue, level 1).
        if (row.template === 'assessment-escalation' || (level > 0 && !toRecipient))
          return { template: 'assessment-escalation', context: escalationContext(this.settings, facts) };
        if (!toRecipient) return { skip: 'the questionnaire was passed to someone else' };
        return { context: overdueContext(this.settings, facts, await this.currentLink(m, a.id, a.recipient_email)) };
      case 'assessment-overdue-internal':
        if (!isAnswerable(a.status)) return { skip: `the assessment is ${a.status}` };
        // The reassign page is procurement's: an owner of another role is told who sends it on.
        return {
          context: overdueInternalContext(
            this.settings,
            facts,
            level,
            await readerMay(m, row.recipients[0], 'assessment.send'),
          ),
        };
      case 'assessment-returned':
        if (a.status !== 'returned') return { skip: `the assessment is ${a.status}` };
        if (!toRecipient) return { skip: 'the questionnaire was passed to someone else' };
        return {
          context: returnedContext(this.settings, facts, {
            link: await this.currentLink(m, a.id, a.recipient_email),
            message: a.return_message ?? '',
            questions: a.returned_questions,
          }),
        };
      default: // assessment-submitted
        if (a.status === 'cancelled') return { skip: 'the assessment was cancelled' };
        return {
          context: submittedContext(this.settings, facts, await readerMay(m, row.recipients[0], 'assessment.review')),
        };
    }
  }

  private facts(a: AssessmentRow): AssessmentFacts {
    return {
      id: a.id,
      supplierId: a.supplier_id,
      supplierName: a.supplier_name,
      recipientName: a.recipient_name,
      recipientEmail: a.recipient_email,
      questionnaireTitle: a.questionnaire_title,
      questionnaireKey: a.questionnaire_key,
      dueDate: a.due_date,
      askedOn: a.asked_on,
      owner: a.owner_email ? { name: a.owner_name ?? a.owner_email, email: a.owner_email } : null,
      today: londonTime(this.clock.now()).date,
    };
  }

  private assessment(m: EntityManager, id: string | undefined): Promise<AssessmentRow | undefined> {
    return id ? this.assessments.read(m, { key: id }) : Promise.resolve(undefined);
  }

  /** The assessments of the emails prepared together, in one read. */
  private readonly assessments = new BatchedRead<{ key: string }, AssessmentRow>(async (m, args) => {
    // Asked on: the day the current recipient got it (the assessment's creation, or its latest reassignment).
    const rows = await m.query<AssessmentRow[]>(
      `SELECT a.id, a.status, a.due_date::text, a.recipient_name, a.recipient_email::text, a.returned_questions, a.return_message,
              (coalesce((SELECT max(i.created_at) FROM assessment_invitation i WHERE i.assessment_id = a.id AND i.reason = 'reassign'), a.created_at) AT TIME ZONE 'Europe/London')::date::text AS asked_on,
              s.id AS supplier_id, s.name AS supplier_name, q.title AS questionnaire_title, a.questionnaire_key,
              ${INTERNAL_OWNER_NAME} AS owner_name, ${INTERNAL_OWNER_EMAIL} AS owner_email
         FROM assessment a JOIN supplier s ON s.id = a.supplier_id JOIN questionnaire_version q ON q.id = a.questionnaire_version_id
         ${INTERNAL_OWNER_JOINS}
        WHERE a.id = ANY($1::uuid[])`,
      [args.map((a) => a.key)],
    );
    return new Map(rows.map((row) => [row.id, row]));
  });

  /**
   * An invitation's link and what its email says besides, in one read for the emails prepared
   * together: the contact it replaced (a reassignment) and the incident when the questionnaire is an
   * incident follow-up.
   */
  private invitation(
    m: EntityManager,
    invitationId: string | undefined,
    previousContactId: string | undefined,
  ): Promise<InvitationRow | undefined> {
    return invitationId
      ? this.invitations.read(m, { key: invitationId, previousContactId: previousContactId ?? null })
      : Promise.resolve(undefined);
  }

  private readonly invitations = new BatchedRead<{ key: string; previousContactId: string | null }, InvitationRow>(
    async (m, args) => {
      const rows = await m.query<(InvitationRow & { id: string })[]>(
        `SELECT i.id, i.revoked_at, i.expires_at, i.recipient_email::text, i.reason, c.name AS previous_recipient,
                inc.summary AS incident_summary, inc.detected_at AS incident_detected_at
           FROM unnest($1::uuid[], $2::uuid[]) AS r(invitation_id, previous_contact_id)
           JOIN assessment_invitation i ON i.id = r.invitation_id
           LEFT JOIN supplier_contact c ON c.id = r.previous_contact_id
           LEFT JOIN LATERAL (${LATEST_INCIDENT('i.assessment_id')}) inc ON true`,
        [args.map((a) => a.key), args.map((a) => a.previousContactId)],
      );
      return new Map(rows.map((row) => [row.id, row]));
    },
  );

  /** The incident an incident follow-up is about. */
  private async incident(m: EntityManager, assessmentId: string): Promise<IncidentFacts | null> {
    const [i] = await m.query<{ summary: string; detected_at: Date }[]>(LATEST_INCIDENT('$1'), [assessmentId]);
    return i ? { summary: i.summary, detectedAt: i.detected_at, now: this.clock.now() } : null;
  }

  private link(sealedToken: string | undefined): string | null {
    return sealedToken ? `${this.settings.baseUrl}/portal/i/${this.box.open(sealedToken)}` : null;
  }

  /** The working link of the assessment's current invitation, only when it was issued to this recipient (its email names the invitation in its refs). */
  private async currentLink(m: EntityManager, assessmentId: string, recipient: string): Promise<string | null> {
    const [row] = await m.query<{ sealed: string | null }[]>(
      `SELECT o.refs->>'sealedToken' AS sealed
         FROM assessment_invitation i JOIN outbox_message o ON o.refs->>'assessmentId' = i.assessment_id::text AND o.refs->>'invitationId' = i.id::text
        WHERE i.assessment_id = $1 AND i.revoked_at IS NULL AND i.expires_at > $2 AND i.recipient_email = $3::citext
        ORDER BY i.created_at DESC LIMIT 1`,
      [assessmentId, this.clock.now(), recipient],
    );
    return this.link(row?.sealed ?? undefined);
  }
}
