import type { Question, QuestionnaireDefinition, QuestionnairePurpose } from '@app/questionnaires';
import { BANDS, DEFAULT_RISK_SETTINGS, type Band, type RiskSettings } from './settings.js';

/** An answer as scoring needs it. */
export interface ScoredAnswer {
  value: unknown;
  notApplicable: boolean;
  comment?: string | null;
  /** The reviewer's "not supported by evidence": the score s the answer counts for instead, and why. */
  adjustment?: { score: number; reason: string } | null;
}

export interface CountedQuestion {
  code: string;
  weight: number;
  /** The question's score s in [0, 1]. */
  s: number;
  /** w x s, the question's share of the numerator. */
  contribution: number;
  /** Set when the reviewer found the answer not supported by evidence: s is the reviewer's, `from` the answer's. */
  adjusted?: { from: number; reason: string };
}

export interface Finding {
  questionCode: string;
  severity: 'critical' | 'high' | 'medium' | 'low';
  answer: unknown;
  comment: string | null;
  mappings: Question['mappings'];
  recommendation: string | null;
}

/** A knock-out that capped the band (section 1): the cap and the critical questions that caused it. */
export interface BandCap {
  band: Band;
  /** `failure`: a critical question scored 0; `partial`: one scored 0 < s < 1. */
  kind: 'failure' | 'partial';
  questions: string[];
}

export interface AssessmentScore {
  /** `security` questionnaires are scored; an `incident` one never is (every figure null, no finding). */
  purpose: QuestionnairePurpose;
  /** 0..100, or null when nothing was scorable. */
  overall: number | null;
  /** The band after any knock-out cap. */
  band: Band | null;
  /** The band of the overall score before any cap (null only when there is no score). */
  uncappedBand: Band | null;
  /** Set when a knock-out lowered the band: to what, and by which questions. */
  cap: BandCap | null;
  sections: { key: string; title: string; score: number | null; counted: CountedQuestion[] }[];
  /** Critical questions scored 0. */
  criticalFailures: string[];
  /** Critical questions scored 0 < s < 1 (a partial answer). */
  criticalPartials: string[];
  findings: Finding[];
}

/** Whether a questionnaire's answers are scored and set a supplier's band (risk-model section 1). */
export function isScoredQuestionnaire(definition: Pick<QuestionnaireDefinition, 'purpose'>): boolean {
  return (definition.purpose ?? 'security') === 'security';
}

const SCORED = new Set(['yes_no', 'yes_no_partial', 'single_choice']);

/** s for one answer, or null when the question leaves the formula (not scored, N/A, unanswered). */
export function questionScore(question: Question, answer: ScoredAnswer | undefined): number | null {
  if (
    !SCORED.has(question.type) ||
    !answer ||
    answer.notApplicable ||
    answer.value === null ||
    answer.value === undefined
  )
    return null;
  if (question.type === 'single_choice') return question.options?.find((o) => o.value === answer.value)?.score ?? null;
  if (answer.value === 'yes') return 1;
  if (answer.value === 'no') return 0;
  if (answer.value === 'partial' && question.type === 'yes_no_partial') return 0.5;
  return null;
}

/**
 * Whether a question is shown given the answers (risk-model section 1: a hidden question counts as
 * N/A). The portal shows and requires questions by the same rule.
 */
export function isShown(
  question: Question,
  answers: Map<string, Pick<ScoredAnswer, 'value' | 'notApplicable'>>,
  byCode: Map<string, Question>,
): boolean {
  if (!question.showIf) return true;
  const target = byCode.get(question.showIf.question);
  if (!target || !isShown(target, answers, byCode)) return false;
  const answer = answers.get(question.showIf.question);
  if (!answer || answer.notApplicable) return false;
  const accepted = 'in' in question.showIf ? question.showIf.in : [question.showIf.equals];
  return Array.isArray(answer.value)
    ? answer.value.some((v) => accepted.includes(v as string))
    : accepted.includes(answer.value as string);
}

export function band(score: number, settings: RiskSettings = DEFAULT_RISK_SETTINGS): Band {
  const t = settings.bandThresholds;
  return score >= t.A ? 'A' : score >= t.B ? 'B' : score >= t.C ? 'C' : score >= t.D ? 'D' : 'E';
}

function findingSeverity(question: Question, s: number, settings: RiskSettings): Finding['severity'] {
  if (s === 0)
    return question.critical ? 'critical' : question.weight >= settings.findingHighWeight ? 'high' : 'medium';
  return question.critical ? 'high' : question.weight >= settings.findingHighWeight ? 'medium' : 'low';
}

/** The worse of two bands (E is the worst). */
export function worseBand(a: Band, b: Band): Band {
  return BANDS.indexOf(a) >= BANDS.indexOf(b) ? a : b;
}

