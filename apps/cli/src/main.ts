import { InvalidSetting } from '@praktijklus/config';
import { backupCommand, BACKUP_USAGE } from './backup.command';
import { CliError, processOutput, type CliOutput } from './cli-error';
import { demoCommand, DEMO_USAGE } from './demo.command';
import { eraseInitiativeCommand, ERASE_INITIATIVE_USAGE } from './erase-initiative.command';
import { migrateCommand, MIGRATE_USAGE } from './migrate.command';
import { rebuildProjectionsCommand, REBUILD_USAGE } from './rebuild-projections.command';
import { restoreCommand, RESTORE_USAGE } from './restore.command';
import { tokenCommand, TOKEN_USAGE } from './token.command';
import { verifyCommand, VERIFY_USAGE } from './verify.command';

const USAGE = `Praktijklus operator commands (settings come from the same environment as the server: DATA_DIR, ...)

  npm run cli -- ${TOKEN_USAGE}

  npm run cli -- ${REBUILD_USAGE}

  npm run cli -- ${VERIFY_USAGE}

  npm run cli -- ${DEMO_USAGE}

  npm run cli -- ${ERASE_INITIATIVE_USAGE}

  npm run cli -- ${BACKUP_USAGE}

  npm run cli -- ${RESTORE_USAGE}

  npm run cli -- ${MIGRATE_USAGE}
`;

export async function runCli(
  argv: string[],
  env = process.env,
  output: CliOutput = processOutput,
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'token':
        await tokenCommand(rest, env, output);
        return 0;
      case 'projections':
        if (rest[0] !== 'rebuild') throw new CliError(`Unknown: projections ${rest[0] ?? ''}\n\n${USAGE}`, 2);
        await rebuildProjectionsCommand(rest.slice(1), env, output);
        return 0;
      case 'demo':
        await demoCommand(rest, env, output);
        return 0;
      case 'verify':
        await verifyCommand(rest, env, output);
        return 0;
      case 'backup':
        await backupCommand(rest, env, output);
        return 0;
      case 'restore':
        await restoreCommand(rest, env, output);
        return 0;
      case 'migrate':
        await migrateCommand(rest, env, output);
        return 0;
      case 'erase-initiative':
        await eraseInitiativeCommand(rest, env, output);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        output.out(USAGE);
        return 0;
      default:
        throw new CliError(`Unknown command "${command}"\n\n${USAGE}`, 2);
    }
  } catch (error) {
    if (error instanceof CliError) {
      output.err(`${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof InvalidSetting) {
      output.err(`${error.message}\n`);
      return 1;
    }
    // parseArgs refusals (unknown option, missing value) are usage mistakes.
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      output.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    output.err(`Failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (require.main === module) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
