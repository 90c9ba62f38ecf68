import { Global, Module } from '@nestjs/common';
import { ConfigError, RiskConfig } from '@app/platform';
import { resolveRiskSettings, RiskSettingsError, type RiskSettings } from './settings.js';

/** Injection token of the risk settings in force. */
export const RISK_SETTINGS = Symbol('RISK_SETTINGS');

/** RISK_SETTINGS (JSON, a partial override) over the defaults; a bad value stops the process, naming the setting. */
export function riskSettingsFrom(risk: RiskConfig): RiskSettings {
  let parsed: unknown;
  if (risk.settings) {
    try {
      parsed = JSON.parse(risk.settings);
    } catch {
      throw new ConfigError([
        { variable: 'RISK_SETTINGS', message: 'must be JSON, e.g. {"reassessmentMonths":{"3":18}}' },
      ]);
    }
  }
  try {
    return resolveRiskSettings(parsed);
  } catch (error) {
    if (error instanceof RiskSettingsError)
      throw new ConfigError(
        error.problems.map((p) => ({
          variable: 'RISK_SETTINGS',
          message: `${p.path.replace(/^settings\.?/, '') || 'value'} ${p.message}`,
        })),
      );
    throw error;
  }
}

/** The settings object, one per process, for every use-case that computes a figure. */
@Global()
@Module({
  providers: [{ provide: RISK_SETTINGS, inject: [RiskConfig], useFactory: riskSettingsFrom }],
  exports: [RISK_SETTINGS],
})
export class RiskSettingsModule {}