/**
 * The band after the knock-out caps (section 1): a critical question scored 0 caps it at D, a
 * partial answer on one at C (both from the settings); a band already worse than the cap stays.
 */
export function cappedBand(
  uncapped: Band,
  criticalFailures: string[],
  criticalPartials: string[],
  settings: RiskSettings = DEFAULT_RISK_SETTINGS,
): { band: Band; cap: BandCap | null } {
  const caps: BandCap[] = [];
  if (criticalFailures.length)
    caps.push({ band: settings.criticalCaps.failure, kind: 'failure', questions: criticalFailures });
  if (criticalPartials.length)
    caps.push({ band: settings.criticalCaps.partial, kind: 'partial', questions: criticalPartials });
  let band = uncapped;
  let applied: BandCap | null = null;
  for (const cap of caps) {
    if (worseBand(band, cap.band) !== band) {
      band = cap.band;
      applied = cap;
    }
  }
  return { band, cap: applied };
}

/**
 * The control score of one assessment (risk-model sections 1 and 2): section and overall scores
 * as 100 x sum(w x s) / sum(w) over counted questions, the band with the knock-out caps, and a
 * finding for every counted question scored below 1, each with what made it. A question of weight 0
 * is context: never counted, never a finding. An `incident` questionnaire is not scored at all.
 */
export function scoreAssessment(
  definition: QuestionnaireDefinition,
  answers: Map<string, ScoredAnswer>,
  settings: RiskSettings = DEFAULT_RISK_SETTINGS,
): AssessmentScore {
  const purpose: QuestionnairePurpose = definition.purpose ?? 'security';
  if (!isScoredQuestionnaire(definition)) {
    return {
      purpose,
      overall: null,
      band: null,
      uncappedBand: null,
      cap: null,
      criticalFailures: [],
      criticalPartials: [],
      findings: [],
      sections: definition.sections.map((section) => ({
        key: section.key,
        title: section.title,
        score: null,
        counted: [],
      })),
    };
  }
  const byCode = new Map(definition.sections.flatMap((s) => s.questions).map((q) => [q.code, q]));
  let weightSum = 0;
  let weighted = 0;
  const criticalFailures: string[] = [];
  const criticalPartials: string[] = [];
  const findings: Finding[] = [];
  const sections = definition.sections.map((section) => {
    const counted: CountedQuestion[] = [];
    for (const question of section.questions) {
      // Weight 0 is context: answered and shown, never counted and never a finding.
      if (question.weight === 0 || !isShown(question, answers, byCode)) continue;
      const answered = questionScore(question, answers.get(question.code));
      if (answered === null) continue;
      // A review adjustment replaces the answer's score, never brings a question into the formula.
      const adjustment = answers.get(question.code)?.adjustment;
      const s = adjustment ? adjustment.score : answered;
      counted.push({
        code: question.code,
        weight: question.weight,
        s,
        contribution: question.weight * s,
        ...(adjustment ? { adjusted: { from: answered, reason: adjustment.reason } } : {}),
      });
      if (question.critical && s === 0) criticalFailures.push(question.code);
      if (question.critical && s > 0 && s < 1) criticalPartials.push(question.code);
      if (s < 1) {
        const answer = answers.get(question.code)!;
        findings.push({
          questionCode: question.code,
          severity: findingSeverity(question, s, settings),
          answer: answer.value,
          comment: answer.comment ?? null,
          mappings: question.mappings,
          recommendation: question.recommendation ?? null,
        });
      }
    }
    const w = counted.reduce((sum, c) => sum + c.weight, 0);
    const ws = counted.reduce((sum, c) => sum + c.contribution, 0);
    weightSum += w;
    weighted += ws;
    return { key: section.key, title: section.title, score: w > 0 ? (100 * ws) / w : null, counted };
  });
  const overall = weightSum > 0 ? (100 * weighted) / weightSum : null;
  const uncapped = overall === null ? null : band(overall, settings);
  const capped = uncapped === null ? null : cappedBand(uncapped, criticalFailures, criticalPartials, settings);
  return {
    purpose,
    overall,
    band: capped?.band ?? null,
    uncappedBand: uncapped,
    cap: capped?.cap ?? null,
    sections,
    criticalFailures,
    criticalPartials,
    findings,
  };
}

/** The score as a committee reads it: "91.6, band A, capped at D by BAK-01" (or "not scored"). */
export function scoreText(score: Pick<AssessmentScore, 'overall' | 'band' | 'uncappedBand' | 'cap'>): string {
  if (score.overall === null || score.band === null) return 'not scored';
  const overall = (Math.round(score.overall * 10) / 10).toFixed(1);
  if (!score.cap) return `${overall}, band ${score.band}`;
  return `${overall}, band ${score.uncappedBand}, capped at ${score.cap.band} by ${score.cap.questions.join(', ')}${score.cap.kind === 'partial' ? ' (partial answer)' : ''}`;
}
