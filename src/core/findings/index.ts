/** Security Hub findings in the review, the pure part: which open findings a PR resolves or leaves open. */

export { findingsSection } from './section.js';
export { findingLabel, findingsHeadline, findingsSource } from './summary.js';
export { arnServiceOf, findingIsOnResource, isAccountFinding, parseArn, resourceOfFinding } from './resource-match.js';
export { COMPLIANCE_STATUSES, isOpenFinding, notConsulted } from './types.js';
export type { ComplianceStatus, DeployedResource, FindingsConsulted, FindingsNotConsulted, FindingsOutcome, SecurityHubFinding, StackResources } from './types.js';
