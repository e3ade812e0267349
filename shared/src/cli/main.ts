import { readFileSync } from 'node:fs';
import { evaluate } from '../evaluate/evaluate';
import { LATEST, type LevelVersion } from '../policy/levelVersion';
import type { Policy } from '../policy/policy';
import { parseArgs, USAGE, type CheckArgs } from './args';
import { collectInputs } from './files';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
import { checkedFile, exitCode, type CheckedFile } from './report';

declare const PODSEC_VERSION: string | undefined;
const VERSION = typeof PODSEC_VERSION === 'string' ? PODSEC_VERSION : '0.0.0-dev';

const PRIVILEGED: LevelVersion = { level: 'privileged', version: LATEST };

/** The node-only shell around the pure core: reads inputs, prints, returns the exit code. */
export function main(argv: readonly string[], io = defaultIo()): number {
  const args = parseArgs(argv);
  if ('error' in args) {
    io.stderr(`podsec: ${args.error}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.command === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (args.command === 'version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const files = check(args, io.readStdin);
  io.stdout(render(args, files, io.isTTY));
  return exitCode(files);
}

function check(args: CheckArgs, readStdin: () => Buffer): CheckedFile[] {
  const policy = cliPolicy(args);
  return collectInputs(args.paths, readStdin).map((input) => {
    if ('error' in input) {
      const problem = { message: `cannot read ${input.path}: ${input.error}`, range: [0, 0] as const, severity: 'error' as const, code: 'read-error' };
      return checkedFile(input.path, '', { objects: [], problems: [], documentCount: 0 }, [problem]);
    }
    return checkedFile(input.path, input.text, evaluate(input.text, { policy }));
  });
}

/** `--level` means exactly that pair in enforce; without it, enforce baseline and warn restricted. */
function cliPolicy(args: CheckArgs): Policy {
  if (args.level) {
    return { enforce: args.level, warn: PRIVILEGED, audit: PRIVILEGED, sources: { enforce: { description: '--level flag' } } };
  }
  return {
    enforce: { level: 'baseline', version: LATEST },
    warn: { level: 'restricted', version: LATEST },
    audit: PRIVILEGED,
    sources: { enforce: { description: 'podsec default' }, warn: { description: 'podsec default' } },
  };
}

function render(args: CheckArgs, files: readonly CheckedFile[], isTTY: boolean): string {
  switch (args.format) {
    case 'json':
      return formatJson(files);
    case 'sarif':
      return formatSarif(files, VERSION);
    case 'text': {
      const color = args.color === 'always' || (args.color === 'auto' && isTTY && !process.env['NO_COLOR']);
      return formatText(files, { color });
    }
  }
}

interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Buffer;
  isTTY: boolean;
}

function defaultIo(): Io {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: () => readFileSync(0),
    isTTY: Boolean(process.stdout.isTTY),
  };
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
