/** The public API of the podsec core: pure functions from text and options to results. */
export { evaluate, evaluateDocument } from './evaluate/evaluate';
export type { EvaluateOptions, EvaluationResult, ModeResult, ObjectResult, Violation } from './evaluate/evaluate';
export type { CheckResult, Finding } from './evaluate/finding';
export { fullForm, rejectionMessage, shortForm, violatesMessage, warningMessage } from './evaluate/messages';
export { ALL_CHECKS } from './checks/index';
export { checkById, checksFor, effectiveMinor, MAX_MINOR } from './checks/registry';
export type { CheckDefinition } from './checks/types';
export * from './policy/levelVersion';
export type { Mode, Policy, PolicySource } from './policy/policy';
export { MODES } from './policy/policy';
export type { Problem, Range } from './yaml/range';
export { WORKLOAD_KINDS } from './workloads/kinds';
export { POD_TEMPLATE_PRESETS } from './workloads/podTemplatePresets';
export { parsePodTemplateRules, type PodTemplateRule } from './workloads/podTemplateRules';
export { podTemplateTable, type PodTemplateTable } from './workloads/podTemplates';
