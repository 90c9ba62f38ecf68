import type { AccessPath } from './access-path.entity.js';

/** The access path as the API shows it (api.md, access path fields). */
export const toAccessPathView = (p: AccessPath) => ({
  id: p.id, supplierId: p.supplierId, kind: p.kind, description: p.description, systems: p.systems, dataAssetIds: p.dataAssetIds,
  mfa: p.mfa, monitored: p.monitored, deviceCount: p.deviceCount, unsupportedDeviceCount: p.unsupportedDeviceCount,
  lastReviewedOn: p.lastReviewedOn, status: p.status, disabledByIncident: p.disabledByIncident,
  createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString(),
});

export type AccessPathView = ReturnType<typeof toAccessPathView>;

/** What the audit trail records of a path. */
export const accessPathSnapshot = (p: AccessPath) => ({
  supplierId: p.supplierId, kind: p.kind, description: p.description, systems: p.systems, dataAssetIds: p.dataAssetIds, mfa: p.mfa, monitored: p.monitored,
  deviceCount: p.deviceCount, unsupportedDeviceCount: p.unsupportedDeviceCount, lastReviewedOn: p.lastReviewedOn, status: p.status, disabledByIncident: p.disabledByIncident,
});
