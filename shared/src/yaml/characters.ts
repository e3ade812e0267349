import type { Problem, Range } from './range';

/**
 * Characters YAML does not allow in a stream, which Kubernetes' decoder (go-yaml) refuses with
 * "control characters are not allowed": C0 and C1 controls other than tab, line feed, carriage
 * return and NEL, DEL, U+FFFE, U+FFFF and lone surrogates. A text holding them is usually not a
 * manifest at all (a binary file named `.yaml`); each document holding one gets that one error
 * instead of whatever the parser makes of the bytes.
 */
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/**
 * The problem for the first disallowed character of each span (spans in increasing order), in
 * one forward pass over the text: searching each span from its start would rescan the rest of
 * the file for every document.
 */
export function controlCharacterProblems(text: string, spans: readonly Range[]): Array<Problem | undefined> {
  let at = next(text, 0);
  return spans.map(([from, to]) => {
    if (at < from) at = next(text, from);
    return at < to ? problem(text, at) : undefined;
  });
}

function next(text: string, from: number): number {
  NOT_PRINTABLE.lastIndex = from;
  return NOT_PRINTABLE.exec(text)?.index ?? Infinity;
}

function problem(text: string, at: number): Problem {
  const cp = text.codePointAt(at) ?? 0;
  const name = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return {
    message: `this text holds the control character ${name}, which YAML does not allow (a binary file?): Kubernetes cannot decode it, so podsec does not evaluate this document`,
    range: [at, at + (cp > 0xffff ? 2 : 1)],
    severity: 'error',
    code: 'control-characters',
  };
}
