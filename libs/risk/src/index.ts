export { RiskModule } from './risk.module.js';
export { Finding, SEVERITIES, FINDING_STATUSES, type Severity, type FindingStatus } from './finding.entity.js';
export { RiskDecision, DECISIONS, type DecisionType } from './risk-decision.entity.js';
export {
  FindingsService,
  FINDING_SORTS,
  type FindingQuery,
  type FindingUpdate,
  type RaisedFinding,
} from './findings.service.js';
export { DecisionsService, decisionState, type DecisionInput, type DecisionState } from './decisions.service.js';
export { DailyRiskRun } from './daily-risk-run.js';
export { LossDistributionService, type LossDistributionView } from './loss-distribution.service.js';
export { DecisionBody } from './decision.input.js';
export { expiringDecisions } from './notices.query.js';
