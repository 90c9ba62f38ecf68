import { ApiProperty } from '@nestjs/swagger';
import { ACCESS_PATH_KINDS, ACCESS_PATH_MFA, ACCESS_PATH_STATUSES, type AccessPath } from './access-path.entity.js';

/** An entry point as the API shows it (api.md, access path fields); the OpenAPI document is generated from this class. */
export class AccessPathView {
  id: string;
  supplierId: string;
  @ApiProperty({ enum: ACCESS_PATH_KINDS })
  kind: (typeof ACCESS_PATH_KINDS)[number];
  description: string;
  /** The systems it reaches. */
  systems: string[];
  /** The data assets reachable through it. */
  dataAssetIds: string[];
  @ApiProperty({ enum: ACCESS_PATH_MFA })
  mfa: (typeof ACCESS_PATH_MFA)[number];
  monitored: boolean;
  /** Devices the supplier manages on our network (`managed_device` only). */
  deviceCount: number | null;
  /** Of those, how many run unsupported software. */
  unsupportedDeviceCount: number | null;
  /** YYYY-MM-DD */
  lastReviewedOn: string | null;
  @ApiProperty({ enum: ACCESS_PATH_STATUSES })
  status: (typeof ACCESS_PATH_STATUSES)[number];
  /** The incident whose "suspend links" disabled it, if one did. */
  disabledByIncident: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The access path as the API shows it. */
export const toAccessPathView = (p: AccessPath): AccessPathView => ({
  id: p.id,
  supplierId: p.supplierId,
  kind: p.kind,
  description: p.description,
  systems: p.systems,
  dataAssetIds: p.dataAssetIds,
  mfa: p.mfa,
  monitored: p.monitored,
  deviceCount: p.deviceCount,
  unsupportedDeviceCount: p.unsupportedDeviceCount,
  lastReviewedOn: p.lastReviewedOn,
  status: p.status,
  disabledByIncident: p.disabledByIncident,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

/** What the audit trail records of a path. */
export const accessPathSnapshot = (p: AccessPath) => ({
  supplierId: p.supplierId,
  kind: p.kind,
  description: p.description,
  systems: p.systems,
  dataAssetIds: p.dataAssetIds,
  mfa: p.mfa,
  monitored: p.monitored,
  deviceCount: p.deviceCount,
  unsupportedDeviceCount: p.unsupportedDeviceCount,
  lastReviewedOn: p.lastReviewedOn,
  status: p.status,
  disabledByIncident: p.disabledByIncident,
});
