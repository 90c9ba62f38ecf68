// Response shapes of the portal's JSON routes as classes, for the OpenAPI document.

export class SavedAnswerView {
  code: string;
  /** The answer's new version: send it back as `version` with the next save. */
  version: number;
}

/** The saved answers and their new versions. */
export class SaveAnswersView {
  answers: SavedAnswerView[];
}

/** The submitted assessment. */
export class SubmittedView {
  id: string;
  status: string;
  submittedAt?: string;
  /** The receipt reference a supplier can quote (SA-XXXX-XXXX). */
  reference: string;
}

/** The stored evidence file. */
export class AttachedEvidenceView {
  id: string;
  question: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
}
