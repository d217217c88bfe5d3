/**
 * Build step (`npm run build`): loads and validates rules/ from YAML and writes dist/rules.compiled.json.
 * A rule file that does not validate fails the build, with the loader's message.
 */

import { rulesFingerprint, writeCompiledRules } from './compiled-rules.js';
import { loadRulesFromYaml } from './rule-sets.js';

writeCompiledRules(loadRulesFromYaml(), rulesFingerprint());
