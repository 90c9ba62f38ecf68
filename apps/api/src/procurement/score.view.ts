import { ApiProperty } from '@nestjs/swagger';
import { BandCapView } from '@app/suppliers';

// An assessment's score as classes, for the OpenAPI document (api.md: `score` with `overall`, `band`,
// `sections`, `criticalFailures`; the risk method's section 1 says how each figure is made).
// AssessmentView.score is typed with them, so the scoring lib's result must fit.

const BAND = { enum: ['A', 'B', 'C', 'D', 'E'], nullable: true };

/** The reviewer found the answer not supported by evidence: `s` is the reviewer's, `from` the answer's. */
export class ScoreAdjustmentView {
  from: number;
  reason: string;
}

/** One question as the section's score counted it. */
export class CountedQuestionView {
  code: string;
  weight: number;
  /** The question's score s in [0, 1]. */
  s: number;
  /** weight x s, its share of the section's numerator. */
  contribution: number;
  adjusted?: ScoreAdjustmentView;
}

export class SectionScoreView {
  key: string;
  title: string;
  /** 0..100, or null when nothing in it was scorable. */
  score: number | null;
  counted: CountedQuestionView[];
}

export class ScoreMappingView {
  framework: string;
  ref: string;
}

/** A question that fell short, as the score raised it (the finding itself is at /api/v1/findings). */
export class ScoreFindingView {
  questionCode: string;
  @ApiProperty({ enum: ['critical', 'high', 'medium', 'low'] })
  severity: string;
  @ApiProperty({
    description: 'The answer given',
    oneOf: [
      { type: 'string', nullable: true },
      { type: 'number' },
      { type: 'boolean' },
      { type: 'array', items: { type: 'string' } },
    ],
  })
  answer: unknown;
  comment: string | null;
  mappings: ScoreMappingView[];
  recommendation: string | null;
}

/** The score of a submitted (provisional) or reviewed (final) assessment. */
export class AssessmentScoreView {
  /** `security` questionnaires are scored; an `incident` one never is (every figure null, no finding). */
  @ApiProperty({ enum: ['security', 'incident'] })
  purpose: string;
  /** 0..100, or null when nothing was scorable. */
  overall: number | null;
  /** The band after any knock-out cap. */
  @ApiProperty(BAND)
  band: string | null;
  /** The band of the overall score before any cap. */
  @ApiProperty(BAND)
  uncappedBand: string | null;
  /** Set when a knock-out lowered the band. */
  cap: BandCapView | null;
  sections: SectionScoreView[];
  /** Critical questions scored 0. */
  criticalFailures: string[];
  /** Critical questions answered partially. */
  criticalPartials: string[];
  findings: ScoreFindingView[];
  /** `provisional` on submission, `final` once the review is complete. */
  @ApiProperty({ enum: ['provisional', 'final'] })
  stage: string;
  scoredAt: string;
}
