/** The config module's public API: schema, loader, and the pure policy questions. */

export { configSchema, defaultConfig, BASELINES } from './schema.js';
export type { StackguardConfig, StackguardConfigInput, ConfigBaseline } from './schema.js';
export type { AllowEntry, AllowableAction } from './schema/allow.js';
export type { AcceptedRisk } from './schema/accepted-risk.js';
export type { PolicyConfig, SeverityThreshold } from './schema/policy.js';
export type { AcknowledgeConfig, AcknowledgePermission } from './schema/acknowledge.js';
export type { SynthConfig } from './schema/synth.js';
export type { AwsConfig } from './schema/aws.js';
export { parseConfig, loadConfigFile, ConfigError } from './load.js';
export type { ConfigProblem } from './problems.js';
export {
  findAllowance,
  findAcceptedRisk,
  isAcceptedRiskExpired,
  isStatefulByConfig,
  severityBlocks,
} from './policy.js';
export type { AllowanceQuery, AcceptedRiskQuery, AcceptedRiskMatch } from './policy.js';
export { reviewPolicyFromConfig } from './review-policy.js';
export { canAcknowledge, REPOSITORY_ROLES } from './acknowledge.js';
export type { Acknowledger, AcknowledgeDecision, RepositoryRole } from './acknowledge.js';
export { checkRationale } from './rationale.js';
export { configJsonSchema } from './json-schema.js';
