import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';

export class ReportQuery {
  @IsOptional() @IsIn(['json', 'csv', 'html', 'pdf']) format?: 'json' | 'csv' | 'html' | 'pdf';
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'must be a date as YYYY-MM-DD' })
  asOf?: string;
}
