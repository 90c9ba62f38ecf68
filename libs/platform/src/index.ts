export { loadConfig, loadDatabaseUrl, type AppConfig } from './config/app-config.js';
export { ConfigError, type Environment } from './config/env.js';
export { HttpConfig } from './config/http.config.js';
export { DatabaseConfig } from './config/database.config.js';
export { QueueConfig } from './config/queue.config.js';
export { MailConfig } from './config/mail.config.js';
export { OrganisationConfig } from './config/organisation.config.js';
export { AuthConfig } from './config/auth.config.js';
export { SchedulerConfig } from './config/scheduler.config.js';
export { ReportsConfig, RiskConfig, type LogLevel } from './config/runtime.config.js';
export { ConfigModule } from './config/config.module.js';
export { Clock, ClockModule } from './clock/clock.js';
export { addDays, addDaysTo, daysBetween, DAY_MS, londonDate } from './clock/dates.js';
export {
  DomainError,
  NotFoundError,
  ConflictError,
  RuleViolationError,
  InvalidInputError,
  type FieldProblem,
} from './errors/domain-error.js';
export { flattenValidationErrors, validatedInput, validationExceptionFactory } from './errors/validation.js';
export { isTransientDatabaseError, sqlState } from './errors/transient.js';
export { toProblem, type ProblemDetails } from './errors/problem-details.js';
export { ProblemDetailsFilter, sendProblem } from './errors/problem.filter.js';
export { createPino, PinoNestLogger, requestIdFrom, REQUEST_ID_HEADER } from './logging/logger.js';
export { requestContext, type RequestContext, type Actor } from './logging/request-context.js';
export { RedisModule, REDIS } from './redis/redis.module.js';
export {
  RateLimitGuard,
  RateLimitModule,
  RateLimit,
  SkipRateLimit,
  TooManyRequestsError,
  type RateLimitRule,
} from './http/rate-limit.js';
export { HealthService, type Readiness, type CheckResult } from './health/health.service.js';
export { closeOnSignal } from './shutdown.js';
export { IntParamPipe, PageQuery, pageOf, pageParam, sortOrder, NotNullIfPresent, type Page } from './http/paging.js';
export { SecretBox } from './crypto/sealed.js';
export { templatesDir } from './templates.js';
export { dateAsString, numericAsNumber } from './columns.js';
export { TemplateSet } from './template-set.js';
export { moneyText } from './money.js';
export { findTextProblems, MAX_INT } from './http/input-guard.js';
export {
  clientErrorAsProblem,
  depthCheckedJsonParser,
  frameworkErrorsAsProblems,
  registerEdgeGuards,
} from './http/edge.js';
export { isMailboxAddress, IsMailboxAddress } from './mailbox.js';
export { databaseSnapshot, SnapshotMemo } from './snapshot-memo.js';
