import { DataSource } from 'typeorm';
import type { INestApplicationContext } from '@nestjs/common';
import { CompleteAssessment, PortalAccess, SaveAnswers, SendQuestionnaire, SubmitAssessment } from '@app/assessments';
import { DataSharingService, type CreateLinkInput } from '@app/data-sharing';
import { IncidentsService } from '@app/incidents';
import { DecisionsService } from '@app/risk';
import { addDays, Clock, requestContext } from '@app/platform';
import { SuppliersService, type CreateSupplierInput } from '@app/suppliers';
import { seedAssurance } from './assurance.js';

type SupplierSeed = Omit<CreateSupplierInput, 'contacts'> & { contact: string };

// A trust's register: about 30 suppliers and partners, two universities and a pathology partner among them.
const SUPPLIERS: SupplierSeed[] = [
  { name: 'Northgate Pathology Partnership', kind: 'supplier', companiesHouseNumber: '09876543', criticality: 'critical', status: 'active', services: 'Blood sciences, microbiology and histopathology', tags: ['pathology', 'clinical'], contact: 'Priya Shah' },
  { name: 'Riverside University', kind: 'university', ukprn: '10007799', criticality: 'low', status: 'active', services: 'Major trauma outcomes research', tags: ['research'], contact: 'Prof Ada Lee' },
  { name: 'Eastfield University', kind: 'university', ukprn: '10001234', criticality: 'low', status: 'active', services: 'Emergency medicine research', tags: ['research'], contact: 'Dr Tom Reid' },
  { name: 'Meridian Health Analytics Ltd', kind: 'research_partner', companiesHouseNumber: '11223344', criticality: 'moderate', status: 'active', services: 'Population health analytics', tags: ['analytics'], contact: 'Jo Patel' },
  { name: 'Carecloud EPR Ltd', kind: 'supplier', companiesHouseNumber: '07654321', criticality: 'critical', status: 'active', services: 'Electronic patient record (hosted)', tags: ['clinical', 'software'], contact: 'Mark Evans' },
  { name: 'Swift Payroll Services Ltd', kind: 'supplier', companiesHouseNumber: '05550123', criticality: 'high', status: 'active', services: 'Payroll bureau', tags: ['finance'], contact: 'Lena Novak' },
  { name: 'Imaging Connect Ltd', kind: 'supplier', companiesHouseNumber: '08881234', criticality: 'high', status: 'active', services: 'PACS and teleradiology', tags: ['imaging', 'clinical'], contact: 'Omar Haddad' },
  { name: 'Regional Ambulance Service NHS Trust', kind: 'nhs_body', odsCode: 'RX9', criticality: 'high', status: 'active', services: 'Patient transport handovers', tags: ['nhs'], contact: 'Claire Moss' },
  { name: 'Integrated Care Board North', kind: 'nhs_body', odsCode: 'QOQ', criticality: 'moderate', status: 'active', services: 'Commissioning and population health', tags: ['nhs'], contact: 'Ian Burke' },
  { name: 'Hope Hospice Charity', kind: 'charity', criticality: 'moderate', status: 'active', services: 'End-of-life care referrals', tags: ['community'], contact: 'Sue Grant' },
  { name: 'SecureShred Ltd', kind: 'supplier', companiesHouseNumber: '04440987', criticality: 'low', status: 'active', services: 'Confidential waste destruction', tags: ['facilities'], contact: 'Ray Cole' },
  { name: 'Pharmalink Dispensing Ltd', kind: 'supplier', companiesHouseNumber: '06012345', criticality: 'high', status: 'active', services: 'Outpatient pharmacy', tags: ['pharmacy', 'clinical'], contact: 'Nadia Khan' },
  { name: 'Telecare Monitoring Ltd', kind: 'supplier', companiesHouseNumber: '09345678', criticality: 'moderate', status: 'active', services: 'Remote patient monitoring', tags: ['clinical', 'software'], contact: 'Ben Hughes' },
  { name: 'Cleanwave Facilities Ltd', kind: 'supplier', companiesHouseNumber: '03456789', criticality: 'moderate', status: 'active', services: 'Cleaning and portering', tags: ['facilities'], contact: 'Gary Lowe' },
  { name: 'Brightdesk IT Support Ltd', kind: 'supplier', companiesHouseNumber: '10293847', criticality: 'high', status: 'active', services: 'Service desk and remote support', tags: ['it'], contact: 'Amy Ford' },
  { name: 'Cloudvault Backup Ltd', kind: 'supplier', companiesHouseNumber: '12345670', criticality: 'high', status: 'active', services: 'Off-site backup', tags: ['it'], contact: 'Dev Sharma' },
  { name: 'Mailroom Print Services Ltd', kind: 'supplier', companiesHouseNumber: '02345678', criticality: 'low', status: 'active', services: 'Patient letters printing and posting', tags: ['communications'], contact: 'Kate Bell' },
  { name: 'Dictate Transcription Ltd', kind: 'supplier', companiesHouseNumber: '08765432', criticality: 'moderate', status: 'active', services: 'Clinical letter transcription', tags: ['clinical'], contact: 'Hugo Marsh' },
  { name: 'Genomics Partners LLP', kind: 'research_partner', companiesHouseNumber: 'OC401234', criticality: 'low', status: 'active', services: 'Genomic sequencing research', tags: ['research', 'genomics'], contact: 'Dr Mei Wong' },
  { name: 'Citywide Interpreting Ltd', kind: 'supplier', companiesHouseNumber: '07123456', criticality: 'low', status: 'active', services: 'Interpreting services', tags: ['patient-services'], contact: 'Ana Silva' },
  { name: 'Parkright Ltd', kind: 'supplier', companiesHouseNumber: '06543210', criticality: 'none', status: 'active', services: 'Car park management', tags: ['facilities'], contact: 'Phil Dean' },
  { name: 'Occupational Health Direct Ltd', kind: 'supplier', companiesHouseNumber: '05432109', criticality: 'moderate', status: 'active', services: 'Staff occupational health', tags: ['workforce'], contact: 'Rita Shaw' },
  { name: 'Recruit Health Ltd', kind: 'supplier', companiesHouseNumber: '04321098', criticality: 'low', status: 'active', services: 'Staff bank and agency', tags: ['workforce'], contact: 'Sam Price' },
  { name: 'Patient Feedback Co Ltd', kind: 'supplier', companiesHouseNumber: '03210987', criticality: 'low', status: 'active', services: 'Friends and family test surveys', tags: ['patient-services'], contact: 'Zoe Hart' },
  { name: 'MedDevice Servicing Ltd', kind: 'supplier', companiesHouseNumber: '02109876', criticality: 'high', status: 'active', services: 'Medical device maintenance (remote access)', tags: ['clinical', 'devices'], contact: 'Leo Grant' },
  { name: 'Catering Partners Ltd', kind: 'supplier', companiesHouseNumber: '01098765', criticality: 'low', status: 'active', services: 'Patient and staff catering', tags: ['facilities'], contact: 'Meg Rowe' },
  { name: 'Sterile Services Ltd', kind: 'supplier', companiesHouseNumber: '09988776', criticality: 'high', status: 'active', services: 'Instrument decontamination', tags: ['clinical'], contact: 'Will Noor' },
  { name: 'Community Transport Charity', kind: 'charity', criticality: 'low', status: 'onboarding', services: 'Volunteer patient transport', tags: ['community'], contact: 'Jan Ellis' },
  { name: 'Legal Records Storage Ltd', kind: 'supplier', companiesHouseNumber: '08877665', criticality: 'moderate', status: 'active', services: 'Paper records storage', tags: ['records'], contact: 'Tess Lane' },
  { name: 'Virtual Wards Ltd', kind: 'supplier', companiesHouseNumber: '07766554', criticality: 'high', status: 'onboarding', services: 'Virtual ward platform', tags: ['clinical', 'software'], contact: 'Raj Mehta' },
];

