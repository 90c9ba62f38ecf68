import { ApiProperty } from '@nestjs/swagger';
import type { AssessmentStatus } from './assessment.entity.js';

// The portal's JSON shapes (api.md, "Suppliers") as classes: the OpenAPI document is generated from
// them, and PortalAccess's landing and view are typed with them.

export class PortalSupplierName {
  name: string;
}

export class PortalQuestionnaireRef {
  key: string;
  version: number;
  title: string;
}

export class PortalLandingQuestionnaire extends PortalQuestionnaireRef {
  questionCount: number;
}

/** `GET /portal/i/:token` with `Accept: application/json`: who asks whom for what, by when, and where the link stands. */
export class PortalLandingView {
  /** Where the link stands, as its landing page explains it. */
  @ApiProperty({
    enum: ['open', 'overdue', 'returned', 'submitted', 'completed', 'cancelled', 'expired', 'replaced', 'invalid'],
  })
  state: string;
  /** Whether Start would open a session (a submitted questionnaire's receipt can still be seen). */
  linkWorks: boolean;
  /** Whether answers have been saved already (the page says Continue rather than Start). */
  started: boolean;
  supplier: PortalSupplierName | null;
  recipient: PortalSupplierName | null;
  questionnaire: PortalLandingQuestionnaire | null;
  /** YYYY-MM-DD */
  dueDate: string | null;
  submittedAt: string | null;
  /** The receipt reference (SA-XXXX-XXXX), once submitted. */
  reference: string | null;
  status: AssessmentStatus;
}

/** Who attested the submission. */
export class PortalAttestation {
  name: string;
  jobTitle: string;
}

export class PortalAssessmentQuestionnaire extends PortalQuestionnaireRef {
  /** What the supplier needs to know first (an incident follow-up's deadlines), or null. */
  note: string | null;
}

export class PortalAssessmentRef {
  id: string;
  status: AssessmentStatus;
  /** YYYY-MM-DD */
  dueDate: string;
  supplier: PortalSupplierName;
  questionnaire: PortalAssessmentQuestionnaire;
  returnedQuestions: string[];
  returnMessage: string | null;
  /** The receipt reference a supplier can quote (SA-XXXX-XXXX). */
  reference: string;
  submittedAt: string | null;
  attestation: PortalAttestation | null;
}

export class PortalProgress {
  questions: number;
  answered: number;
  missingRequired: number;
  /** Questions that require an evidence file and have none. */
  missingEvidence: number;
}

/** What stops a submission now: an answer, or an evidence file. */
export class PortalMissing {
  code: string;
  @ApiProperty({ enum: ['answer', 'evidence'] })
  kind: 'answer' | 'evidence';
}

/** An evidence file attached to an answer. */
export class PortalFile {
  id: string;
  name: string;
  mediaType: string;
  size: number;
}

export class PortalOption {
  value: string;
  label: string;
}

/** Shown only when another question's answer is one of `values`. */
export class PortalShowIf {
  question: string;
  values: string[];
}

export class PortalAnswer {
  @ApiProperty({
    description: 'yes/no/partial, an option value, a list of option values, text, a number or a date, by question type',
    oneOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'array', items: { type: 'string' } }],
  })
  value: string | number | string[] | null;
  notApplicable: boolean;
  comment: string | null;
  /** Send it back as `version` when saving this answer. */
  version: number;
}

export class PortalQuestion {
  code: string;
  text: string;
  help: string | null;
  type: 'yes_no' | 'yes_no_partial' | 'single_choice' | 'multi_choice' | 'text' | 'number' | 'date';
  required: boolean;
  allowNotApplicable: boolean;
  evidence: 'none' | 'optional' | 'required';
  options: PortalOption[] | null;
  visible: boolean;
  showIf: PortalShowIf | null;
  answer: PortalAnswer | null;
  files: PortalFile[];
}

export class PortalSection {
  key: string;
  title: string;
  /** A word to the supplier before the section's questions (when to answer "not applicable"), or null. */
  description: string | null;
  questions: PortalQuestion[];
}

/** `GET /portal/assessment` with `Accept: application/json`: the questionnaire with the saved answers. */
export class PortalQuestionnaireView {
  assessment: PortalAssessmentRef;
  progress: PortalProgress;
  /** In page order: answers first, then evidence files. */
  missing: PortalMissing[];
  sections: PortalSection[];
}
