import type { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { ACCESS, ALL_ROLES, type AccessRule } from '@app/identity';

// What an integrator who has only the document needs on every operation, said once here instead of
// 75 times in the controllers: who may call it, how its list pages, what each path parameter is, and
// what code each problem carries. An operation's own words (its doc comment) come first.

type Json = Record<string, unknown>;

/** `SuppliersController` + `list` -> `suppliersList`: the operation id, and the key roles are found by. */
export const operationId = (controller: string, method: string) =>
  `${controller.replace(/Controller$/, '').replace(/^./, (c) => c.toLowerCase())}${method.replace(/^./, (c) => c.toUpperCase())}`;

/** Each operation's access rule (`@Roles`, `@Allow`, `@Public`), read from the controllers the app runs. */
export function accessRules(app: INestApplication): Map<string, AccessRule> {
  const rules = new Map<string, AccessRule>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as Type<unknown> | null;
      if (!type) continue;
      const classRule = Reflect.getMetadata(ACCESS, type) as AccessRule | undefined;
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const rule = (Reflect.getMetadata(ACCESS, handler) as AccessRule | undefined) ?? classRule;
        if (rule) rules.set(operationId(type.name, name), rule);
      }
    }
  }
  return rules;
}

/** "Who may call" in words: admin may always call a route with roles. */
export function whoMayCall(rule: AccessRule | undefined, security: Json[]): string {
  if (security.some((s) => 'invitationToken' in s || 'portalSession' in s)) {
    return '**Who may call:** the supplier, with the portal session cookie (`assure_portal`, from `POST /portal/i/{token}/start`) or the invitation token from the emailed link as `Authorization: Bearer <token>`.';
  }
  if (!rule || 'public' in rule) return '**Who may call:** anyone; no token needed.';
  const roles = ALL_ROLES.filter((r) => r === 'admin' || rule.roles.includes(r));
  const list =
    roles.length === ALL_ROLES.length
      ? `any signed-in user (${roles.map((r) => `\`${r}\``).join(', ')})`
      : roles.map((r) => `\`${r}\``).join(', ');
  const others = roles.length === ALL_ROLES.length ? '' : ' Other roles get 403 `AUTH.FORBIDDEN`.';
  return `**Who may call:** ${list}, with the bearer token from \`POST /api/v1/auth/login\`.${others}`;
}

export const PAGING_TEXT =
  '**Paging:** `page` (from 1, default 1) and `pageSize` (1 to 200, default 50); the answer is `{ items, page, pageSize, total }`, where `total` counts every match of the filters. Read on while `page * pageSize < total`.';

/** The noun behind a path segment, for `{id}`. */
const NOUNS: Record<string, string> = {
  users: 'user',
  suppliers: 'supplier',
  'data-assets': 'data asset',
  'data-sharing-links': 'data-sharing link',
  assessments: 'assessment',
  notifications: 'notification (email)',
  incidents: 'incident',
  'access-paths': 'access path',
  certifications: 'certification',
  findings: 'finding',
};

/** A path parameter's description and format, from its name and the segment before it. */
export function describePathParameter(path: string, name: string): { description: string; format?: string } {
  if (name === 'id') {
    const segment = path.split('/{id}')[0].split('/').pop() ?? '';
    const noun = NOUNS[segment] ?? segment;
    return {
      description: `The ${noun}'s \`id\` (a UUID): the \`id\` field of the ${noun} in its list or in the answer that created it.`,
      format: 'uuid',
    };
  }
  if (name === 'evidenceId')
    return {
      description: "The evidence file's `id`, from the assessment's `evidence` list (`GET /api/v1/assessments/{id}`).",
      format: 'uuid',
    };
  if (name === 'key')
    return {
      description:
        "The questionnaire's `key`, as `GET /api/v1/questionnaires` lists it (for example `supplier-security-core`).",
    };
  if (name === 'version')
    return { description: 'The version number, from 1, as the catalogue lists it under `versions`.' };
  if (name === 'token')
    return { description: 'The invitation token: the last part of the emailed link `…/portal/i/{token}`.' };
  return { description: name };
}

/**
 * Query parameters many lists share, where the input class does not say it itself. Filters name the
 * field of the listed items they match, so their allowed values are that field's enumeration.
 */
