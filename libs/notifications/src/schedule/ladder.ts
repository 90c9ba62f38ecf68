import { addDays } from '@app/platform';

export interface LadderSettings {
  /** Reminders this many days before the due date (7, 3, 1). */
  reminderDays: number[];
  /** The overdue notice this many days after it (1). */
  overdueDays: number;
  /** Escalation levels 1 and 2 this many days after it (7, 14). */
  escalationDays: number[];
}

export type StepKind = 'reminder' | 'overdue' | 'escalation';

export interface AssessmentStep {
  /** Part of the dedupe key: `reminder:3d`, `overdue`, `escalation-1`, `escalation-2`. */
  key: string;
  kind: StepKind;
  /** The escalation level this step brings the assessment to (0 for reminders and the overdue notice). */
  level: 0 | 1 | 2;
  /** The day the step falls on. */
  date: string;
}

/** Every step of an unsubmitted assessment's ladder, in date order. */
export function ladderOf(dueDate: string, s: LadderSettings): AssessmentStep[] {
  const reminders = [...new Set(s.reminderDays)]
    .sort((a, b) => b - a)
    .map((d): AssessmentStep => ({ key: `reminder:${d}d`, kind: 'reminder', level: 0, date: addDays(dueDate, -d) }));
  const [first, second] = s.escalationDays;
  const after: AssessmentStep[] = [
    { key: 'overdue', kind: 'overdue', level: 0, date: addDays(dueDate, s.overdueDays) },
    { key: 'escalation-1', kind: 'escalation', level: 1, date: addDays(dueDate, first) },
    ...(second === undefined
      ? []
      : [{ key: 'escalation-2', kind: 'escalation' as const, level: 2 as const, date: addDays(dueDate, second) }]),
  ];
  return [...reminders, ...after].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The step owed today, if any: the latest step whose day has come. Only one a day: when the
 * scheduler could not run on a step's day (a weekend, a bank holiday, an outage), the step is sent
 * on the next working day unless a later step has come meanwhile, which replaces it. No reminder
 * falls on or before the day the questionnaire was sent (it would repeat the invitation), and
 * reminders stop once the due date has passed.
 */
export function stepOwed(today: string, dueDate: string, sentOn: string, s: LadderSettings): AssessmentStep | null {
  const reached = ladderOf(dueDate, s).filter(
    (step) => step.date <= today && step.date > sentOn && !(step.kind === 'reminder' && today > dueDate),
  );
  return reached.at(-1) ?? null;
}

/** The latest due date whose ladder can owe a step today: the scheduler reads the questionnaires due by then. */
export function ladderHorizon(today: string, s: LadderSettings): string {
  return addDays(today, Math.max(...s.reminderDays));
}
