import { ArrayMaxSize, ArrayNotEmpty, IsInt, Matches, Max, Min } from 'class-validator';
import { Env } from './env.js';

/** The worker's clocks: the outbox sweeper, and when reminders, escalations, notices and the digest fall due. */
export class SchedulerConfig {
  /** How often the sweeper re-enqueues undelivered outbox rows. */
  @Env('SWEEP_INTERVAL_MS', 'int')
  @IsInt()
  @Min(100)
  sweepIntervalMs = 60_000;

  /** How long a row may wait after its last change before the sweeper enqueues it again. */
  @Env('SWEEP_GRACE_MS', 'int')
  @IsInt()
  @Min(0)
  sweepGraceMs = 30_000;

  /** How often the scheduler works out the reminders and escalations owed. */
  @Env('SCHEDULE_INTERVAL_MS', 'int')
  @IsInt()
  @Min(100)
  intervalMs = 900_000;

  /** Reminders this many days before the due date. */
  @Env('REMINDER_DAYS', 'list')
  @ArrayNotEmpty()
  @ArrayMaxSize(10)
  @IsInt({ each: true, message: 'must be a comma-separated list of whole days, e.g. 7,3,1' })
  @Min(1, { each: true })
  reminderDays = [7, 3, 1];

  /** The overdue notice this many days after the due date. */
  @Env('OVERDUE_DAYS', 'int')
  @IsInt()
  @Min(1)
  overdueDays = 1;

  /** Escalation levels 1 and 2 this many days after the due date. */
  @Env('ESCALATION_DAYS', 'list')
  @ArrayNotEmpty()
  @ArrayMaxSize(2)
  @IsInt({ each: true, message: 'must be two comma-separated whole days, e.g. 7,14' })
  @Min(1, { each: true })
  escalationDays = [7, 14];

  /** Notices this many days before a data-sharing link's review or end date. */
  @Env('LINK_NOTICE_DAYS', 'list')
  @ArrayNotEmpty()
  @ArrayMaxSize(10)
  @IsInt({ each: true, message: 'must be a comma-separated list of whole days, e.g. 30,7' })
  @Min(1, { each: true })
  linkNoticeDays = [30, 7];

  /** When reminders and escalations go out, Europe/London, on working days. */
  @Env('WORKING_HOURS')
  @Matches(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, { message: 'must be HH:MM-HH:MM, e.g. 08:00-18:00' })
  workingHours = '08:00-18:00';

  /** The committee digest goes out on this working day of each month (0: never). */
  @Env('DIGEST_WORKING_DAY', 'int')
  @IsInt()
  @Min(0)
  @Max(20)
  digestWorkingDay = 1;
}