const QUERY_PARAMETERS: Record<string, string> = {
  page: 'The page to answer, from 1.',
  pageSize: 'Items per page, 1 to 200.',
  supplierId: 'Only those of this supplier (its `id`).',
  dataAssetId: 'Only those of this data asset (its `id`).',
  assessmentId: 'Only those raised by or sent for this assessment (its `id`).',
  ownerId: 'Only those owned by this internal user (their `id`).',
  actorId: 'Only what this internal user did (their `id`).',
  entityType:
    'Only changes to this kind of record: `supplier`, `data_asset`, `data_sharing_link`, `assessment`, `finding`, `incident`, `access_path`, `certification`, `questionnaire`, `notification`, `user`...',
  entityId: 'Only changes to this record (its `id`).',
  status: 'Only those in this status (the `status` field of the items).',
  kind: 'Only those of this kind (the `kind` field of the items).',
  tier: 'Only suppliers of this tier, 1 (assessed most deeply) to 4.',
  criticality: 'Only suppliers of this criticality.',
  band: 'Only suppliers whose latest band is this one (A best, E worst).',
  rating: 'Only suppliers with this rating.',
  tag: 'Only suppliers carrying this tag.',
  severity: 'Only findings of this severity.',
  mfa: 'Only paths whose multi-factor authentication is this.',
  questionnaireKey: 'Only assessments of this questionnaire (its `key`).',
  overdue: '`true`: only those past their due date and still open.',
  framework:
    "Only findings whose question maps to this framework (its key in the catalogue's `frameworks`, for example `dspt`).",
  includeSuperseded: '`true`: also findings replaced by a later completed assessment of the same questionnaire.',
  classification: 'Only data assets of this classification.',
  q: 'Only data assets whose name contains this text (any case).',
  from: 'Only events at or after this moment (ISO-8601).',
  to: 'Only events at or before this moment (ISO-8601).',
  format:
    'The media type of the answer: `json` (default) or a file (`csv`, `html`, `pdf`) where the enumeration offers it.',
  dryRun: '`true`: check every row and answer the result without storing anything.',
  asOf: "A past date (`YYYY-MM-DD`): the report as the monthly snapshot of that date recorded it, instead of today's figures (404 `REPORT.NO_SNAPSHOT` when there is none).",
};

export const describeQueryParameter = (name: string) => QUERY_PARAMETERS[name];

/** The code each problem status carries when the route has no more specific one. */
const PROBLEM_CODES: Record<number, string> = {
  400: "`REQUEST.INVALID`; each `errors[]` item is a field's `path` and a `message`.",
  401: '`AUTH.UNAUTHENTICATED`: no token, or one that expired or belongs to a disabled user. Sign in again.',
  403: '`AUTH.FORBIDDEN`: the role may not do this.',
  404: '`<ENTITY>.NOT_FOUND` (for example `SUPPLIER.NOT_FOUND`).',
  409: '`STATE.CONFLICT` or a specific code, for example `ASSESSMENT.ALREADY_SUBMITTED`, `SUPPLIER.ALREADY_OFFBOARDED`, `ANSWER.STALE`.',
  410: '`PORTAL.LINK_EXPIRED`, `PORTAL.LINK_REVOKED` or `PORTAL.LINK_CLOSED`: ask the organisation for a new link.',
  413: '`REQUEST.TOO_LARGE`.',
  415: '`REQUEST.UNSUPPORTED_MEDIA_TYPE`: send the media type the request body names.',
  422: '`RULE.VIOLATED` or a specific code (for example `ASSESSMENT.ANSWERS_MISSING`, `SUPPLIER.PRIMARY_CONTACT_REQUIRED`), with `errors[]` where a field is at fault.',
  429: '`REQUEST.RATE_LIMITED`.',
  503: '`SERVICE.CONTENTION` or `SERVICE.UNAVAILABLE`.',
};

export const problemCode = (status: number) => PROBLEM_CODES[status];

