import { renderCatalogue } from '../core/controls/index.js';
import { loadRuleSets } from '../pipeline/rule-sets.js';
import { EXIT_OK, type CliIO } from './main.js';

export interface RulesOptions {
  format: 'markdown' | 'json';
}

export async function rulesCommand(options: RulesOptions, io: CliIO): Promise<number> {
  const text = renderCatalogue(loadRuleSets().controls, options.format);
  io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  return EXIT_OK;
}
