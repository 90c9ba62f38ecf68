export { DataSharingModule } from './data-sharing.module.js';
export { DataSharingService, checkLinkRules } from './data-sharing.service.js';
export { DataAsset, DataSharingLink } from './entities.js';
export { CreateDataAssetInput, UpdateDataAssetInput, CreateLinkInput, UpdateLinkInput, DataAssetListQuery, LinkListQuery } from './inputs.js';
export { toAssetView, toLinkView } from './views.js';