/** A realistic body for each problem status, shown beside the schema. */
export function problemExample(status: number): Json {
  const codes: Record<number, [string, string, string]> = {
    400: ['REQUEST.INVALID', 'Invalid request', '1 field is invalid'],
    401: ['AUTH.UNAUTHENTICATED', 'Not authenticated', 'Sign in to continue.'],
    403: ['AUTH.FORBIDDEN', 'Not allowed', 'Your role may not do this.'],
    404: ['SUPPLIER.NOT_FOUND', 'Not found', 'No such supplier.'],
    409: ['STATE.CONFLICT', 'Conflict', 'The record is not in a state that allows this.'],
    410: ['PORTAL.LINK_EXPIRED', 'Gone', 'This link has expired.'],
    413: ['REQUEST.TOO_LARGE', 'Request too large', 'The request body is too large.'],
    415: ['REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Send the body as application/json.'],
    422: ['RULE.VIOLATED', 'Business rule violated', 'The request breaks a business rule.'],
    429: ['REQUEST.RATE_LIMITED', 'Too many requests', 'Too many requests; try again in 30 seconds.'],
    503: ['SERVICE.CONTENTION', 'Service unavailable', 'Nothing was saved; send the same request again.'],
  };
  const [code, title, detail] = codes[status] ?? ['RULE.VIOLATED', 'Error', 'Problem details.'];
  return {
    type: `urn:assure:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    detail,
    code,
    requestId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
    ...(status === 400 ? { errors: [{ path: 'contacts[0].email', message: 'must be an email address' }] } : {}),
  };
}

const POUNDS = 'in whole pounds (GBP)';
/**
 * What a field means, by name, where its class does not say it itself: the units of figures (money in
 * whole pounds, probabilities from 0 to 1, dates and timestamps), ids, and the scales of the risk model.
 */
const FIELDS: Record<string, string> = {
  id: 'The id (a UUID).',
  supplierId: "The supplier's `id`.",
  dataAssetId: "The data asset's `id`.",
  assessmentId: "The assessment's `id`.",
  findingId: "The finding's `id`.",
  incidentId: "The incident's `id`.",
  accessPathId: "The access path's `id`.",
  recipientContactId:
    "The `id` of the supplier contact the questionnaire is sent to (one of the supplier's `contacts`).",
  ownerId: 'The `id` of the internal user who owns it (null: nobody yet).',
  createdAt: 'When it was created (ISO-8601 timestamp, UTC).',
  updatedAt: 'When it last changed (ISO-8601 timestamp, UTC).',
  offboardedAt: 'When the relationship ended (ISO-8601 timestamp, UTC); null while it lasts.',
  sentAt: 'When it was sent (ISO-8601 timestamp, UTC).',
  submittedAt: 'When the supplier submitted (ISO-8601 timestamp, UTC).',
  completedAt: 'When the review was completed (ISO-8601 timestamp, UTC).',
  occurredAt: 'When it happened (ISO-8601 timestamp, UTC).',
  detectedAt: 'When the breach was detected (ISO-8601 timestamp, UTC).',
  closedAt: 'When it was closed (ISO-8601 timestamp, UTC).',
  dueDate: 'Due date (`YYYY-MM-DD`).',
  reviewDate: 'Review date (`YYYY-MM-DD`).',
  startDate: 'Start date (`YYYY-MM-DD`).',
  endDate: 'End date (`YYYY-MM-DD`).',
  issuedOn: 'Issue date (`YYYY-MM-DD`).',
  expiresOn: 'Expiry date (`YYYY-MM-DD`).',
  verifiedOn: 'When it was verified (`YYYY-MM-DD`).',
  lastReviewedOn: 'When it was last reviewed (`YYYY-MM-DD`).',
  destructionConfirmedOn: 'When the supplier confirmed the records destroyed (`YYYY-MM-DD`).',
  email: 'Email address.',
  phone: 'Phone number.',
  tags: 'Free labels, for filtering (`?tag=`).',
  notes: 'Free text for internal users.',
  services: 'What the supplier does for us, in words.',
  companiesHouseNumber:
    'Companies House registration number: 8 digits, or 2 letters and 6 digits (for example `01234567`, `SC123456`).',
  odsCode: 'NHS Organisation Data Service code: 3 to 6 letters and digits (for example `RJ1`, `A81001`).',
  ukprn: 'UK Register of Learning Providers number: 8 digits starting with 1 (universities).',
  website: "The supplier's website (http or https URL).",
  criticality:
    'How much we depend on the service: `none` (nothing stops without it) to `critical` (patient care or a core service stops). Feeds the tier and the operational loss.',
  tier: 'How deeply and how often the supplier is assessed: 1 (full questionnaire, every 12 months) to 4 (short questionnaire, every 36 months). Computed from impact level and criticality.',
  impactLevel:
    'Impact level 1 to 5 from the single-loss estimate: below £100,000 is 1, below £1M 2, below £10M 3, below £30M 4, else 5.',
  likelihoodLevel: 'Likelihood level 1 to 5 from the band (A 1 ... E and never assessed 5).',
  probability:
    'Chance a year of a breach or outage at the supplier that affects us, from 0 to 1 (band A 0.025 ... E and never assessed 0.1).',
  band: 'Band of the latest completed assessment: A (score 90 or more), B (75), C (60), D (40), E (below 40); null: never assessed.',
  rating:
    'Rating from likelihood level x impact level: `low` (4 or less), `medium` (5 to 9), `high` (10 to 14), `critical` (15 or more).',
  singleLossEstimate: `What one breach or outage at the supplier would cost us, ${POUNDS}.`,
  valueAtRisk: `Expected annual loss (probability x single-loss estimate), ${POUNDS} a year.`,
  netValueAtRisk: `Expected annual loss after a current insurance (transfer) decision, ${POUNDS} a year.`,
  riskReduction: `Net value at risk removed by fixing it, ${POUNDS} a year.`,
  remediationCost: `What fixing it costs, ${POUNDS} (optional).`,
  reductionPerPound: 'Pounds of annual net value at risk removed per pound spent on the fix.',
  limit: `The insurance policy's limit, ${POUNDS}.`,
  excess: `The insurance policy's excess, ${POUNDS}.`,
  operationalLoss: `The loss if the service stops, from its criticality, ${POUNDS}.`,
  dataLoss: `The loss if the data the supplier holds is breached, ${POUNDS}.`,
  loss: `An annual loss, ${POUNDS}.`,
  mean: `Mean annual loss, ${POUNDS}.`,
  p50: `Median annual loss (half of years cost less), ${POUNDS}.`,
  p90: `Annual loss exceeded one year in ten, ${POUNDS}.`,
  p95: `Annual loss exceeded one year in twenty, ${POUNDS}.`,
  p99: `Annual loss exceeded one year in a hundred, ${POUNDS}.`,
  share: 'Share of the tail, from 0 to 1.',
  recordCount: 'Number of records (people whose data it is).',
  records: 'Number of records (people whose data it is).',
  assessmentExpired:
    "Whether the latest completed assessment is older than the tier's reassessment interval (its band then counts one band worse).",
  version: 'Version number, from 1.',
  questionnaireKey: "The questionnaire's `key`.",
  questionnaireVersion: "The questionnaire's version.",
  purpose: 'What it is for, in words.',
  role: 'The role.',
  active: 'Whether the user may sign in (false: disabled, the token stops working at once).',
  password: 'At least 12 characters.',
  attempts: 'How many times sending was tried.',
  rationale: 'Why, in words (kept in the audit trail).',
  insurer: 'The insurer (for `transfer`).',
  policyRef: "The insurance policy's reference (for `transfer`).",
  supplierName: "The supplier's name.",
  questionCode: 'The code of the question (for example `ACC-01`).',
  classification:
    '`public`; `official` (business data); `personal` (about people); `special_category` (health, genetic and other UK GDPR Article 9 data). Sets the loss per record.',
  categories: 'What the records contain.',
  severity: 'How serious, from `low` to `critical`.',
  decision:
    '`accept` the risk (until the review date), `mitigate` it (findings to fix), `transfer` it (insurance) or `avoid` it (end or change the service).',
  direction: '`outbound`: we send the data to the supplier; `inbound`: the supplier sends it to us; `both`.',
  pseudonymisation:
    'How identifiable the records are: `identifiable`, `pseudonymised` or `anonymised` (the data loss counts them in full, at half and not at all by default).',
  article6Basis: 'UK GDPR Article 6 lawful basis.',
  article9Condition: 'UK GDPR Article 9 condition, for special-category data.',
  confidentialityBasis: 'Common-law duty of confidentiality basis (`s251_support`: section 251 approval).',
  agreementType:
    'The agreement the sharing is under: data sharing agreement (`DSA`), data processing agreement (`DPA`) or a `contract`.',
  agreementRef: "The agreement's reference.",
  transferMethod: 'How the data moves.',
  processingLocation:
    'Where the supplier processes the data: `uk`, `eea`, `adequacy` (a country with a UK adequacy decision) or `other`.',
  processingCountry: 'The country, where `processingLocation` is `adequacy` or `other`.',
  systemOfRecord: 'The system that holds it.',
  mfa: 'Multi-factor authentication on this way in: `enforced`, `partial`, `none`, or `not_applicable`.',
  monitored: 'Whether its use is logged and watched.',
  deviceCount: 'Devices reached through it (for `managed_device`).',
  unsupportedDeviceCount: 'Of those, devices on software past its support (for `managed_device`).',
  systems: 'Our systems it reaches, by name.',
  dataAssetIds: 'The data assets it reaches (their `id`).',
  invitationUrl:
    'The link for the supplier; given only in this answer (it is stored as a hash), and already emailed to the recipient.',
  cancelledAt: 'When it was cancelled (ISO-8601 timestamp, UTC).',
  at: 'When (ISO-8601 timestamp, UTC).',
  mediaType: 'The media type, as checked from the content.',
  size: 'Size in bytes.',
  sha256: 'SHA-256 of the content, hex.',
  fileName: 'A safe file name made by the server.',
  notApplicable: 'Answered "not applicable" (the question then leaves the score).',
  jobTitle: "The signer's job title.",
  reference: 'The reference on the certificate.',
  scope: 'What the certificate covers, in words.',
  returnedQuestions: 'The codes of the questions the supplier was asked to clarify.',
  returnMessage: 'What the supplier was asked to clarify.',
  openFindings: 'Findings not yet resolved or accepted.',
  dryRun: 'True when nothing was stored (`?dryRun=true`).',
  rows: 'Data rows read.',
  created: 'Rows that created a record.',
  updated: 'Rows that changed a record.',
  unchanged: 'Rows identical to what is stored.',
  invalid: 'Rows refused; each says why in `results`.',
};

export const describeField = (name: string) => FIELDS[name];

/**
 * What the values of a lifecycle mean, for a field the class leaves undescribed (a `status` is the
 * supplier's, the assessment's... by its set of values, wherever it appears).
 */
const ENUM_MEANINGS: [readonly string[], string][] = [
  [
    ['onboarding', 'active', 'offboarded'],
    '`onboarding`: being set up; `active`: in service; `offboarded`: the relationship ended (nothing is deleted).',
  ],
  [
    ['sent', 'in_progress', 'submitted', 'returned', 'completed', 'cancelled', 'expired'],
    '`sent`: the link is emailed, no answer yet; `in_progress`: the supplier has saved answers; `submitted`: awaiting review; `returned`: the supplier is asked to clarify named questions; `completed`: reviewed, the score is final; `cancelled`: withdrawn, the link stopped working; `expired`: the link expired before submission.',
  ],
  [
    ['open', 'remediation_planned', 'resolved', 'accepted'],
    '`open`: to fix; `remediation_planned`: a plan and due date agreed; `resolved`: fixed; `accepted`: governance accepted the risk until a date (then it reopens).',
  ],
  [
    ['proposed', 'active', 'suspended', 'ended'],
    '`proposed`: not flowing yet; `active`: data flows; `suspended`: paused (for example during an incident); `ended`: stopped (records count as held until destruction is confirmed).',
  ],
  [
    ['pending', 'queued', 'sent', 'failed', 'dead', 'skipped'],
    '`pending`: owed, not yet queued; `queued`: waiting for the mail worker; `sent`: accepted by the mail server; `failed`: an attempt failed, it will be tried again; `dead`: attempts exhausted (`POST /api/v1/notifications/{id}/retry`); `skipped`: not sent, see `skipReason`.',
  ],
  [['open', 'closed'], '`open`: being handled; `closed`: closed with a note.'],
  [
    ['active', 'disabled', 'removed'],
    '`active`: in use; `disabled`: switched off, may return; `removed`: gone for good (final).',
  ],
];

export function describeEnum(values: unknown[]): string | undefined {
  return ENUM_MEANINGS.find(([known]) => known.length === values.length && known.every((v) => values.includes(v)))?.[1];
}
