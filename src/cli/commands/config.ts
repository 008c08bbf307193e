import { Command } from 'commander';
import type { CliContext } from '../context.js';

export function configCommand(context: CliContext): Command {
  return new Command('config')
    .description('print the configuration in effect, secrets masked, or why it is invalid')
    .action(async () => {
      const { describeConfig } = await import('../../config/config.js');
      context.print(JSON.stringify(describeConfig(context.getConfig()), null, 2));
    });
}

/**
 * Adds the list of every setting to the command's help. The settings and the sources'
 * secrets are loaded for it (zod, every adapter), so the program does it only when the
 * `config` command is the one run.
 */
export async function addSettingsHelp(command: Command): Promise<void> {
  const [{ CONFIG_FILE_ENV }, { CONFIG_FIELDS }, { SECRET_SETTINGS }] = await Promise.all([
    import('../../config/config.js'),
    import('../../config/fields.js'),
    import('../../sources/registry.js'),
  ]);
  const lines = [
    ...CONFIG_FIELDS.map(
      (f) =>
        `  ${f.env.padEnd(17)} ${f.expected}${f.defaultValue ? ` (default ${f.defaultValue})` : ''}`,
    ),
    ...SECRET_SETTINGS.map(
      (s) => `  ${s.env.padEnd(17)} ${s.expected} (or sources.${s.adapter}.${s.setting})`,
    ),
  ];
  command.addHelpText(
    'after',
    `\nSettings (environment variables; the same names in camelCase in a YAML or JSON file\ngiven by --config or ${CONFIG_FILE_ENV}, which the environment overrides):\n${lines.join('\n')}`,
  );
}
