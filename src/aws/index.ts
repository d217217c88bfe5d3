/**
 * stackguard's AWS edge: the deployed baseline (CloudFormation templates, nested stacks, change sets) and Security
 * Hub findings, for the review and for `stackguard posture`. Everything here reads AWS through the SDK's standard
 * configuration; the pure matching and reporting is in src/core/findings and src/core/posture.
 */

export { awsAccessConfigured, loadDeployedSide, type DeployedSide, type DeployedSideOptions, type DeployedStack } from './deployed-side.js';
export { fetchFindingsForReview, type ReviewFindingsOptions } from './findings-for-review.js';
export { fetchPostureFindings, type PostureFetchOptions, type PostureFindings } from './posture-findings.js';
export { shippedControlCatalogue } from './control-catalogue.js';
export { AwsSession, MAX_ATTEMPTS, type AwsTarget } from './session.js';
export { RateLimiter, GET_FINDINGS_PER_SECOND, type Clock } from './rate-limiter.js';
export { INLINE_TEMPLATE_LIMIT } from './change-set.js';
export { parseTemplateBody } from './template-body.js';
export { notConsulted, type FindingsOutcome } from '../core/findings/types.js';
