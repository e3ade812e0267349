/** A command-line word: a path, or an option whose value is taken only if the option needs one. */
export type Token = { readonly path: string } | { readonly name: string; readonly inline: boolean; readonly value: () => string | undefined };

/**
 * Reads arguments the way every podsec command does: `--` ends the options, `-` is standard input,
 * an option's value is `--name=value` or the next word (taken only when `value()` is called, so a
 * flag never swallows the path after it).
 */
export function* tokens(argv: readonly string[]): Generator<Token> {
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (onlyPaths || arg === '-' || !arg.startsWith('-')) {
      yield { path: arg };
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    const eq = arg.indexOf('=');
    yield { name: eq < 0 ? arg : arg.slice(0, eq), inline: eq >= 0, value: () => (eq >= 0 ? arg.slice(eq + 1) : argv[++i]) };
  }
}
