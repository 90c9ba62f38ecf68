import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { unreviewedAccessPaths } from '@app/access-paths';
import { raiseEscalationLevels, reassessmentsDue, unsubmittedAssessmentsDueBy } from '@app/assessments';
import { AuditTrail } from '@app/audit';
import { CERTIFICATION_NOTICE_DAYS, expiringCertifications } from '@app/certifications';
import { linkDatesBetween } from '@app/data-sharing';
import { firstReportRemindersOwed } from '@app/incidents';
import {
  accessPathReviewsOwed,
  assessmentLadderOwed,
  certificationNoticesOwed,
  certificationNoticeWindow,
  DECISION_NOTICE_DAYS,
  digestOwed,
  expiringOwed,
  ladderHorizon,
  linkNoticesOwed,
  linkNoticeWindow,
  oweEmails,
  reassessmentsOwed,
  workingTime,
  type LadderSettings,
} from '@app/notifications';
import { addDays, Clock, OrganisationConfig, SchedulerConfig } from '@app/platform';
import { expiringDecisions } from '@app/risk';
import { reassessmentMonthsByTier, RISK_SETTINGS, type RiskSettings } from '@app/scoring';

export interface ScheduleRun {
  working: boolean;
  why: string;
  /** Emails newly owed by this run (a second run the same day owes none). */
  owed: number;
  escalated: number;
}

/**
 * The scheduler's round (the `schedule` job): reads the candidates through each library's
 * notices query (the libraries own their tables), applies the notification rules of `@app/notifications` (the ladder,
 * link, reassessment, expiry, digest and assurance notices), and writes the emails owed to the outbox
 * and the escalation levels reached, in one transaction. Every email has a dedupe key naming its
 * assessment (or link, or supplier) and step, so running twice, or in two workers at once, owes each
 * email once. Runs on working days within working hours only (Europe/London; England and Wales bank
 * holidays); a step that falls outside them goes out on the next working day. The one exception is an
 * incident follow-up's first-report reminder, owed at any hour.
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
    const urgent = await this.dataSource.transaction(
      async (m) => (await oweEmails(m, await firstReportRemindersOwed(m, this.clock.now()))).length,
    );
    if (urgent) this.logger.log({ msg: 'incident reminders owed', owed: urgent });
    if (!time.working) return { working: false, why: time.why, owed: urgent, escalated: 0 };
    const today = time.today;
    const result = await this.dataSource.transaction(async (m) => {
      const { emails, levels } = await this.owedToday(m, today);
      const ids = await oweEmails(m, emails);
      const escalated = await raiseEscalationLevels(m, this.audit, levels);
      return { owed: ids.length + urgent, escalated };
    });
    if (result.owed || result.escalated) this.logger.log({ msg: 'notifications owed', today, ...result });
    return { working: true, why: time.why, ...result };
  }

  /** Every email owed today by the rules, in a stable order, and the escalation levels the ladder reached. */
  private async owedToday(m: EntityManager, today: string) {
    const governance = this.organisation.governanceEmail;
    const ladder: LadderSettings = {
      reminderDays: this.scheduler.reminderDays,
      overdueDays: this.scheduler.overdueDays,
      escalationDays: this.scheduler.escalationDays,
    };
    const { emails, levels } = assessmentLadderOwed(
      today,
      await unsubmittedAssessmentsDueBy(m, ladderHorizon(today, ladder)),
      ladder,
      governance,
    );
    const links = linkNoticeWindow(today, this.scheduler.linkNoticeDays);
    emails.push(...linkNoticesOwed(today, await linkDatesBetween(m, links.from, links.to), links.days));
    emails.push(...reassessmentsOwed(await reassessmentsDue(m, today, reassessmentMonthsByTier(this.settings))));
    if (governance)
      emails.push(...expiringOwed(await expiringDecisions(m, today, addDays(today, DECISION_NOTICE_DAYS)), governance));
    emails.push(...digestOwed(today, governance, this.scheduler.digestWorkingDay));
    const certificates = certificationNoticeWindow(today, CERTIFICATION_NOTICE_DAYS);
    emails.push(
      ...certificationNoticesOwed(
        today,
        await expiringCertifications(m, certificates.from, certificates.to),
        CERTIFICATION_NOTICE_DAYS,
      ),
    );
    emails.push(...accessPathReviewsOwed(await unreviewedAccessPaths(m, today)));
    return { emails, levels };
  }
}
