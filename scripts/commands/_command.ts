/**
 * What a `catalogue` subcommand is. Each file in scripts/commands/ whose name does not
 * start with "_" exports `command: Command`; scripts/catalogue.ts finds them by listing the
 * folder, so adding a subcommand (search, suggest...) means adding one file here.
 */

/** Where a command writes: stdout for results, stderr for warnings and errors. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** One subcommand of `npm run catalogue -- <name> [args]`. */
export interface Command {
  name: string;
  /** One line for the help listing. */
  summary: string;
  /** Arguments, e.g. "FILE". */
  usage?: string;
  /** Runs the command; resolves to the process exit code. */
  run(args: string[], io: Io): number | Promise<number>;
}

/** A failure to report as one plain line (no stack trace), with an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
