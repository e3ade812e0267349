import type { FixValue } from './types';
import type { TextStyle } from './style';

/** YAML 1.1 words that would not read back as the plain string (`yes`, `off`, `~`, …). */
const SPECIAL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;

/** A scalar in the given quoting style (`"`, `'` or plain), quoting a plain one that needs it. */
export function scalarText(value: FixValue, quote: '"' | "'" | '' = ''): string {
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value !== 'string') return flowText(value);
  if (quote === "'") return `'${value.replace(/'/g, "''")}'`;
  if (quote === '"' || !/^[A-Za-z_/][A-Za-z0-9_./-]*$/.test(value) || SPECIAL.test(value)) return JSON.stringify(value);
  return value;
}

/**
 * `{type: RuntimeDefault}`, `[ALL]`: for flow collections and list items. `padded` writes
 * `{ type: RuntimeDefault }` for files that pad their braces; `json` writes JSON
 * (`{"type": "RuntimeDefault"}`) for JSON manifests.
 */
export function flowText(value: FixValue, padded = false, json = false): string {
  const [open, close] = padded ? [' ', ' '] : ['', ''];
  const quote = json ? '"' : '';
  if (Array.isArray(value)) {
    return value.length === 0 ? '[]' : `[${open}${value.map((v: FixValue) => flowText(v, padded, json)).join(', ')}${close}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, FixValue>);
    if (entries.length === 0) return '{}';
    return `{${open}${entries.map(([k, v]) => `${scalarText(k, quote)}: ${flowText(v, padded, json)}`).join(', ')}${close}}`;
  }
  return scalarText(value, quote);
}

/**
 * The lines of a collection nested under a key at column `keyColumn`, each starting with a line
 * break: a map's keys one indent unit in, a list's dashes at the document's sequence offset.
 */
export function blockBody(value: FixValue, keyColumn: number, style: TextStyle): string {
  if (Array.isArray(value)) {
    const pad = ' '.repeat(keyColumn + style.seqOffset);
    return value.map((item: FixValue) => `${style.eol}${pad}- ${flowText(item)}`).join('');
  }
  if (typeof value === 'object') {
    const column = keyColumn + style.indentUnit;
    return Object.entries(value as Record<string, FixValue>)
      .map(([k, v]) => `${style.eol}${' '.repeat(column)}${blockPair(k, v, column, style)}`)
      .join('');
  }
  return ` ${scalarText(value)}`;
}

/** `key: value` written at column `keyColumn`, nested values in block style. */
export function blockPair(key: string, value: FixValue, keyColumn: number, style: TextStyle): string {
  const isEmpty = Array.isArray(value) ? value.length === 0 : typeof value === 'object' && Object.keys(value).length === 0;
  const isCollection = typeof value === 'object' && !isEmpty;
  return `${scalarText(key)}:${isCollection ? blockBody(value, keyColumn, style) : ` ${scalarText(value)}`}`;
}

/** `{a: {b: v}}` from the keys a fix must create and the value at the end. */
export function nest(keys: readonly string[], value: FixValue): FixValue {
  return keys.reduceRight<FixValue>((inner, key) => ({ [key]: inner }), value);
}
