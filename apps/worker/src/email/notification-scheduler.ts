import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ANSWERABLE_STATUSES, INTERNAL_OWNER_EMAIL, INTERNAL_OWNER_JOINS, OPEN_STATUSES } from '@app/assessments';
import { AuditTrail } from '@app/audit';
import { firstReportRemindersOwed } from '@app/incidents';
import { noteOwed, nthWorkingDay, workingTime, type OwedEmail } from '@app/notifications';
import { addDays, Clock, OrganisationConfig, SchedulerConfig } from '@app/platform';
import { decisionLapsesOnSql, EXPIRING_DECISIONS, reassessmentMonthsByTier, RISK_SETTINGS, type RiskSettings } from '@app/scoring';
import { assuranceNotices } from './assurance-notices.js';
import { stepOwed, type LadderSettings } from './ladder.js';

/** Decisions and acceptances are flagged to governance this many days before they lapse. */
export const DECISION_NOTICE_DAYS = 30;

export interface ScheduleRun {
  working: boolean;
  why: string;
  /** Emails newly owed by this run (a second run the same day owes none). */
  owed: number;
  escalated: number;
}

interface OpenAssessment {
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

/**
 * Works out, from the database alone, which reminders, overdue notices, escalations, link notices
 * and reassessment notices are owed today, and writes them to the outbox in one transaction. Every
 * email has a dedupe key naming its assessment (or link, or supplier) and step, so running twice,
 * or in two workers at once, owes each email once. Runs on working days within working hours only
 * (Europe/London; England and Wales bank holidays); a step that falls outside them goes out on the
 * next working day. The one exception is an incident follow-up's first-report reminder, owed at any hour.
 */
@Injectable()
export class NotificationScheduler {
  private readonly logger = new Logger('NotificationScheduler');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisation: OrganisationConfig,
    private readonly scheduler: SchedulerConfig,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    @Inject(RISK_SETTINGS) private readonly settings: RiskSettings,
  ) {}

  async run(): Promise<ScheduleRun> {
    const time = workingTime(this.clock.now(), this.scheduler.workingHours);
    this.logger.log({ msg: 'scheduler round', working: time.working, why: time.why }); // one line per round (every SCHEDULE_INTERVAL_MS)
    // An incident's clock runs at night and at weekends too: its reminders are owed at any hour.
    const urgent = await this.dataSource.transaction(async (m) => (await this.owe(m, await firstReportRemindersOwed(m, this.clock.now()))).length);
    if (urgent) this.logger.log({ msg: 'incident reminders owed', owed: urgent });
    if (!time.working) return { working: false, why: time.why, owed: urgent, escalated: 0 };
    const today = time.today;
    const result = await this.dataSource.transaction(async (m) => {
      const { emails, levels } = await this.assessmentLadder(m, today);
      emails.push(...(await this.linkNotices(m, today)), ...(await this.reassessments(m, today)), ...(await this.expiringAcceptances(m, today)), ...this.digest(today));
      emails.push(...(await assuranceNotices(m, today)));
      const ids = await this.owe(m, emails);
      const escalated = await this.escalate(m, levels);
      return { owed: ids.length + urgent, escalated };
    });
    if (result.owed || result.escalated) this.logger.log({ msg: 'notifications owed', today, ...result });
    return { working: true, why: time.why, ...result };
  }

