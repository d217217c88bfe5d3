/** `stackguard posture`, the pure part: findings and the control catalogue in, a readiness report and its text out. */

export { buildControlCatalogue, type ControlCatalogue, type ControlFacts, type MappingData, type Soc2MappingSource } from './catalogue.js';
export { buildPosture, type PostureInput } from './build.js';
export { renderPostureMarkdown } from './render-markdown.js';
export { renderPostureText } from './render-text.js';
export type * from './types.js';