const ASSETS = [
  { key: 'ed', name: 'Emergency department attendances extract', classification: 'special_category' as const, categories: ['nhs_number', 'demographics', 'clinical'], recordCount: 480_000, systemOfRecord: 'ED system (Symphony)' },
  { key: 'trauma', name: 'Major trauma research dataset', classification: 'special_category' as const, categories: ['nhs_number', 'clinical'], recordCount: 1_100_000, systemOfRecord: 'Trauma registry' },
  { key: 'payroll', name: 'Payroll', classification: 'personal' as const, categories: ['demographics', 'contact_details'], recordCount: 9_000, systemOfRecord: 'ESR' },
  { key: 'epr', name: 'Electronic patient record', classification: 'special_category' as const, categories: ['nhs_number', 'demographics', 'clinical', 'free_text'], recordCount: 2_400_000, systemOfRecord: 'EPR' },
  { key: 'path', name: 'Pathology requests and results', classification: 'special_category' as const, categories: ['nhs_number', 'clinical'], recordCount: 1_800_000, systemOfRecord: 'LIMS' },
  { key: 'letters', name: 'Outpatient letters', classification: 'special_category' as const, categories: ['nhs_number', 'contact_details', 'clinical'], recordCount: 350_000, systemOfRecord: 'EPR' },
  { key: 'estates', name: 'Estates and car park records', classification: 'official' as const, categories: ['other'], recordCount: 20_000, systemOfRecord: 'CAFM' },
];

