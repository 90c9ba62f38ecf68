import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Env } from './env.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Logging. */
export class LoggingConfig {
  @Env('LOG_LEVEL')
  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  level: LogLevel = 'info';
}

/** Where local files live (the demo's database, Redis and inbox). */
export class StorageConfig {
  @Env('DATA_DIR')
  @IsString()
  @MinLength(1)
  dataDir = '.data';
}

/** The committee report's PDF. */
export class ReportsConfig {
  /** The Chromium that renders report PDFs (Debian package chromium). */
  @Env('CHROMIUM_PATH')
  @IsString()
  @MinLength(1)
  chromiumPath = '/usr/bin/chromium';
}

/** The risk model. */
export class RiskConfig {
  /** A JSON partial override of the risk model's defaults (GET /api/v1/settings/risk shows what is in force). */
  @Env('RISK_SETTINGS')
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  settings?: string;
}
