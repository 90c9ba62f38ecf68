export { AccessPathsModule } from './access-paths.module.js';
export { AccessPathsService, ACCESS_PATH_SORTS } from './access-paths.service.js';
export { AccessPathCsv, type AccessPathImportResult } from './access-path-csv.js';
export {
  AccessPath,
  ACCESS_PATH_KINDS,
  ACCESS_PATH_MFA,
  ACCESS_PATH_STATUSES,
  type AccessPathKind,
  type AccessPathMfa,
  type AccessPathStatus,
} from './access-path.entity.js';
export { CreateAccessPathInput, UpdateAccessPathInput, AccessPathListQuery } from './access-path.input.js';
export { toAccessPathView, AccessPathView } from './access-path.view.js';
export { accessPathsExposure, disableAccessPathsForIncident, type ExposedAccessPath } from './incident.query.js';
export { entryPointsForPack, type EntryPointsPack, type SupplierEntryPoints } from './pack.query.js';
export { OffboardSupplier, waysInDisabledByOffboarding, type DisabledWayIn } from './offboard-supplier.js';
export { unreviewedAccessPaths } from './notices.query.js';