// supplier, asset, records, purpose, article 9 condition, confidentiality basis, agreement, review date
const LINKS: [string, string, number, string, string | null, string, string, string][] = [
  ['Northgate Pathology Partnership', 'path', 1_800_000, 'Pathology testing for direct care', 'health_care', 'direct_care', 'contract', '2027-03-31'],
  ['Riverside University', 'trauma', 1_100_000, 'Major trauma outcomes research', 'research', 's251_support', 'DSA', '2026-12-20'],
  ['Eastfield University', 'ed', 120_000, 'Emergency medicine research cohort', 'research', 's251_support', 'DSA', '2027-06-30'],
  ['Meridian Health Analytics Ltd', 'ed', 480_000, 'Population health analytics', 'health_care', 's251_support', 'DPA', '2026-12-05'],
  ['Carecloud EPR Ltd', 'epr', 2_400_000, 'Hosting of the electronic patient record', 'health_care', 'direct_care', 'contract', '2027-09-30'],
  ['Swift Payroll Services Ltd', 'payroll', 9_000, 'Payroll processing', null, 'not_applicable', 'DPA', '2027-01-31'],
  ['Imaging Connect Ltd', 'epr', 600_000, 'Reporting of imaging studies', 'health_care', 'direct_care', 'contract', '2027-04-30'],
  ['Dictate Transcription Ltd', 'letters', 350_000, 'Typing of clinic letters', 'health_care', 'direct_care', 'DPA', '2026-12-31'],
  ['Mailroom Print Services Ltd', 'letters', 350_000, 'Printing and posting of letters', 'health_care', 'direct_care', 'DPA', '2027-02-28'],
  ['Genomics Partners LLP', 'trauma', 40_000, 'Genomic sub-study', 'research', 'consent', 'DSA', '2027-05-31'],
  ['Cloudvault Backup Ltd', 'epr', 2_400_000, 'Off-site encrypted backup', 'health_care', 'direct_care', 'contract', '2027-08-31'],
  ['Occupational Health Direct Ltd', 'payroll', 9_000, 'Staff occupational health', null, 'not_applicable', 'DPA', '2027-03-31'],
  ['Parkright Ltd', 'estates', 20_000, 'Car park permits', null, 'not_applicable', 'contract', '2027-10-31'],
  ['Telecare Monitoring Ltd', 'epr', 15_000, 'Remote monitoring of discharged patients', 'health_care', 'direct_care', 'DPA', '2027-01-15'],
];

