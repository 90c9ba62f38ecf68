export { AuditModule } from './audit.module.js';
export { AuditTrail, type AuditEntry, type AuditQuery, type ChainCheck } from './audit-trail.js';
export { AuditEvent, type Changes } from './audit-event.entity.js';
export { changedFields } from './diff.js';
export { chainHash, canonicalJson, GENESIS_HASH } from './hash-chain.js';
