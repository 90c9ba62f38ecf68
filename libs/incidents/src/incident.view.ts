import { ApiProperty } from '@nestjs/swagger';
import { ACCESS_PATH_KINDS } from '@app/access-paths';

// Incident responses as classes, for the OpenAPI document; the service's views are typed with them
// (an `Exposure` computed by exposure.ts must fit ExposureView, or the type check fails).

export class ExposedSupplierView {
  id: string;
  name: string;
  kind: string;
  criticality: string;
}

export class ExposedOwnerView {
  name: string;
  email: string;
}

/** A link through which the supplier holds our records, with its legal basis and agreement. */
export class ExposedLinkView {
  linkId: string;
  @ApiProperty({ enum: ['proposed', 'active', 'suspended', 'ended'] })
  status: string;
  assetId: string;
  asset: string;
  @ApiProperty({ enum: ['public', 'official', 'personal', 'special_category'] })
  classification: string;
  categories: string[];
  records: number;
  pseudonymisation: string;
  article6Basis: string | null;
  article9Condition: string | null;
  agreementType: string | null;
  agreementRef: string | null;
  /** YYYY-MM-DD */
  reviewDate: string | null;
  /** YYYY-MM-DD */
  endDate: string | null;
  /** YYYY-MM-DD */
  destructionConfirmedOn: string | null;
  processingLocation: string;
  processingCountry: string | null;
  /** The data asset's owner here. */
  owner: ExposedOwnerView | null;
}

export class ExposedAssetView {
  id: string;
  name: string;
  classification: string;
  recordCount: number;
}

/** A way the supplier reaches into our systems (active, or disabled by an incident), and the data reachable through it. */
export class ExposedAccessPathView {
  accessPathId: string;
  kind: string;
  description: string;
  status: string;
  mfa: string;
  monitored: boolean;
  systems: string[];
  dataAssets: ExposedAssetView[];
}

/** Records held: per asset the largest link counts, the same records shared twice are not counted twice. */
export class ExposedRecordsView {
  total: number;
  /** Classification -> records. */
  byClassification: Record<string, number>;
  /** Category (nhs_number, clinical, ...) -> records. */
  byCategory: Record<string, number>;
}

export class ExposedContactView {
  name: string;
  email: string;
  phone: string | null;
  role: string;
}

export class ExposedInternalOwnerView {
  name: string;
  email: string;
  /** What they own: "supplier", or "data asset <name>". */
  of: string;
}

/** The supplier's risk figures when the exposure was computed (whole pounds). */
export class ExposedRiskView {
  tier: number;
  band: string | null;
  probability: number;
  singleLossEstimate: number;
  valueAtRisk: number;
  netValueAtRisk: number;
  rating: string;
  assessmentExpired: boolean;
}

export class ExposedFindingView {
  id: string;
  questionCode: string;
  severity: string;
  questionText: string;
}

export class ExposedFindingsView {
  total: number;
  /** Severity -> open findings. */
  bySeverity: Record<string, number>;
  items: ExposedFindingView[];
}

/** What a breached supplier holds of ours, whom to call, and its figures. */
export class ExposureView {
  computedAt: string;
  supplier: ExposedSupplierView;
  links: ExposedLinkView[];
  accessPaths: ExposedAccessPathView[];
  records: ExposedRecordsView;
  contacts: ExposedContactView[];
  internalOwners: ExposedInternalOwnerView[];
  risk: ExposedRiskView;
  openFindings: ExposedFindingsView;
}

export class IncidentFollowUp {
  assessmentId: string;
  status: string | null;
  /** YYYY-MM-DD */
  dueDate: string | null;
}

/** A supplier breach: what it is and what of ours they held when it was opened. */
export class IncidentView {
  id: string;
  supplierId: string;
  supplierName: string;
  summary: string;
  detectedAt: string;
  @ApiProperty({ enum: ['supplier_notice', 'press', 'threat_intelligence', 'other'] })
  source: string;
  @ApiProperty({ enum: ['low', 'medium', 'high', 'critical'] })
  severity: string;
  @ApiProperty({ enum: ['open', 'closed'] })
  status: string;
  /** The 72-hour follow-up questionnaire. */
  followUp: IncidentFollowUp | null;
  /** Every data asset the supplier held when the incident was opened, with records, agreements, contacts, owners, figures and open findings. */
  exposure: ExposureView;
  createdAt: string;
  closedAt: string | null;
}

/** The kinds of event an incident's timeline holds, in the order they usually happen. */
export const INCIDENT_EVENT_KINDS = [
  'detected',
  'exposure_produced',
  'follow_up_sent',
  'supplier_notified',
  'supplier_answered',
  'links_suspended',
  'access_path_disabled',
  'closed',
] as const;

/** What an event of the timeline records: the fields of its kind (each kind names the ones it carries). */
export class IncidentEventDetail {
  /** `detected`: where the news came from, and how bad (the incident's own `source` and `severity`). */
  @ApiProperty({ enum: ['supplier_notice', 'press', 'threat_intelligence', 'other'], required: false })
  source?: string;
  @ApiProperty({ enum: ['low', 'medium', 'high', 'critical'], required: false })
  severity?: string;
  /** `exposure_produced`: links and records exposed. */
  links?: number;
  records?: number;
  /** `follow_up_sent` and `supplier_answered`: the follow-up questionnaire. */
  assessmentId?: string;
  /** `follow_up_sent`: when the first report and the full follow-up are due, and whether an open follow-up was reused. */
  firstReportDueBy?: string;
  dueBy?: string;
  reused?: boolean;
  /** `supplier_notified`: the addresses the invitation went to. */
  to?: string[];
  /** `links_suspended`: how many, and which. */
  count?: number;
  linkIds?: string[];
  /** `access_path_disabled`: the way in disabled, its kind and its description. */
  accessPathId?: string;
  @ApiProperty({ enum: ACCESS_PATH_KINDS, required: false })
  kind?: string;
  description?: string;
  /** `closed`: the closing note. */
  note?: string;
}

export class IncidentEvent {
  at: string;
  /**
   * `detected` (when the breach was detected, from the incident), `exposure_produced` (the exposure computed
   * at opening), `follow_up_sent` (the 72-hour questionnaire sent or reused), `supplier_notified` (the
   * invitation email delivered), `supplier_answered` (the questionnaire submitted), `links_suspended`,
   * `access_path_disabled` (one event per path), `closed`. `detail` carries the fields of the kind.
   */
  @ApiProperty({ enum: INCIDENT_EVENT_KINDS })
  kind: string;
  detail: IncidentEventDetail;
  actorId: string | null;
}

/** The incident with its exposure now and its timeline. */
export class IncidentDetailView extends IncidentView {
  /** The exposure as it is now. */
  exposureNow: ExposureView;
  timeline: IncidentEvent[];
}

/** What suspending the supplier's links did. */
export class SuspendedLinksView {
  suspended: number;
  linkIds: string[];
  /** The supplier's ways into our systems (access paths) disabled with them. */
  accessPathsDisabled: number;
  accessPathIds: string[];
}
