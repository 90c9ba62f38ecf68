import { ApiProperty } from '@nestjs/swagger';
import type { AssessmentStatus } from '@app/assessments';
import { CHANGES_SCHEMA, type Changes } from '@app/audit';
import type { AssessmentScoreView } from './score.view.js';

// Response shapes of /api/v1/assessments as classes: the OpenAPI document is generated from them and
// the controller's view functions are typed with them.

/** The supplier's signed statement on submitting. */
export class AttestationView {
  name: string;
  jobTitle: string;
  confirmed: boolean;
  at: string;
}

/** A questionnaire sent to a supplier contact. */
export class AssessmentView {
  id: string;
  supplierId: string;
  questionnaireKey: string;
  questionnaireVersion: number;
  recipientContactId: string;
  /** YYYY-MM-DD */
  dueDate: string;
  status: AssessmentStatus;
  /** 0, then 1 and 2 as the escalation ladder climbs. */
  escalationLevel: number;
  returnedQuestions: string[];
  returnMessage: string | null;
  attestation: AttestationView | null;
  /** Once scored: overall, band, sections, criticalFailures, findings and stage (provisional or final). */
  score: AssessmentScoreView | null;
  submittedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  createdAt: string;
}

/** On creation, resend and reassessment only: the invitation link, shown this once. */
export class AssessmentInvitationView extends AssessmentView {
  invitationUrl: string;
}

/** A questionnaire sent, and the others the supplier's kind owes with it (a research partner's research-data set). */
export class AssessmentSentView extends AssessmentInvitationView {
  alsoSent: AssessmentInvitationView[];
}

/** Procurement's adjustment of an answer's score ("not supported by evidence"). */
export class AnswerAdjustmentView {
  score: number;
  reason: string | null;
  by: string | null;
  at: string | null;
}

export class AnswerView {
  code: string;
  @ApiProperty({
    description: 'yes/no/partial, an option value, a list of option values, text, a number or a date, by question type',
    oneOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'array', items: { type: 'string' } }],
  })
  value: string | number | string[] | null;
  notApplicable: boolean;
  comment: string | null;
  version: number;
  updatedAt: string;
  adjustment: AnswerAdjustmentView | null;
}

/** An evidence file attached to an answer. */
export class EvidenceView {
  id: string;
  question: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdAt: string;
}

/** One audited change to the assessment. */
export class AssessmentHistoryEntry {
  at: string;
  action: string;
  actorType: string;
  actorId: string | null;
  @ApiProperty(CHANGES_SCHEMA)
  changes: Changes;
}

/** An assessment with its answers, evidence and history. */
export class AssessmentDetailView extends AssessmentView {
  answers: AnswerView[];
  evidence: EvidenceView[];
  history: AssessmentHistoryEntry[];
}

export class CampaignSkip {
  supplierId: string;
  name: string | null;
  /** Why this supplier was not sent the questionnaire (for example an open assessment of it). */
  reason: string;
}

export class CampaignAssessment {
  id: string;
  supplierId: string;
  invitationUrl: string;
}

/** What a campaign sent and what it skipped, and why. */
export class CampaignResultView {
  sent: number;
  skipped: CampaignSkip[];
  assessments: CampaignAssessment[];
}
