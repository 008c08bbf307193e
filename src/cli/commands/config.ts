import { Command } from 'commander';
import { CONFIG_FILE_ENV, describeConfig } from '../../config/config.js';
import { CONFIG_FIELDS } from '../../config/fields.js';
import { SECRET_SETTINGS } from '../../sources/registry.js';
import type { CliContext } from '../context.js';

export function configCommand(context: CliContext): Command {
  const lines = [
    ...CONFIG_FIELDS.map(
      (f) =>
        `  ${f.env.padEnd(17)} ${f.expected}${f.defaultValue ? ` (default ${f.defaultValue})` : ''}`,
    ),
    ...SECRET_SETTINGS.map(
      (s) => `  ${s.env.padEnd(17)} ${s.expected} (or sources.${s.adapter}.${s.setting})`,
    ),
  ];
  return new Command('config')
    .description('print the configuration in effect, secrets masked, or why it is invalid')
    .addHelpText(
      'after',
      `\nSettings (environment variables; the same names in camelCase in a YAML or JSON file\ngiven by --config or ${CONFIG_FILE_ENV}, which the environment overrides):\n${lines.join('\n')}`,
    )
    .action(() => {
      context.print(JSON.stringify(describeConfig(context.getConfig()), null, 2));
    });
}
