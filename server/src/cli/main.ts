/**
 * `briefmark` — the reviewers' command line (spec §9), on the same core service as the
 * language server. This file only dispatches: each command is a module of its own.
 */
import { version } from '../../../package.json';
import { CHECK_USAGE, parseCheckArgs } from './args';
import { runCheck, type CheckIO } from './check';
import { errorText } from './checkFile';
import { exportCodebookCommand } from './exportCodebook';
import { exportCommand } from './exportPandoc';
import { sourcesCommand } from './sources';

interface Command {
  summary: string;
  run(argv: string[], io: CheckIO): Promise<number>;
}

/** The commands: a new command is one entry here and one module beside this file. */
const COMMANDS: Record<string, Command> = {
  check: {
    summary: 'check briefs in files and folders (for CI: --format github|sarif|json)',
    async run(argv, io) {
      const parsed = parseCheckArgs(argv);
      if (!parsed.ok) {
        io.stderr(`briefmark check: ${parsed.error}\n\n${CHECK_USAGE}\n`);
        return 2;
      }
      if (parsed.value.help) {
        io.stdout(`${CHECK_USAGE}\n`);
        return 0;
      }
      return runCheck(parsed.value, io);
    },
  },
  sources: {
    summary: 'list cited keys, their source documents and what the claims came to against them',
    run: (argv, io) => sourcesCommand(argv, io),
  },
  export: {
    summary: 'write a brief as Pandoc Markdown, tags as spans and divs: [--to pandoc] [-o FILE] BRIEF',
    run: (argv, io) => exportCommand(argv, io),
  },
  'export-codebook': {
    summary: 'write the conventions as a REFI-QDA codebook (.qdc): [--out FILE] [PATH]',
    run: async (argv, io) => exportCodebookCommand(argv, io.cwd),
  },
};

const USAGE = `Usage: briefmark <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(16)} ${c.summary}`)
  .join('\n')}

  briefmark <command> --help   help on one command
  briefmark --version          the version`;

export async function main(argv: string[], io: CheckIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    io.stdout(`briefmark ${version}\n`);
    return 0;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    io.stderr(`${name === undefined ? 'briefmark: no command given.' : `briefmark: unknown command "${name}".`}\n\n${USAGE}\n`);
    return 2;
  }
  return command.run(rest, io);
}

if (require.main === module) {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    // The reader went away (`briefmark check | head`): stop quietly.
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const io: CheckIO = {
    cwd: process.cwd(),
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    stderrIsTTY: process.stderr.isTTY === true,
  };
  main(process.argv.slice(2), io).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`briefmark: internal error (please report it): ${errorText(e)}\n`);
      process.exitCode = 2;
    },
  );
}
