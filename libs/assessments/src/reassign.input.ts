import { IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';

// In an input file of its own, so that the OpenAPI document describes the body from it (scripts/openapi-metadata.mjs).

/** `POST /api/v1/assessments/:id/reassign`, and the console's form: the same rules. */
export class ReassignInput {
  @IsUUID(undefined, { message: 'must be a contact of the supplier' }) recipientContactId: string;
  /** A new due date, needed when the current one has passed (an invitation never asks for a date gone by). */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'must be a date as YYYY-MM-DD' })
  dueDate?: string;
}