  private async assessmentLadder(m: EntityManager, today: string): Promise<{ emails: OwedEmail[]; levels: Map<string, { before: number; level: number }> }> {
    const settings: LadderSettings = { reminderDays: this.scheduler.reminderDays, overdueDays: this.scheduler.overdueDays, escalationDays: this.scheduler.escalationDays };
    const open = await m.query<OpenAssessment[]>(
      `SELECT a.id, a.due_date::text AS due, (coalesce(r.created_at, a.created_at) AT TIME ZONE 'Europe/London')::date::text AS sent_on, r.id AS reassigned_by,
              a.recipient_email::text, a.escalation_level, ${INTERNAL_OWNER_EMAIL} AS owner_email,
              (SELECT sc.email::text FROM supplier_contact sc WHERE sc.supplier_id = a.supplier_id AND sc.role = 'escalation' ORDER BY sc.position LIMIT 1) AS escalation_email
         FROM assessment a JOIN supplier s ON s.id = a.supplier_id
         ${INTERNAL_OWNER_JOINS}
         LEFT JOIN LATERAL (SELECT i.id, i.created_at FROM assessment_invitation i WHERE i.assessment_id = a.id AND i.reason = 'reassign' ORDER BY i.created_at DESC LIMIT 1) r ON true
        WHERE a.status = ANY($2) AND a.due_date <= $1::date`,
      [addDays(today, Math.max(...settings.reminderDays)), ANSWERABLE_STATUSES],
    );
    const emails: OwedEmail[] = [];
    const levels = new Map<string, { before: number; level: number }>();
    for (const a of open) {
      const step = stepOwed(today, a.due, a.sent_on, settings);
      if (!step) continue;
      // Passed to another contact: the ladder starts again for them, from the day they were asked.
      const key = a.reassigned_by ? `assessment:${a.id}:to:${a.reassigned_by}:${step.key}` : `assessment:${a.id}:${step.key}`;
      const refs = { assessmentId: a.id, step: step.key, level: String(step.level) };
      if (step.kind === 'reminder') {
        emails.push({ kind: 'assessment.reminder', recipients: [a.recipient_email], template: 'assessment-reminder', refs, dedupeKey: key });
        continue;
      }
      if (step.level > a.escalation_level) levels.set(a.id, { before: a.escalation_level, level: step.level });
      const kind = step.kind === 'overdue' ? 'assessment.overdue' : `assessment.escalation.${step.level}`;
      if (step.level < 2) {
        // Level 1 goes to the supplier's escalation contact, without the recipient's link (it is not theirs).
        const escalation = step.level === 1 && a.escalation_email !== null;
        emails.push({ kind, recipients: [escalation ? a.escalation_email! : a.recipient_email], template: escalation ? 'assessment-escalation' : 'assessment-overdue', refs, dedupeKey: `${key}:supplier` });
        if (a.owner_email) emails.push({ kind, recipients: [a.owner_email], template: 'assessment-overdue-internal', refs, dedupeKey: `${key}:owner` });
      } else if (this.organisation.governanceEmail) {
        emails.push({ kind, recipients: [this.organisation.governanceEmail], template: 'assessment-overdue-internal', refs, dedupeKey: `${key}:governance` });
      }
    }
    return { emails, levels };
  }

  /** Review and end dates of data-sharing links, to the data asset's owner (else the supplier's). */
  private async linkNotices(m: EntityManager, today: string): Promise<OwedEmail[]> {
    const days = [...new Set(this.scheduler.linkNoticeDays)].sort((a, b) => a - b);
    const due = await m.query<{ id: string; field: 'review' | 'end'; date: string; owner_email: string }[]>(
      `SELECT l.id, f.field, f.date::text AS date, coalesce(ao.email, so.email)::text AS owner_email
         FROM data_sharing_link l JOIN data_asset d ON d.id = l.data_asset_id JOIN supplier s ON s.id = l.supplier_id
         LEFT JOIN app_user ao ON ao.id = d.owner_id AND ao.active
         LEFT JOIN app_user so ON so.id = s.owner_id AND so.active
         CROSS JOIN LATERAL (VALUES ('review', l.review_date), ('end', l.end_date)) AS f(field, date)
        WHERE l.status <> 'ended' AND f.date BETWEEN $1::date AND $2::date AND coalesce(ao.email, so.email) IS NOT NULL`,
      [today, addDays(today, days.at(-1)!)],
    );
    return due.flatMap((l) => {
      const step = days.find((d) => addDays(l.date, -d) <= today);
      if (step === undefined) return [];
      return [{ kind: `data-sharing-link.${l.field}-due`, recipients: [l.owner_email], template: 'data-sharing-link-due', refs: { linkId: l.id, field: l.field, date: l.date }, dedupeKey: `link:${l.id}:${l.field}:${l.date}:${step}d` }];
    });
  }

  /** The tier's interval since the last completed assessment has passed and nothing new is open. */
  private async reassessments(m: EntityManager, today: string): Promise<OwedEmail[]> {
    const months = reassessmentMonthsByTier(this.settings);
    const due = await m.query<{ supplier_id: string; assessment_id: string; owner_email: string }[]>(
      `SELECT last.supplier_id, last.assessment_id, last.owner_email FROM (
         SELECT DISTINCT ON (s.id) s.id AS supplier_id, s.tier, a.id AS assessment_id, a.completed_at, ${INTERNAL_OWNER_EMAIL} AS owner_email
           FROM supplier s JOIN assessment a ON a.supplier_id = s.id AND a.status = 'completed'
           ${INTERNAL_OWNER_JOINS}
          WHERE s.status <> 'offboarded'
            AND NOT EXISTS (SELECT 1 FROM assessment x WHERE x.supplier_id = s.id AND x.status = ANY($3))
          ORDER BY s.id, a.completed_at DESC) last
        WHERE last.owner_email IS NOT NULL
          AND (last.completed_at AT TIME ZONE 'Europe/London')::date + make_interval(months => ($2::int[])[last.tier]) <= $1::date`,
      [today, months, OPEN_STATUSES],
    );
    return due.map((r) => ({ kind: 'reassessment.due', recipients: [r.owner_email], template: 'reassessment-due', refs: { supplierId: r.supplier_id, assessmentId: r.assessment_id }, dedupeKey: `supplier:${r.supplier_id}:reassessment:${r.assessment_id}` }));
  }

