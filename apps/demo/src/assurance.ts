import { DataSource } from 'typeorm';
import type { INestApplicationContext } from '@nestjs/common';
import { AccessPathsService } from '@app/access-paths';
import { CertificationsService } from '@app/certifications';
import { addDays, Clock } from '@app/platform';

/**
 * The demo's entry points and certificates, each telling a true story (docs/entry-points-and-certifications.md):
 * the pathology partner's analyser vendor reaches the laboratory network through a remote-support
 * tool with no MFA and nobody watching (its band used for p drops from D to E, named in the
 * explanation); the EPR host's support VPN has MFA enforced and is monitored; the device servicer
 * manages 240 pumps and monitors on the clinical network, 31 of them on unsupported software; the
 * service desk's admin accounts have MFA on some only. Certificates: the EPR host's Cyber Essentials
 * Plus, checked and verified with its file; the imaging supplier's Cyber Essentials running out in
 * 20 days; the analytics partner receives emergency-department records with a DSPT only
 * "approaching standards" (a gap the dashboard and the pack show); the pathology partner's DSPT at
 * "standards met", verified.
 */
/** The certificates the demo's admin has checked: a file attached, then verified. */
const VERIFIED = ['CEP-2026-0412', '8HQ77'] as const;

export async function seedAssurance(
  app: INestApplicationContext,
  ids: Map<string, string>,
  assets: Map<string, string>,
): Promise<{ paths: number; certificates: number }> {
  const paths = app.get(AccessPathsService);
  const certificates = app.get(CertificationsService);
  const today = app.get(Clock).today();
  const supplier = (name: string) => ids.get(name)!;

  const ways = [
    {
      name: 'Northgate Pathology Partnership',
      kind: 'remote_support',
      description: 'Analyser vendor’s remote-support tool into the laboratory network',
      systems: ['LIMS', 'Blood sciences analysers'],
      assets: ['path'],
      mfa: 'none',
      monitored: false,
      lastReviewedOn: addDays(today, -400),
    },
    {
      name: 'Carecloud EPR Ltd',
      kind: 'vpn',
      description: 'Support VPN into the EPR hosting zone',
      systems: ['EPR'],
      assets: ['epr'],
      mfa: 'enforced',
      monitored: true,
      lastReviewedOn: addDays(today, -60),
    },
    {
      name: 'MedDevice Servicing Ltd',
      kind: 'managed_device',
      description: 'Infusion pumps and patient monitors maintained under contract',
      systems: ['Clinical device network'],
      assets: [],
      mfa: 'not_applicable',
      monitored: true,
      deviceCount: 240,
      unsupportedDeviceCount: 31,
      lastReviewedOn: addDays(today, -90),
    },
    {
      name: 'Brightdesk IT Support Ltd',
      kind: 'privileged_account',
      description: 'Service-desk administrator accounts on the Trust’s directory',
      systems: ['Active Directory'],
      assets: [],
      mfa: 'partial',
      monitored: true,
      lastReviewedOn: addDays(today, -200),
    },
  ] as const;
  for (const { name, assets: reach, ...way } of ways) {
    await paths.create(supplier(name), {
      ...way,
      systems: [...way.systems],
      dataAssetIds: reach.map((key) => assets.get(key)!),
    } as never);
  }

  const records = [
    {
      name: 'Carecloud EPR Ltd',
      kind: 'cyber_essentials_plus',
      reference: VERIFIED[0],
      scope: 'Whole organisation, including the EPR hosting platform',
      issuedOn: addDays(today, -120),
      expiresOn: addDays(today, 245),
    },
    {
      name: 'Imaging Connect Ltd',
      kind: 'cyber_essentials',
      reference: 'CE-2025-8831',
      scope: 'Whole organisation',
      issuedOn: addDays(today, -345),
      expiresOn: addDays(today, 20),
    },
    {
      name: 'Meridian Health Analytics Ltd',
      kind: 'dspt',
      status: 'approaching_standards',
      reference: '8JK12',
      issuedOn: addDays(today, -200),
      expiresOn: addDays(today, 165),
    },
    {
      name: 'Northgate Pathology Partnership',
      kind: 'dspt',
      status: 'standards_met',
      reference: VERIFIED[1],
      issuedOn: addDays(today, -150),
      expiresOn: addDays(today, 215),
    },
  ] as const;
  for (const { name, ...record } of records)
    await certificates.create(supplier(name), record as never, { id: null, role: 'procurement' });
  return { paths: ways.length, certificates: records.length };
}

/**
 * Once the first admin exists (it is created when the API starts, after the seed), the certificates
 * it checked get their evidence file and are verified by it, as a user would in the console.
 */
export async function verifySeededCertificates(app: INestApplicationContext): Promise<void> {
  const certificates = app.get(CertificationsService);
  const dataSource = app.get(DataSource);
  const [checker] = await dataSource.query<{ id: string }[]>(
    "SELECT id FROM app_user WHERE role = 'admin' AND active ORDER BY created_at LIMIT 1",
  );
  if (!checker) return;
  const today = app.get(Clock).today();
  const pending = await dataSource.query<{ id: string; kind: string; reference: string; name: string }[]>(
    'SELECT c.id, c.kind, c.reference, s.name FROM certification c JOIN supplier s ON s.id = c.supplier_id WHERE c.reference = ANY($1) AND c.verified_by IS NULL',
    [[...VERIFIED]],
  );
  for (const c of pending) {
    await certificates.attachEvidence(
      c.id,
      `${c.reference}.txt`,
      Buffer.from(
        `${c.kind} ${c.reference} for ${c.name}: checked against the issuer's public register on ${today}.\n`,
        'utf8',
      ),
    );
    await certificates.update(c.id, { verified: true } as never, { id: checker.id, role: 'admin' });
  }
}
