import type { WorkloadKind } from './kinds';
import { POD_TEMPLATE_PRESETS } from './podTemplatePresets';
import type { PodTemplateRule } from './podTemplateRules';

/**
 * Which custom resources have a pod template, and where: the presets, under a person's rules.
 * Rules for a group and kind replace every preset for that group and kind (so `path: null`
 * switches a preset off); among the rules that remain, an exact version wins over `group/*`.
 * Built once per settings, looked up once per document.
 */
export class PodTemplateTable {
  /** `group kind` → the rules for it, exact versions first. */
  private readonly byGroupKind = new Map<string, ReadonlyArray<{ version: string | undefined; workload: WorkloadKind | undefined }>>();

  constructor(presets: readonly PodTemplateRule[], rules: readonly PodTemplateRule[]) {
    const userKeys = new Set(rules.map(key));
    for (const rule of [...rules, ...presets.filter((p) => !userKeys.has(key(p)))]) {
      const list = [...(this.byGroupKind.get(key(rule)) ?? []), { version: rule.version, workload: workloadOf(rule) }];
      this.byGroupKind.set(key(rule), list.sort((a, b) => Number(a.version === undefined) - Number(b.version === undefined)));
    }
  }

  /** The custom workload kind of an object, or undefined; a core (`v1`) or missing apiVersion never matches. */
  lookup(apiVersion: string | undefined, kind: string): WorkloadKind | undefined {
    const slash = apiVersion?.indexOf('/') ?? -1;
    if (apiVersion === undefined || slash < 0) return undefined;
    const version = apiVersion.slice(slash + 1);
    const list = this.byGroupKind.get(`${apiVersion.slice(0, slash)} ${kind}`);
    return list?.find((r) => r.version === undefined || r.version === version)?.workload;
  }
}

function key(rule: PodTemplateRule): string {
  return `${rule.group} ${rule.kind}`;
}

function workloadOf(rule: PodTemplateRule): WorkloadKind | undefined {
  if (rule.path.length === 0) return undefined;
  return {
    kind: rule.kind,
    groups: [rule.group],
    templatePath: rule.path,
    isPod: false,
    // PSA never sees a custom resource, so nothing says an absent template is an empty pod:
    // its pods may come from elsewhere (a Rollout's spec.workloadRef).
    templateOptional: true,
    customResource: { path: rule.path.join('.'), source: rule.source },
  };
}

export const PRESET_RULES: readonly PodTemplateRule[] = POD_TEMPLATE_PRESETS.map((p) => {
  const [group = '', version = '*'] = p.apiVersion.split('/');
  return { group, version: version === '*' ? undefined : version, kind: p.kind, path: p.path.split('.'), source: `preset ${p.project}` };
});

const tables = new WeakMap<readonly PodTemplateRule[], PodTemplateTable>();

/** The table for a person's rules on top of the presets; the same rules give the same table. */
export function podTemplateTable(rules: readonly PodTemplateRule[]): PodTemplateTable {
  let table = tables.get(rules);
  if (!table) {
    table = new PodTemplateTable(PRESET_RULES, rules);
    tables.set(rules, table);
  }
  return table;
}

/** The presets alone: what evaluating without `podTemplates` uses. */
export const PRESET_TABLE = new PodTemplateTable(PRESET_RULES, []);