/** Fills an empty register with the demo trust's suppliers, data assets and links (once). */
export async function seedDemo(app: INestApplicationContext): Promise<{ links: string[] } | null> {
  const suppliers = app.get(SuppliersService);
  const ledger = app.get(DataSharingService);
  if ((await suppliers.list({ page: 1, pageSize: 1 })).total > 0) return null;
  return requestContext.run({ requestId: 'demo-seed', actor: { type: 'system', id: 'demo-seed' } }, async () => {
    const ids = new Map<string, string>();
    for (const { contact, ...seed } of SUPPLIERS) {
      const domain = seed.name.toLowerCase().replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '');
      const email = `${contact.toLowerCase().replace(/[^a-z]+/g, '.')}@${domain}.example`;
      const created = await suppliers.create({
        ...seed,
        contacts: [
          { name: contact, email, role: 'primary' },
          { name: 'Information security team', email: `security@${domain}.example`, role: 'security' },
          { name: 'Managing director', email: `director@${domain}.example`, role: 'escalation' },
        ],
      });
      ids.set(seed.name, created.id);
    }
    const assets = new Map<string, string>();
    for (const { key, ...asset } of ASSETS) assets.set(key, (await ledger.createAsset(asset)).id);
    for (const [supplier, asset, records, purpose, article9, confidentiality, agreement, review] of LINKS) {
      const link: CreateLinkInput = {
        supplierId: ids.get(supplier)!,
        dataAssetId: assets.get(asset)!,
        purpose,
        direction: 'outbound',
        recordCount: records,
        pseudonymisation: purpose.includes('research') ? 'pseudonymised' : 'identifiable',
        article6Basis: agreement === 'contract' ? 'contract' : 'public_task',
        article9Condition: article9,
        confidentialityBasis: confidentiality,
        agreementType: agreement,
        agreementRef: `${agreement}-${String(ids.size).padStart(3, '0')}-${asset.toUpperCase()}`,
        transferMethod: 'sftp',
        processingLocation: 'uk',
        startDate: '2025-04-01',
        reviewDate: review,
        status: 'active',
      };
      await ledger.createLink(link);
    }
    await seedAssurance(app, ids, assets);
    return { links: await seedAssessments(app, ids) };
  });
}

/**
 * The stories the risk figures tell, from completed reviews: a pathology partner with a critical
 * service and weak backups (band D by the BAK-01 knock-out, Critical), a university holding the
 * trauma dataset that answers both its tier's questionnaire (partial MFA: capped at C) and the
 * research one (no MFA into its research environment: capped at D), so its band is the weaker, D
 * (Critical), a well-run remote-monitoring platform (A, Low), and an EPR host whose insurance puts
 * its net VaR far below its VaR.
 */
async function riskStories(app: INestApplicationContext, ids: Map<string, string>, due: string): Promise<void> {
  const assessments = app.get(SendQuestionnaire);
  const portal = app.get(PortalAccess);
  for (const [name, key, weak] of [
    ['Northgate Pathology Partnership', 'supplier-security-core', { 'BAK-01': 'no', 'BAK-02': 'no' }],
    // No key: the default set, for a university holding patient data both questionnaires.
    ['Riverside University', undefined, { 'ACC-01': 'partial', 'TRE-03': 'no' }],
    ['Telecare Monitoring Ltd', undefined, {}],
  ] as const) {
    const sent = await assessments.send({ supplierId: ids.get(name)!, questionnaireKey: key, dueDate: due }, null);
    for (const { assessment, invitationUrl } of [sent, ...sent.alsoSent]) {
      const context = await portal.resolveToken(invitationUrl.split('/portal/i/')[1]);
      const view = await portal.view(context);
      const answers = view.sections.flatMap((section) =>
        section.questions.map((q) => {
          const answer = (weak as Record<string, string>)[q.code];
          const ranked = [...(q.options ?? [])].sort((a, b) => ((b as { score?: number }).score ?? 0) - ((a as { score?: number }).score ?? 0));
          const value = ({ yes_no: answer ?? 'yes', yes_no_partial: answer ?? 'yes', single_choice: (answer ? ranked.at(-1) : ranked[0])?.value, multi_choice: [q.options?.[0]?.value], text: 'See our information security policy, section 4.', number: 1, date: '2026-06-30' } as Record<string, unknown>)[q.type];
          return { code: q.code, version: 0, value };
        }),
      );
      await app.get(SaveAnswers).saveAnswers(context, answers as never);
      await app.get(SubmitAssessment).submit(context, { name: 'Demo Respondent', jobTitle: 'Head of IT', confirmed: true });
      await app.get(CompleteAssessment).complete(assessment.id);
    }
  }
  // Incident mode: threat intelligence names a university partner; the exposure and its 72-hour
  // follow-up start at once.
  await app.get(IncidentsService).open(
    { supplierId: ids.get('Eastfield University')!, summary: 'A ransomware group lists Eastfield University on its leak site, with a sample of emergency-department research data.', detectedAt: new Date(app.get(Clock).now().getTime() - 2 * 3_600_000).toISOString(), source: 'threat_intelligence', severity: 'high' },
    'demo-seed-incident',
    null,
  );
  await app.get(DecisionsService).record(
    ids.get('Carecloud EPR Ltd')!,
    { decision: 'transfer', rationale: 'The EPR contract requires the supplier to hold cyber cover naming the Trust; certificate seen.', reviewDate: addDays(app.get(Clock).today(), 180), insurer: 'Example Mutual Insurance', policyRef: 'CYB-2027-0042', limit: 60_000_000, excess: 250_000, expiresOn: addDays(app.get(Clock).today(), 300) },
    null,
  );
}

