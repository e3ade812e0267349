import type { PodView } from '../workloads/podView';
import type { NodeView } from '../yaml/view';
import { plan } from './plans';
import type { FixOp, FixPlan } from './types';

/**
 * Removing a volume changes what the workload can do, so it is offered only on its own, never in
 * fix-all. The mounts that use it go too: a mount of a missing volume is rejected by the API server.
 */
export function removeVolume(pod: PodView, volume: NodeView, name: string): FixPlan {
  const ops: FixOp[] = [{ op: 'remove', target: volume }];
  for (const c of pod.containers) {
    for (const mount of c.view.get('volumeMounts').items()) {
      if (mount.get('name').str() === name) ops.push({ op: 'remove', target: mount });
    }
  }
  const mounts = ops.length - 1;
  const suffix = mounts === 0 ? '' : mounts === 1 ? ' and its mount' : ` and its ${mounts} mounts`;
  return plan(`Remove volume ${JSON.stringify(name)}${suffix} (changes what the workload can access)`, ops, { safe: false, preferred: false });
}
