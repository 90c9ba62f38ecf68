import { CERT_STATUS, question as q } from './build.js';

/**
 * For universities and research partners that receive patient data, sent as well as (not instead of)
 * their tier's questionnaire. Written for this project. Version 2 (issue 16): mappings corrected,
 * double-barrelled questions split, and the agreement, DSPT, national data opt-out, hosting and
 * sub-processors, linkage risk and destruction standard added.
 */
export const RESEARCH_DATA_PARTNER = {
  key: 'research-data-partner',
  version: 2,
  title: 'Research data partner questionnaire',
  description: 'For universities and research partners that receive personal or special-category patient data.',
  sections: [
    {
      key: 'approvals',
      title: 'Approvals and legal basis',
      questions: [
        q({ code: 'RAP-01', text: 'Does every study that uses our data have current research ethics and HRA approval (or a documented exemption)?', weight: 4, critical: true, evidence: 'optional', maps: [['NDG', 'NDG-1'], ['ISO27001-2022', '5.31']], fix: 'Hold current ethics and HRA approval for every study using our data.' }),
        q({ code: 'RAP-02', text: 'Where identifiable data is used without consent, do you hold current section 251 support (Confidentiality Advisory Group) for it?', weight: 5, critical: true, na: true, maps: [['NDG', 'NDG-1'], ['ISO27001-2022', '5.34']], fix: 'Obtain section 251 support or stop using identifiable data without consent.' }),
        q({ code: 'RAP-03', text: 'Is a data protection impact assessment (DPIA) in place for each study that uses our data?', weight: 3, maps: [['NDG', 'NDG-1'], ['ISO27001-2022', '5.34'], ['DTAC', 'C2']], fix: 'Complete a DPIA for each study before data flows.' }),
        q({ code: 'RAP-04', text: 'Is there a named data custodian for our data in your organisation?', weight: 2, maps: [['NCSC-CAF', 'A1.b'], ['ISO27001-2022', '5.2']], fix: 'Name a data custodian for each dataset we share.' }),
        q({ code: 'RAP-05', text: 'Is the data sharing agreement that covers each study current (not past its end or review date)?', weight: 4, critical: true, evidence: 'optional', maps: [['NDG', 'NDG-10'], ['ISO27001-2022', '5.14'], ['NIST-CSF-2.0', 'GV.SC-05']], fix: 'Renew the data sharing agreement before using our data further.' }),
        q({ code: 'RAP-06', text: 'What is your organisation’s latest Data Security and Protection Toolkit (DSPT) status?', type: 'single_choice', weight: 3, critical: true, options: CERT_STATUS, maps: [['NCSC-SUPPLY-CHAIN', 'SC-5'], ['NCSC-SUPPLY-CHAIN', 'SC-10']], fix: 'Publish a DSPT assessment at Standards Met or better before receiving patient data.' }),
        q({ code: 'RAP-07', text: 'Is the national data opt-out applied to our data wherever it applies to your studies (by us before release, or by you)?', weight: 4, na: true, help: 'Answer "not applicable" if every study uses consent or anonymised data.', maps: [['ISO27001-2022', '5.34'], ['NIST-CSF-2.0', 'GV.OC-03']], fix: 'Agree with us how the national data opt-out is applied for each study.' }),
      ],
    },
    {
      key: 'environment',
      title: 'Trusted research environment',
      questions: [
        q({ code: 'TRE-01', text: 'Is our data analysed only inside a trusted research environment (TRE) or safe haven, never on personal or unmanaged devices?', weight: 5, critical: true, maps: [['NCSC-CAF', 'B3.c'], ['NDG', 'NDG-1'], ['ISO27001-2022', '8.1']], fix: 'Move all analysis of our data into a trusted research environment.' }),
        q({ code: 'TRE-02', text: 'Can researchers copy data out of the environment only through a reviewed output check (airlock)?', weight: 4, maps: [['NCSC-CAF', 'B3.b'], ['ISO27001-2022', '8.12']], fix: 'Introduce output checking for every export from the environment.' }),
        q({ code: 'TRE-03', text: 'Is multi-factor authentication required to enter the environment?', weight: 5, critical: true, maps: [['NCSC-CAF', 'B2.a'], ['CYBER-ESSENTIALS', 'user-access-control'], ['ISO27001-2022', '8.5']], fix: 'Require MFA to enter the environment.' }),
        q({ code: 'TRE-04', text: 'Is the environment accredited or independently assessed (for example ISO/IEC 27001, DSPT Standards Met)?', weight: 3, evidence: 'optional', maps: [['NCSC-SUPPLY-CHAIN', 'SC-10']], fix: 'Have the environment independently assessed.' }),
        q({ code: 'TRE-06', text: 'Have you told us who hosts the environment and every sub-processor (cloud, support, software) that can reach our data, and where?', weight: 3, maps: [['NCSC-SUPPLY-CHAIN', 'SC-2'], ['NCSC-CAF', 'A4.a'], ['ISO27001-2022', '5.19'], ['NIST-CSF-2.0', 'GV.SC-04']], fix: 'List the environment’s host and every sub-processor for us, with locations.' }),
        q({ code: 'TRE-05', text: 'Are security updates applied to the environment within 14 days?', weight: 4, critical: true, maps: [['CYBER-ESSENTIALS', 'security-update-management'], ['NCSC-CAF', 'B4.d'], ['ISO27001-2022', '8.8']], fix: 'Patch the environment within 14 days.' }),
      ],
    },
    {
      key: 'minimisation',
      title: 'Pseudonymisation and minimisation',
      questions: [
        q({ code: 'MIN-01', text: 'Do you receive only the fields each study needs, agreed in writing before extraction?', weight: 4, maps: [['NDG', 'NDG-1'], ['ISO27001-2022', '8.11']], fix: 'Agree a minimum field list per study before extraction.' }),
        q({ code: 'MIN-02', text: 'Is our data pseudonymised before researchers see it, with the key held apart from the research data?', weight: 4, na: true, maps: [['ISO27001-2022', '8.11'], ['NCSC-CAF', 'B3.c']], fix: 'Pseudonymise before release and keep the key separately.' }),
        q({ code: 'MIN-03', text: 'Are researchers forbidden, in writing, from trying to re-identify individuals?', weight: 3, maps: [['NDG', 'NDG-2'], ['ISO27001-2022', '6.6']], fix: 'Add a no-re-identification clause to researcher agreements.' }),
        q({ code: 'MIN-04', text: 'Before our data is linked with other datasets, is the re-identification risk of the linked data assessed and agreed with us?', weight: 4, na: true, help: 'Answer "not applicable" if our data is never linked with other data.', maps: [['ISO27001-2022', '8.11'], ['NIST-CSF-2.0', 'ID.RA-05']], fix: 'Assess linkage re-identification risk and agree it with us before linking.' }),
      ],
    },
    {
      key: 'access',
      title: 'Access approval and review',
      questions: [
        q({ code: 'RAC-01', text: 'Does a named person approve each researcher’s access to our data, for a named study and a set period?', weight: 4, maps: [['NCSC-CAF', 'B2.d'], ['NDG', 'NDG-4'], ['ISO27001-2022', '5.18']], fix: 'Approve access per researcher, per study, for a set period.' }),
        q({ code: 'RAC-02', text: 'How often is the list of people with access to our data reviewed?', type: 'single_choice', weight: 3, options: [
          { value: 'quarterly', label: 'Quarterly or more often', score: 1 },
          { value: 'six_monthly', label: 'Every six months', score: 0.6 },
          { value: 'yearly', label: 'Yearly', score: 0.3 },
          { value: 'never', label: 'Not reviewed', score: 0 },
        ], maps: [['NCSC-CAF', 'B2.d'], ['ISO27001-2022', '5.18']], fix: 'Review access at least quarterly.' }),
        q({ code: 'RAC-03', text: 'Is access removed on the day a researcher leaves the study or the organisation?', weight: 3, maps: [['NDG', 'NDG-4'], ['ISO27001-2022', '5.18']], fix: 'Remove access on the day a researcher leaves.' }),
        q({ code: 'RAC-04', text: 'Have all researchers with access completed data security training in the last 12 months?', weight: 3, maps: [['NDG', 'NDG-3'], ['ISO27001-2022', '6.3']], fix: 'Require yearly data security training for researchers.' }),
      ],
    },
    {
      key: 'resilience',
      title: 'Backup servers and ransomware resilience',
      questions: [
        q({ code: 'RRS-01', text: 'Are backup servers that hold our data patched within 14 days, like production systems?', help: 'Forgotten backup servers are a common way into research data.', weight: 4, critical: true, maps: [['NCSC-CAF', 'B4.d'], ['ISO27001-2022', '8.8'], ['NIST-CSF-2.0', 'ID.RA-01']], fix: 'Bring backup servers under the same patching as production.' }),
        q({ code: 'RRS-05', text: 'Is multi-factor authentication required to administer those backup servers?', weight: 4, critical: true, maps: [['NCSC-CAF', 'B2.c'], ['CYBER-ESSENTIALS', 'user-access-control'], ['ISO27001-2022', '8.5'], ['NIST-CSF-2.0', 'PR.AA-03']], fix: 'Put MFA on every administrative route to backup servers.' }),
        q({ code: 'RRS-02', text: 'Do you keep at least one backup copy that ransomware could not reach or alter?', weight: 4, maps: [['NCSC-CAF', 'B5.c'], ['ISO27001-2022', '8.13']], fix: 'Keep an offline or immutable backup copy.' }),
        q({ code: 'RRS-03', text: 'Do you know every server, share and copy that holds our data, including old and test copies?', weight: 4, maps: [['NCSC-CAF', 'A3.a'], ['ISO27001-2022', '5.9'], ['NIST-CSF-2.0', 'ID.AM-07']], fix: 'Inventory every copy of our data, including old and test copies.' }),
        q({ code: 'RRS-04', text: 'Are security events in the environment and its backups monitored, with alerts acted on within a working day?', weight: 3, maps: [['NCSC-CAF', 'C1.a'], ['ISO27001-2022', '8.16']], fix: 'Monitor the environment and its backups, and act on alerts within a day.' }),
      ],
    },
    {
      key: 'retention',
      title: 'Retention and certified destruction',
      questions: [
        q({ code: 'RET-01', text: 'Is our data destroyed at the end of each study or agreement, with a certificate of destruction sent to us?', weight: 4, maps: [['NCSC-CAF', 'B3.e'], ['ISO27001-2022', '8.10']], fix: 'Destroy data at study end and send us a certificate.' }),
        q({ code: 'RET-02', text: 'Does destruction include backups, archives and researchers’ working copies?', weight: 3, maps: [['ISO27001-2022', '8.10'], ['NCSC-CAF', 'B3.e']], fix: 'Include backups and working copies in destruction.' }),
        q({ code: 'RET-03', text: 'On what date is our data next due to be destroyed?', type: 'date', required: false, maps: [['ISO27001-2022', '5.33']] }),
        q({ code: 'RET-04', text: 'Does destruction follow a recognised sanitisation standard (for example the NCSC’s guidance on secure sanitisation of storage media)?', weight: 3, maps: [['NCSC-CAF', 'B3.e'], ['ISO27001-2022', '7.14'], ['NIST-CSF-2.0', 'PR.DS-01']], fix: 'Destroy data to a recognised sanitisation standard.' }),
      ],
    },
    {
      key: 'sharing',
      title: 'Onward sharing and breach notification',
      questions: [
        q({ code: 'SHR-01', text: 'Do you share our data with another organisation (collaborators, funders, journals, cloud services) only when we have agreed in writing?', weight: 5, critical: true, maps: [['NCSC-SUPPLY-CHAIN', 'SC-4'], ['NDG', 'NDG-1'], ['ISO27001-2022', '5.14']], fix: 'Stop onward sharing without our written agreement.' }),
        q({ code: 'SHR-02', text: 'Are only aggregate, disclosure-controlled results published (small numbers suppressed)?', weight: 3, maps: [['ISO27001-2022', '8.11'], ['NDG', 'NDG-1']], fix: 'Apply small-number suppression to all published outputs.' }),
        q({ code: 'SHR-03', text: 'Will you tell us within 24 hours of finding a breach or suspected breach of our data?', weight: 5, critical: true, maps: [['NDG', 'NDG-6'], ['NCSC-SUPPLY-CHAIN', 'SC-9'], ['ISO27001-2022', '5.24']], fix: 'Commit to notify us within 24 hours of a suspected breach.' }),
        q({ code: 'SHR-04', text: 'Describe any breach involving health data in your organisation in the last 24 months, and what changed after it.', type: 'text', required: false, maps: [['NCSC-CAF', 'D2.b']] }),
      ],
    },
  ],
};