/**
 * Questionnaires out to six suppliers: Northgate Pathology's untouched, Riverside University's
 * half answered, Parkright's submitted, Swift Payroll's untouched. Returns the links (name: url).
 */
async function seedAssessments(app: INestApplicationContext, ids: Map<string, string>): Promise<string[]> {
  const assessments = app.get(SendQuestionnaire);
  const portal = app.get(PortalAccess);
  const due = addDays(app.get(Clock).today(), 28);
  const links: string[] = [];
  const answerSections = async (url: string, sections: number | 'all') => {
    const context = await portal.resolveToken(url.split('/portal/i/')[1]);
    const view = await portal.view(context);
    const chosen = sections === 'all' ? view.sections : view.sections.slice(0, sections);
    const answers = chosen.flatMap((section) =>
      section.questions.map((q) => ({
        code: q.code,
        version: 0,
        value: ({ yes_no: 'yes', yes_no_partial: q.code.endsWith('2') ? 'partial' : 'yes', single_choice: q.options?.[1]?.value ?? q.options?.[0]?.value, multi_choice: [q.options?.[0]?.value], text: 'See our security policy, section 4.', number: 1, date: '2026-06-30' } as Record<string, unknown>)[q.type],
      })),
    );
    await app.get(SaveAnswers).saveAnswers(context, answers as never);
    return context;
  };
  // Completed reviews first (the risk stories), then the questionnaires still open.
  await riskStories(app, ids, due);
  for (const [name, key] of [
    ['Northgate Pathology Partnership', 'supplier-security-core'],
    ['Riverside University', 'research-data-partner'],
    ['Parkright Ltd', 'supplier-security-lite'],
    ['Swift Payroll Services Ltd', 'supplier-security-core'],
  ] as const) {
    const { invitationUrl } = await assessments.send({ supplierId: ids.get(name)!, questionnaireKey: key, dueDate: due }, null);
    if (name === 'Riverside University') await answerSections(invitationUrl, 3);
    if (name === 'Parkright Ltd') {
      const context = await answerSections(invitationUrl, 'all');
      await app.get(SubmitAssessment).submit(context, { name: 'Phil Dean', jobTitle: 'Operations Director', confirmed: true });
    }
    links.push(`${name}: ${invitationUrl}`);
  }
  // Two questionnaires with a history, so that the inbox shows the ladder at work: one sent a month
  // ago and due in 3 days (a reminder is owed), one due 10 days ago (escalated to the supplier's
  // escalation contact and the internal owner). Backdated in SQL: the API refuses a past due date.
  const dataSource = app.get(DataSource);
  for (const [name, dueInDays] of [['Carecloud EPR Ltd', 3], ['Imaging Connect Ltd', -10]] as const) {
    const { assessment, invitationUrl } = await assessments.send({ supplierId: ids.get(name)!, questionnaireKey: 'supplier-security-core', dueDate: due }, null);
    await dataSource.query(
      "UPDATE assessment SET due_date = (now() AT TIME ZONE 'Europe/London')::date + $2::int, created_at = now() - interval '40 days' WHERE id = $1",
      [assessment.id, dueInDays],
    );
    await dataSource.query("UPDATE assessment_invitation SET expires_at = now() + interval '30 days' WHERE assessment_id = $1", [assessment.id]);
    links.push(`${name}: ${invitationUrl}`);
  }
  return links;
}
