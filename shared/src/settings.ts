import { LATEST, parseLevelVersion, renderLevelVersion, type LevelVersion } from './policy/levelVersion';
import type { Policy } from './policy/policy';

/** The `podsec.*` settings after validation: plain data shared by the client, server and CLI. */
export interface Settings {
  readonly enforce: LevelVersion;
  readonly warn: LevelVersion;
  readonly audit: LevelVersion;
}

export const DEFAULT_SETTINGS: Settings = {
  enforce: { level: 'baseline', version: LATEST },
  warn: { level: 'restricted', version: LATEST },
  audit: { level: 'restricted', version: LATEST },
};

/**
 * Validates raw settings of any shape. Every invalid value gives one message naming the setting
 * and falls back to its default, so a typo never turns checking off.
 */
export function parseSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const obj = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  if (raw !== undefined && raw !== null && obj !== raw) problems.push('podsec settings must be an object; using the defaults');
  const pair = (name: keyof Settings): LevelVersion => {
    const value = obj[name];
    if (value === undefined || value === null || value === '') return DEFAULT_SETTINGS[name];
    if (typeof value !== 'string') {
      problems.push(`podsec.${name} must be a string like "restricted" or "baseline:v1.30"; using ${renderLevelVersion(DEFAULT_SETTINGS[name])}`);
      return DEFAULT_SETTINGS[name];
    }
    const parsed = parseLevelVersion(value.trim());
    if (parsed.value) return parsed.value;
    problems.push(`podsec.${name} "${value}": ${parsed.error ?? 'invalid'}; using ${renderLevelVersion(DEFAULT_SETTINGS[name])}`);
    return DEFAULT_SETTINGS[name];
  };
  return { settings: { enforce: pair('enforce'), warn: pair('warn'), audit: pair('audit') }, problems };
}

export function policyFromSettings(settings: Settings): Policy {
  return {
    enforce: settings.enforce,
    warn: settings.warn,
    audit: settings.audit,
    sources: {
      enforce: { description: 'setting podsec.enforce' },
      warn: { description: 'setting podsec.warn' },
      audit: { description: 'setting podsec.audit' },
    },
  };
}
