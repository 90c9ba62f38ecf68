import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '@app/platform';
import { INCIDENT_SEVERITIES, INCIDENT_SOURCES, type OpenIncident } from './incident.js';

/** `POST /api/v1/incidents`: the supplier, what happened, when it was detected, where the news came from and how severe. */
export class OpenIncidentBody implements OpenIncident {
  @IsUUID() supplierId: string;
  @IsString() @MinLength(5) @MaxLength(5000) summary: string;
  @IsISO8601({ strict: true }, { message: 'must be a date and time, e.g. 2026-11-29T08:30:00Z' }) detectedAt: string;
  @IsIn(INCIDENT_SOURCES) source: OpenIncident['source'];
  @IsIn(INCIDENT_SEVERITIES) severity: OpenIncident['severity'];
}

/** `GET /api/v1/incidents`: a page, for one supplier or in one status. */
export class IncidentListParams extends PageQuery {
  @IsOptional() @IsUUID() supplierId?: string;
  @IsOptional() @IsIn(['open', 'closed']) status?: string;
}

/** `POST /api/v1/incidents/:id/close`: what was concluded. */
export class CloseBody {
  @IsString() @MinLength(5) @MaxLength(5000) note: string;
}

/** `GET /api/v1/incidents/:id/exposure`: JSON, or the exposure as CSV or PDF. */
export class ExposureExportQuery {
  @IsOptional() @IsIn(['csv', 'pdf']) format?: 'csv' | 'pdf';
}
