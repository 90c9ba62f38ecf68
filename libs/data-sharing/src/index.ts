export { DataSharingModule } from './data-sharing.module.js';
export { DataSharingService, ASSET_SORTS, LINK_SORTS } from './data-sharing.service.js';
export { DataAsset } from './data-asset.entity.js';
export {
  DataSharingLink,
  DATA_CATEGORIES,
  DIRECTIONS,
  PSEUDONYMISATION,
  ARTICLE6_BASES,
  ARTICLE9_CONDITIONS,
  CONFIDENTIALITY_BASES,
  AGREEMENT_TYPES,
  TRANSFER_METHODS,
  PROCESSING_LOCATIONS,
  LINK_STATUSES,
} from './data-sharing-link.entity.js';
export {
  CreateDataAssetInput,
  UpdateDataAssetInput,
  CreateLinkInput,
  UpdateLinkInput,
  DataAssetListQuery,
  LinkListQuery,
} from './data-sharing.input.js';
export {
  toAssetView,
  toLinkView,
  DataAssetView,
  DataSharingLinkView,
  RecordsSharedRow,
  UnassessedHolderRow,
} from './views.js';
export { linkDatesBetween } from './notices.query.js';
