import type { Question, QuestionnaireDefinition } from '@app/questionnaires';
import { DEFAULT_RISK_SETTINGS, type Band, type RiskSettings } from './settings.js';

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

export interface AssessmentScore {
  /** 0..100, or null when nothing was scorable. */
  overall: number | null;
  band: Band | null;
  /** The band before the critical-failure cap, when the cap changed it. */
  uncappedBand: Band | null;
  sections: { key: string; title: string; score: number | null; counted: CountedQuestion[] }[];
  criticalFailures: string[];
  findings: Finding[];
}

const SCORED = new Set(['yes_no', 'yes_no_partial', 'single_choice']);

/** s for one answer, or null when the question leaves the formula (not scored, N/A, unanswered). */
export function questionScore(question: Question, answer: ScoredAnswer | undefined): number | null {
  if (!SCORED.has(question.type) || !answer || answer.notApplicable || answer.value === null || answer.value === undefined) return null;
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
export function isShown(question: Question, answers: Map<string, Pick<ScoredAnswer, 'value' | 'notApplicable'>>, byCode: Map<string, Question>): boolean {
  if (!question.showIf) return true;
  const target = byCode.get(question.showIf.question);
  if (!target || !isShown(target, answers, byCode)) return false;
  const answer = answers.get(question.showIf.question);
  if (!answer || answer.notApplicable) return false;
  const accepted = 'in' in question.showIf ? question.showIf.in : [question.showIf.equals];
  return Array.isArray(answer.value) ? answer.value.some((v) => accepted.includes(v as string)) : accepted.includes(answer.value as string);
}

export function band(score: number, settings: RiskSettings = DEFAULT_RISK_SETTINGS): Band {
  const t = settings.bandThresholds;
  return score >= t.A ? 'A' : score >= t.B ? 'B' : score >= t.C ? 'C' : score >= t.D ? 'D' : 'E';
}

function findingSeverity(question: Question, s: number, settings: RiskSettings): Finding['severity'] {
  if (s === 0) return question.critical ? 'critical' : question.weight >= settings.findingHighWeight ? 'high' : 'medium';
  return question.critical ? 'high' : question.weight >= settings.findingHighWeight ? 'medium' : 'low';
}

/**
 * The control score of one assessment (risk-model sections 1 and 2): section and overall scores
 * as 100 x sum(w x s) / sum(w) over counted questions, the band with the critical-failure cap,
 * and a finding for every counted question scored below 1, each with what made it.
 */
export function scoreAssessment(
  definition: QuestionnaireDefinition,
  answers: Map<string, ScoredAnswer>,
  settings: RiskSettings = DEFAULT_RISK_SETTINGS,
): AssessmentScore {
  const byCode = new Map(definition.sections.flatMap((s) => s.questions).map((q) => [q.code, q]));
  let weightSum = 0;
  let weighted = 0;
  const criticalFailures: string[] = [];
  const findings: Finding[] = [];
  const sections = definition.sections.map((section) => {
    const counted: CountedQuestion[] = [];
    for (const question of section.questions) {
      if (!isShown(question, answers, byCode)) continue;
      const answered = questionScore(question, answers.get(question.code));
      if (answered === null) continue;
      // A review adjustment replaces the answer's score, never brings a question into the formula.
      const adjustment = answers.get(question.code)?.adjustment;
      const s = adjustment ? adjustment.score : answered;
      counted.push({ code: question.code, weight: question.weight, s, contribution: question.weight * s, ...(adjustment ? { adjusted: { from: answered, reason: adjustment.reason } } : {}) });
      if (question.critical && s === 0) criticalFailures.push(question.code);
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
  const capped = uncapped && criticalFailures.length && ['A', 'B', 'C'].includes(uncapped) ? 'D' : uncapped;
  return { overall, band: capped, uncappedBand: capped !== uncapped ? uncapped : null, sections, criticalFailures, findings };
}
