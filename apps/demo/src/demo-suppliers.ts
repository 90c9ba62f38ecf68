import type { CreateSupplierInput } from '@app/suppliers';

type SupplierSeed = Omit<CreateSupplierInput, 'contacts'> & { contact: string };

// A trust's register: about 30 suppliers and partners, two universities and a pathology partner among them.
export const SUPPLIERS: SupplierSeed[] = [
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
