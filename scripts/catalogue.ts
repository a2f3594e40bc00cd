/**
 * `npm run --silent catalogue -- <command> [args]`: the command line for people who
 * maintain catalogues. Subcommands are the files of scripts/commands/ (each exports
 * `command`), found at start-up, so a new one needs no change here.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Command, CliError, type Io } from './commands/_command';

/** Loads every subcommand in scripts/commands/, sorted by name. */
export async function loadCommands(dir = join(import.meta.dirname, 'commands')): Promise<Command[]> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.startsWith('_') && !f.endsWith('.test.ts'));
  const commands: Command[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { command?: Command };
    if (mod.command) commands.push(mod.command);
  }
  return commands.sort((a, b) => a.name.localeCompare(b.name));
}

function help(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => `${c.name} ${c.usage ?? ''}`.length));
  return [
    'usage: npm run --silent catalogue -- <command> [args]',
    '',
    ...commands.map((c) => `  ${`${c.name} ${c.usage ?? ''}`.padEnd(width)}  ${c.summary}`),
    '',
  ].join('\n');
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const commands = await loadCommands();
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(help(commands));
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`catalogue: unknown command "${name}"\n${help(commands)}`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`catalogue ${name}: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // `catalogue export | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const io: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };
  process.exitCode = await main(process.argv.slice(2), io);
}
