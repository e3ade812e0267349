import { removeVolume } from '../fix/volumes';
import { plural, quoteList, sortedUnique } from './text';
import type { CheckContext, CheckDefinition, Verdict } from './types';
import type { PodView } from '../workloads/podView';
import type { Range } from '../yaml/range';
import type { NodeView } from '../yaml/view';

/**
 * In addition to restricting HostPath volumes, the restricted profile limits usage of
 * non-core volume types to those defined through PersistentVolumes.
 * Restricted fields: spec.volumes[*] (which volume source is set)
 * Allowed: configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim,
 * projected, secret. A volume with any allowed source passes, even if it also has another one.
 * Replaces hostPathVolumes at restricted at every version.
 */
export const restrictedVolumes: CheckDefinition = {
  id: 'restrictedVolumes',
  level: 'restricted',
  reason: 'restricted volume types',
  title: 'Restricted volume types',
  messages: {
    restricted: 'volume "{{volume}}" uses restricted volume type "{{type}}"',
    unknown: 'volume "{{volume}}" has no allowed volume source (restricted volume type "unknown")',
  },
  versions: [{ since: 'v1.0', run: v1_0, overrides: ['hostPathVolumes'] }],
};

const ALLOWED_SOURCES = [
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret',
] as const;

/** PSA's order: the first present source names the volume's type in the detail. */
const RESTRICTED_SOURCES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd',
  'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk',
  'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos',
] as const;

function v1_0(pod: PodView, ctx: CheckContext): Verdict | undefined {
  const names: string[] = [];
  const types: string[] = [];
  for (const volume of pod.spec.get('volumes').items()) {
    if (ALLOWED_SOURCES.some((source) => volume.get(source).exists)) continue;
    const nameView = volume.get('name');
    const name = nameView.str() ?? '';
    const { type, at } = restrictedType(volume, nameView);
    names.push(name);
    types.push(type);
    const fixes = [removeVolume(pod, volume, name)];
    ctx.report({ at, messageId: type === 'unknown' ? 'unknown' : 'restricted', data: { volume: name, type }, fixes });
  }
  if (names.length === 0) return undefined;
  const uniqueTypes = sortedUnique(types);
  return {
    detail: `${plural('volume', 'volumes', names.length)} ${quoteList(names)} ${plural('uses', 'use', names.length)} ` +
      `${plural('restricted volume type', 'restricted volume types', uniqueTypes.length)} ${quoteList(uniqueTypes)}`,
  };
}

/**
 * The type PSA records for a volume without an allowed source, and where to point: the source's
 * key, or for `unknown` (no source, a null source, or a source PSA does not know) the volume name.
 */
function restrictedType(volume: NodeView, nameView: NodeView): { type: string; at: Range } {
  for (const source of RESTRICTED_SOURCES) {
    const view = volume.get(source);
    if (view.exists) return { type: source, at: view.keyOrValueSite };
  }
  return { type: 'unknown', at: nameView.exists ? nameView.valueSite : nameView.keyOrValueSite };
}
