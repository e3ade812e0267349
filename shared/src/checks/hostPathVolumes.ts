import { removeVolume } from '../fix/volumes';
import { plural, quoteList } from './text';
import type { CheckContext, CheckDefinition, Verdict } from './types';
import type { PodView } from '../workloads/podView';

/**
 * HostPath volumes must be forbidden.
 * Restricted fields: spec.volumes[*].hostPath
 * Allowed: absent (a volume that also carries another source is still reported).
 * Restricted replaces this check with restrictedVolumes at every version.
 */
export const hostPathVolumes: CheckDefinition = {
  id: 'hostPathVolumes',
  level: 'baseline',
  reason: 'hostPath volumes',
  title: 'HostPath volumes',
  messages: { hostPath: '{{volume}} must not use a hostPath volume source' },
  versions: [{ since: 'v1.0', run: v1_0 }],
};

function v1_0(pod: PodView, ctx: CheckContext): Verdict | undefined {
  const bad: string[] = [];
  for (const volume of pod.spec.get('volumes').items()) {
    const hostPath = volume.get('hostPath');
    if (!hostPath.exists) continue;
    const name = volume.get('name').str() ?? '';
    bad.push(name);
    ctx.report({ at: hostPath.keyOrValueSite, messageId: 'hostPath', data: { volume: `volume ${quoteList([name])}` }, fixes: [removeVolume(pod, volume, name)] });
  }
  if (bad.length === 0) return undefined;
  return { detail: `${plural('volume', 'volumes', bad.length)} ${quoteList(bad)}` };
}
