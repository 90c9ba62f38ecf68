import { CERT_STATUS, question as q } from '../build.js';

/** The research data partner questionnaire, sections 1-3: approvals and legal basis, the trusted research environment, pseudonymisation and minimisation. */
export const APPROVALS_AND_ENVIRONMENT = [
  {
    key: 'approvals',
    title: 'Approvals and legal basis',
    questions: [
      q({
        code: 'RAP-01',
        text: 'Does every study that uses our data have current research ethics and HRA approval (or a documented exemption)?',
        weight: 4,
        critical: true,
        evidence: 'optional',
        maps: [
          ['NDG', 'NDG-1'],
          ['ISO27001-2022', '5.31'],
        ],
        fix: 'Hold current ethics and HRA approval for every study using our data.',
      }),
      q({
        code: 'RAP-02',
        text: 'Where identifiable data is used without consent, do you hold current section 251 support (Confidentiality Advisory Group) for it?',
        weight: 5,
        critical: true,
        na: true,
        maps: [
          ['NDG', 'NDG-1'],
          ['ISO27001-2022', '5.34'],
        ],
        fix: 'Obtain section 251 support or stop using identifiable data without consent.',
      }),
      q({
        code: 'RAP-03',
        text: 'Is a data protection impact assessment (DPIA) in place for each study that uses our data?',
        weight: 3,
        maps: [
          ['NDG', 'NDG-1'],
          ['ISO27001-2022', '5.34'],
          ['DTAC', 'C2'],
        ],
        fix: 'Complete a DPIA for each study before data flows.',
      }),
      q({
        code: 'RAP-04',
        text: 'Is there a named data custodian for our data in your organisation?',
        weight: 2,
        maps: [
          ['NCSC-CAF', 'A1.b'],
          ['ISO27001-2022', '5.2'],
        ],
        fix: 'Name a data custodian for each dataset we share.',
      }),
      q({
        code: 'RAP-05',
        text: 'Is the data sharing agreement that covers each study current (not past its end or review date)?',
        weight: 4,
        critical: true,
        evidence: 'optional',
        maps: [
          ['NDG', 'NDG-10'],
          ['ISO27001-2022', '5.14'],
          ['NIST-CSF-2.0', 'GV.SC-05'],
        ],
        fix: 'Renew the data sharing agreement before using our data further.',
      }),
      q({
        code: 'RAP-06',
        text: 'What is your organisation’s latest Data Security and Protection Toolkit (DSPT) status?',
        type: 'single_choice',
        weight: 3,
        critical: true,
        options: CERT_STATUS,
        maps: [
          ['NCSC-SUPPLY-CHAIN', 'SC-5'],
          ['NCSC-SUPPLY-CHAIN', 'SC-10'],
        ],
        fix: 'Publish a DSPT assessment at Standards Met or better before receiving patient data.',
      }),
      q({
        code: 'RAP-07',
        text: 'Is the national data opt-out applied to our data wherever it applies to your studies (by us before release, or by you)?',
        weight: 4,
        na: true,
        help: 'Answer "not applicable" if every study uses consent or anonymised data.',
        maps: [
          ['ISO27001-2022', '5.34'],
          ['NIST-CSF-2.0', 'GV.OC-03'],
        ],
        fix: 'Agree with us how the national data opt-out is applied for each study.',
      }),
    ],
  },
  {
    key: 'environment',
    title: 'Trusted research environment',
    questions: [
      q({
        code: 'TRE-01',
        text: 'Is our data analysed only inside a trusted research environment (TRE) or safe haven, never on personal or unmanaged devices?',
        weight: 5,
        critical: true,
        maps: [
          ['NCSC-CAF', 'B3.c'],
          ['NDG', 'NDG-1'],
          ['ISO27001-2022', '8.1'],
        ],
        fix: 'Move all analysis of our data into a trusted research environment.',
      }),
      q({
        code: 'TRE-02',
        text: 'Can researchers copy data out of the environment only through a reviewed output check (airlock)?',
        weight: 4,
        maps: [
          ['NCSC-CAF', 'B3.b'],
          ['ISO27001-2022', '8.12'],
        ],
        fix: 'Introduce output checking for every export from the environment.',
      }),
      q({
        code: 'TRE-03',
        text: 'Is multi-factor authentication required to enter the environment?',
        weight: 5,
        critical: true,
        maps: [
          ['NCSC-CAF', 'B2.a'],
          ['CYBER-ESSENTIALS', 'user-access-control'],
          ['ISO27001-2022', '8.5'],
        ],
        fix: 'Require MFA to enter the environment.',
      }),
      q({
        code: 'TRE-04',
        text: 'Is the environment accredited or independently assessed (for example ISO/IEC 27001, DSPT Standards Met)?',
        weight: 3,
        evidence: 'optional',
        maps: [['NCSC-SUPPLY-CHAIN', 'SC-10']],
        fix: 'Have the environment independently assessed.',
      }),
      q({
        code: 'TRE-06',
        text: 'Have you told us who hosts the environment and every sub-processor (cloud, support, software) that can reach our data, and where?',
        weight: 3,
        maps: [
          ['NCSC-SUPPLY-CHAIN', 'SC-2'],
          ['NCSC-CAF', 'A4.a'],
          ['ISO27001-2022', '5.19'],
          ['NIST-CSF-2.0', 'GV.SC-04'],
        ],
        fix: 'List the environment’s host and every sub-processor for us, with locations.',
      }),
      q({
        code: 'TRE-05',
        text: 'Are security updates applied to the environment within 14 days?',
        weight: 4,
        critical: true,
        maps: [
          ['CYBER-ESSENTIALS', 'security-update-management'],
          ['NCSC-CAF', 'B4.d'],
          ['ISO27001-2022', '8.8'],
        ],
        fix: 'Patch the environment within 14 days.',
      }),
    ],
  },
  {
    key: 'minimisation',
    title: 'Pseudonymisation and minimisation',
    questions: [
      q({
        code: 'MIN-01',
        text: 'Do you receive only the fields each study needs, agreed in writing before extraction?',
        weight: 4,
        maps: [
          ['NDG', 'NDG-1'],
          ['ISO27001-2022', '8.11'],
        ],
        fix: 'Agree a minimum field list per study before extraction.',
      }),
      q({
        code: 'MIN-02',
        text: 'Is our data pseudonymised before researchers see it, with the key held apart from the research data?',
        weight: 4,
        na: true,
        maps: [
          ['ISO27001-2022', '8.11'],
          ['NCSC-CAF', 'B3.c'],
        ],
        fix: 'Pseudonymise before release and keep the key separately.',
      }),
      q({
        code: 'MIN-03',
        text: 'Are researchers forbidden, in writing, from trying to re-identify individuals?',
        weight: 3,
        maps: [
          ['NDG', 'NDG-2'],
          ['ISO27001-2022', '6.6'],
        ],
        fix: 'Add a no-re-identification clause to researcher agreements.',
      }),
      q({
        code: 'MIN-04',
        text: 'Before our data is linked with other datasets, is the re-identification risk of the linked data assessed and agreed with us?',
        weight: 4,
        na: true,
        help: 'Answer "not applicable" if our data is never linked with other data.',
        maps: [
          ['ISO27001-2022', '8.11'],
          ['NIST-CSF-2.0', 'ID.RA-05'],
        ],
        fix: 'Assess linkage re-identification risk and agree it with us before linking.',
      }),
    ],
  },
];
