import { APPROVALS_AND_ENVIRONMENT } from './research-data-partner/approvals-and-environment.js';
import { ACCESS_AND_HANDLING } from './research-data-partner/access-and-handling.js';

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
  sections: [...APPROVALS_AND_ENVIRONMENT, ...ACCESS_AND_HANDLING],
};
