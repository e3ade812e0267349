import type { Range } from '../yaml/range';
import type { NodeView } from '../yaml/view';

export type ContainerField = 'initContainers' | 'containers' | 'ephemeralContainers';

/** One container of any of the three lists, in PSA's visit order (pod-security-standards §3.2). */
export interface ContainerView {
  readonly view: NodeView;
  readonly field: ContainerField;
  readonly index: number;
  /** The name as Go decodes it: '' when missing or of the wrong type. */
  readonly name: string;
  readonly securityContext: NodeView;
}

export interface AnnotationView {
  readonly key: string;
  readonly value: string;
  readonly view: NodeView;
}

/**
 * The pod (or pod template) as the checks see it. Field accessors are views, not plain values,
 * so a check can report the exact node that offends or, for a missing field, the nearest key.
 */
export interface PodView {
  /** The pod's metadata: for controllers the template's metadata, never the controller's. */
  readonly metadata: NodeView;
  readonly spec: NodeView;
  readonly securityContext: NodeView;
  readonly containers: readonly ContainerView[];
  readonly annotations: readonly AnnotationView[];
  /** `spec.os.name` is exactly `windows` (pod-security-standards §3.4). */
  readonly isWindows: boolean;
  /** `spec.hostUsers` is set and false: a user-namespace pod (§3.4). */
  readonly isUserNamespaced: boolean;
  /** Where findings about the pod as a whole point: the template's `spec:` key, else `kind:`. */
  readonly anchor: Range;
}

const CONTAINER_FIELDS: readonly ContainerField[] = ['initContainers', 'containers', 'ephemeralContainers'];

export function podView(metadata: NodeView, spec: NodeView, fallbackAnchor: Range): PodView {
  const containers: ContainerView[] = [];
  for (const field of CONTAINER_FIELDS) {
    spec.get(field).items().forEach((item, index) => {
      const nameView = item.get('name');
      const name = nameView.str() ?? '';
      const view = nameView.site ? item.withAnchor(nameView.site) : item;
      containers.push({ view, field, index, name, securityContext: view.get('securityContext') });
    });
  }
  const annotations: AnnotationView[] = [];
  for (const { key, value } of metadata.get('annotations').entries()) {
    const text = value.str();
    if (text !== undefined) annotations.push({ key, value: text, view: value });
    else if (!value.exists) annotations.push({ key, value: '', view: value });
  }
  return {
    metadata,
    spec,
    securityContext: spec.get('securityContext'),
    containers,
    annotations,
    isWindows: spec.get('os').get('name').str() === 'windows',
    isUserNamespaced: spec.get('hostUsers').bool() === false,
    anchor: spec.keySite ?? spec.site ?? fallbackAnchor,
  };
}