  /**
   * To governance, 30 days ahead (the longest link notice): an acceptance reaching its review date,
   * insurance reaching its expiry, and an accepted finding reaching the end of its acceptance.
   */
  private async expiringAcceptances(m: EntityManager, today: string): Promise<OwedEmail[]> {
    if (!this.organisation.governanceEmail) return [];
    const horizon = addDays(today, DECISION_NOTICE_DAYS);
    const rows = await m.query<{ kind: 'decision' | 'finding'; id: string; date: string }[]>(
      `SELECT 'decision' AS kind, d.id, ${decisionLapsesOnSql('d')}::text AS date
         FROM risk_decision d JOIN supplier s ON s.id = d.supplier_id
        WHERE d.current AND s.status <> 'offboarded' AND d.decision = ANY($3)
          AND ${decisionLapsesOnSql('d')} BETWEEN $1::date AND $2::date
       UNION ALL
       SELECT 'finding', f.id, f.accepted_until::text FROM finding f
        WHERE f.status = 'accepted' AND f.superseded_at IS NULL AND f.accepted_until BETWEEN $1::date AND $2::date`,
      [today, horizon, EXPIRING_DECISIONS],
    );
    return rows.map((r): OwedEmail => ({
      kind: `${r.kind === 'decision' ? 'risk-decision' : 'finding-acceptance'}.expiring`,
      recipients: [this.organisation.governanceEmail!],
      template: 'risk-acceptance-expiring',
      refs: { [r.kind === 'decision' ? 'decisionId' : 'findingId']: r.id, date: r.date },
      dedupeKey: `${r.kind}:${r.id}:expiring:${r.date}`,
    }));
  }

  /** The committee digest, on the configured working day of the month (or the first run after it). */
  private digest(today: string): OwedEmail[] {
    const month = today.slice(0, 7);
    if (!this.organisation.governanceEmail || this.scheduler.digestWorkingDay === 0 || today < nthWorkingDay(month, this.scheduler.digestWorkingDay)) return [];
    return [{ kind: 'committee.digest', recipients: [this.organisation.governanceEmail], template: 'committee-digest', refs: { period: month }, dedupeKey: `digest:${month}` }];
  }

  private async owe(m: EntityManager, emails: OwedEmail[]): Promise<string[]> {
    if (emails.length === 0) return [];
    const rows = await m.query<{ id: string }[]>(
      `INSERT INTO outbox_message (kind, recipients, template, refs, dedupe_key)
       SELECT e.kind, ARRAY[e.recipient], e.template, e.refs, e.dedupe_key
         FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::text[]) AS e(kind, recipient, template, refs, dedupe_key)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [emails.map((e) => e.kind), emails.map((e) => e.recipients[0]), emails.map((e) => e.template), emails.map((e) => JSON.stringify(e.refs)), emails.map((e) => e.dedupeKey)],
    );
    const ids = rows.map((r) => r.id);
    noteOwed(m, ids);
    return ids;
  }

  /** Raises escalation levels (never lowers them), audited; a concurrent run changes each once. */
  private async escalate(m: EntityManager, levels: Map<string, { before: number; level: number }>): Promise<number> {
    if (levels.size === 0) return 0;
    // An UPDATE through TypeORM's query answers [rows, count].
    const [changed] = await m.query<[{ id: string }[], number]>(
      `UPDATE assessment a SET escalation_level = t.level, updated_at = now()
         FROM unnest($1::uuid[], $2::int[], $3::int[]) AS t(id, level, before)
        WHERE a.id = t.id AND a.escalation_level = t.before AND a.escalation_level < t.level
        RETURNING a.id`,
      [[...levels.keys()], [...levels.values()].map((l) => l.level), [...levels.values()].map((l) => l.before)],
    );
    await this.audit.recordMany(m, changed.map((c) => ({ action: 'assessment.escalated', entityType: 'assessment', entityId: c.id, before: { escalationLevel: levels.get(c.id)!.before }, after: { escalationLevel: levels.get(c.id)!.level } })));
    return changed.length;
  }
}
