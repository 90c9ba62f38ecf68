import type { INestApplicationContext } from '@nestjs/common';
import { DataSharingService, type CreateLinkInput } from '@app/data-sharing';
import { requestContext } from '@app/platform';
import { SuppliersService } from '@app/suppliers';
import { seedAssurance } from './assurance.js';
import { ASSETS, LINKS } from './demo-data-sharing.js';
import { SUPPLIERS } from './demo-suppliers.js';
import { seedAssessments } from './seed-assessments.js';

/** Fills an empty register with the demo trust's suppliers, data assets and links (once). */
export async function seedDemo(app: INestApplicationContext): Promise<{ links: string[] } | null> {
  const suppliers = app.get(SuppliersService);
  const ledger = app.get(DataSharingService);
  if ((await suppliers.list({ page: 1, pageSize: 1 })).total > 0) return null;
  return requestContext.run({ requestId: 'demo-seed', actor: { type: 'system', id: 'demo-seed' } }, async () => {
    const ids = new Map<string, string>();
    for (const { contact, ...seed } of SUPPLIERS) {
      const domain = seed.name
        .toLowerCase()
        .replace(/[^a-z]+/g, '-')
        .replace(/^-|-$/g, '');
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
