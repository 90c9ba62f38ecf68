export { SuppliersModule } from './suppliers.module.js';
export { SuppliersService } from './suppliers.service.js';
export { SupplierCsv, CSV_COLUMNS, CSV_MAX_BYTES, CSV_MAX_ROWS, neutraliseFormula, restoreFormula, type ImportResult, type ImportRowResult } from './supplier-csv.js';
export { RiskRecompute } from './risk.recompute.js';
export { RiskStaleness } from './risk-staleness.js';
export { Supplier, SUPPLIER_KINDS, SUPPLIER_STATUSES, type SupplierKind, type SupplierStatus } from './supplier.entity.js';
export { SupplierContact, CONTACT_ROLES, type ContactRole } from './supplier-contact.entity.js';
export { CreateSupplierInput, UpdateSupplierInput, SupplierListQuery, ContactInput, TierOverrideInput } from './supplier.input.js';
export { toSupplierView, toRiskView, type SupplierView } from './supplier.view.js';
