export { SuppliersModule } from './suppliers.module.js';
export { SuppliersService } from './suppliers.service.js';
export { ReactivateSupplier } from './reactivate-supplier.js';
export { SupplierCsv, CSV_MAX_ROWS } from './supplier-csv.js';
export { neutraliseFormula, restoreFormula, type ImportResult, type ImportRowResult } from './supplier-csv-rows.js';
export { RiskRecompute, type RiskInputs, type RiskFollower } from './risk.recompute.js';
export { RiskStaleness } from './risk-staleness.js';
export {
  Supplier,
  SUPPLIER_KINDS,
  SUPPLIER_STATUSES,
  type SupplierKind,
  type SupplierStatus,
} from './supplier.entity.js';
export { SupplierContact, CONTACT_ROLES, type ContactRole } from './supplier-contact.entity.js';
export {
  CreateSupplierInput,
  UpdateSupplierInput,
  SupplierListQuery,
  TierOverrideInput,
  SUPPLIER_SORTS,
} from './supplier.input.js';
export { toSupplierView, toRiskView, SupplierView } from './supplier.view.js';
export {
  BandCapView,
  PseudonymisationFactorView,
  RatingBoundsView,
  RiskExplanationView,
  SingleLossEstimateView,
} from './risk-explanation.view.js';
export { HELD_LINK_SQL, HELD_LINK_PARAMS } from './risk-inputs.query.js';
export { lossExposures, type NamedLossExposure } from './loss-exposures.query.js';
export { openAssessmentsOf, type OpenAssessment } from './offboard-assessments.js';
