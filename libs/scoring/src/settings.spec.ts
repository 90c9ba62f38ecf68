import { ConfigError, loadConfig } from '@app/platform';
import { riskSettingsFrom } from './risk-settings.module.js';
import { DEFAULT_RISK_SETTINGS, resolveRiskSettings, RiskSettingsError } from './settings.js';

const env = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1/a',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'x'.repeat(32),
  LINK_SEALING_SECRET: 'y'.repeat(32),
};

describe('risk settings overridden by the deployment', () => {
  it('merges a partial override over the defaults', () => {
    const s = resolveRiskSettings({ reassessmentMonths: { 3: 18 }, likelihood: { never: { probability: 0.2 } } });
    expect(s.reassessmentMonths).toEqual({ 1: 12, 2: 12, 3: 18, 4: 36 });
    expect(s.likelihood.never).toEqual({ probability: 0.2, level: 5 });
    expect(s.recordRates).toEqual(DEFAULT_RISK_SETTINGS.recordRates);
    expect(resolveRiskSettings(undefined)).toEqual(DEFAULT_RISK_SETTINGS);
  });

  it('names every wrong setting, and keeps the model coherent', () => {
    const problems = (() => {
      try {
        resolveRiskSettings({
          likelihood: { A: { probability: 2 } },
          bandThresholds: { B: 95 },
          recordRate: {},
          impactThresholds: [1, 2],
        });
      } catch (error) {
        return (error as RiskSettingsError).problems.map((p) => p.path);
      }
      return [];
    })();
    expect(problems.sort()).toEqual([
      'settings.bandThresholds',
      'settings.impactThresholds',
      'settings.likelihood.A.probability',
      'settings.recordRate',
    ]);
  });

  it('reads RISK_SETTINGS, and a bad one stops the process naming the variable', () => {
    expect(
      riskSettingsFrom(loadConfig({ ...env, RISK_SETTINGS: '{"operationalLoss":{"critical":40000000}}' }).risk)
        .operationalLoss.critical,
    ).toBe(40_000_000);
    expect(() => riskSettingsFrom(loadConfig({ ...env, RISK_SETTINGS: '{not json' }).risk)).toThrow(ConfigError);
    expect(() => riskSettingsFrom(loadConfig({ ...env, RISK_SETTINGS: '{"ratingBounds":{"low":20}}' }).risk)).toThrow(
      /RISK_SETTINGS ratingBounds must rise from low to high/,
    );
  });
});
