/** One invalid field of a 400 (`contacts[0].email`). */
export class FieldProblemView {
  path: string;
  message: string;
}

/** RFC 9457 problem details, as every error of the API is shaped (`application/problem+json`). */
export class ProblemView {
  /** A URN naming the problem, e.g. urn:assure:problem:request.invalid */
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** A stable code, e.g. ASSESSMENT.ALREADY_SUBMITTED */
  code: string;
  /** The correlation id (also in the x-request-id header). */
  requestId?: string;
  /** Each invalid field, for a 400. */
  errors?: FieldProblemView[];
}
