export { AuditModule } from './audit.module.js';
export { AuditTrail, AUDIT_SORTS, type AuditEntry, type AuditQuery, type ChainCheck } from './audit-trail.js';
export { AuditEvent, CHANGES_SCHEMA, type Changes } from './audit-event.entity.js';
export { canonicalJson } from './hash-chain.js';
