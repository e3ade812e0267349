import { LEVELS, parseLevel, parseLevelVersion, parseVersion, renderVersion, type Level } from '../../shared/src/policy/levelVersion';

/**
 * "Pod Security: Choose Target Level" as a pure function: the quick picks are injected, so the
 * steps and the value written are tested without VS Code. Nothing here may import `vscode`.
 */

/**
 * The newest policy minor podsec knows (`v1.37`). Kept in step with `MAX_MINOR` in
 * shared/src/checks/registry.ts by hand: importing it would bundle the whole engine into the client.
 */
export const NEWEST_MINOR = 37;

export type Target = 'workspace' | 'user';

export interface PickItem<T> {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  readonly value: T;
}

export interface PickOptions {
  readonly title: string;
  readonly placeHolder: string;
}

/** Shows one quick pick; undefined when the person dismisses it. */
export type Picker = <T>(items: readonly PickItem<T>[], options: PickOptions) => Promise<T | undefined>;

/** Answers given up front (the command's argument, from a keybinding or a test); each valid one skips its pick. */
export interface TargetLevelPreset {
  readonly level?: unknown;
  readonly version?: unknown;
  readonly target?: unknown;
}

export interface ChooseTargetLevelOptions {
  readonly pick: Picker;
  /** Workspace settings exist only when a folder or workspace is open. */
  readonly hasWorkspace: boolean;
  /** The current `podsec.enforce` value, marked in the picks. */
  readonly current?: string;
  readonly preset?: TargetLevelPreset;
}

export interface TargetLevelChoice {
  /** The `podsec.enforce` value: `level` for latest, `level:v1.N` otherwise. */
  readonly value: string;
  readonly target: Target;
}

const LEVEL_DETAILS: Record<Level, string> = {
  privileged: 'Unrestricted: allows known privilege escalations (no checks)',
  baseline: 'Prevents known privilege escalations; allows the default pod configuration',
  restricted: 'Heavily restricted: current pod hardening best practices',
};

const TITLE = 'Pod Security: Choose Target Level';

/** Level, then version, then where to write it; undefined as soon as a pick is dismissed. */
export async function chooseTargetLevel(options: ChooseTargetLevelOptions): Promise<TargetLevelChoice | undefined> {
  const { pick, hasWorkspace, preset = {} } = options;
  const current = options.current === undefined ? undefined : parseLevelVersion(options.current.trim()).value;
  const currentVersion = current && renderVersion(current.version);

  const level = presetLevel(preset.level) ?? (await pick(levelItems(current?.level), { title: `${TITLE} (1/3)`, placeHolder: 'Enforce level' }));
  if (!level) return undefined;
  const version = presetVersion(preset.version) ?? (await pick(versionItems(currentVersion), { title: `${TITLE} (2/3)`, placeHolder: `Policy version for ${level}` }));
  if (!version) return undefined;
  const value = version === 'latest' ? level : `${level}:${version}`;
  const target = presetTarget(preset.target, hasWorkspace) ?? (await pick(targetItems(hasWorkspace), { title: `${TITLE} (3/3)`, placeHolder: `Write podsec.enforce = "${value}" to` }));
  if (!target) return undefined;
  return { value, target };
}

export function levelItems(current?: Level): PickItem<Level>[] {
  return LEVELS.map((level) => ({ label: level, description: level === current ? 'current setting' : undefined, detail: LEVEL_DETAILS[level], value: level }));
}

/** `latest`, then `v1.NEWEST_MINOR` down to `v1.0`. */
export function versionItems(current?: string): PickItem<string>[] {
  const versions = ['latest', ...Array.from({ length: NEWEST_MINOR + 1 }, (_, i) => `v1.${NEWEST_MINOR - i}`)];
  return versions.map((version) => {
    const notes = [version === current ? 'current setting' : '', version === 'latest' ? `follows new Kubernetes releases (today v1.${NEWEST_MINOR})` : ''];
    const description = notes.filter(Boolean).join(' · ');
    return { label: version, description: description || undefined, value: version };
  });
}

export function targetItems(hasWorkspace: boolean): PickItem<Target>[] {
  const user: PickItem<Target> = { label: 'User', description: 'your settings, for every workspace', value: 'user' };
  return hasWorkspace ? [{ label: 'Workspace', description: "this workspace's settings", value: 'workspace' }, user] : [user];
}

function presetLevel(value: unknown): Level | undefined {
  return typeof value === 'string' ? parseLevel(value) : undefined;
}

function presetVersion(value: unknown): string | undefined {
  const version = typeof value === 'string' ? parseVersion(value) : undefined;
  return version && renderVersion(version);
}

function presetTarget(value: unknown, hasWorkspace: boolean): Target | undefined {
  if (value === 'user') return 'user';
  return value === 'workspace' && hasWorkspace ? 'workspace' : undefined;
}
