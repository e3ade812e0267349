import { testCheck } from '../../../test/support/checkTester';
import { restrictedVolumes } from './restrictedVolumes';

const RESTRICTED = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd',
  'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk',
  'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos',
];

/** A pod whose `volumes:` list is the given lines (already indented by two spaces). */
function volumes(...lines: string[]): string {
  return ['spec:', '  containers:', '  - name: app', '  volumes:', ...lines].join('\n');
}

testCheck(restrictedVolumes, {
  valid: [
    {
      name: 'every allowed source',
      yaml: volumes(
        '  - {name: a, configMap: {name: c}}',
        '  - {name: b, csi: {driver: d}}',
        '  - {name: c, downwardAPI: {}}',
        '  - {name: d, emptyDir: {}}',
        '  - {name: e, ephemeral: {}}',
        '  - {name: f, image: {reference: r}}',
        '  - {name: g, persistentVolumeClaim: {claimName: x}}',
        '  - {name: h, projected: {sources: []}}',
        '  - {name: i, secret: {secretName: s}}',
      ),
      versions: ['v1.0', 'v1.22', 'latest'],
    },
    { name: 'an allowed source excuses a forbidden one', yaml: volumes('  - name: a', '    hostPath: {path: /}', '    emptyDir: {}') },
    { name: 'no volumes', yaml: 'spec:\n  containers:\n  - name: app\n' },
    { name: 'empty list', yaml: 'spec:\n  volumes: []\n' },
    { name: 'null list', yaml: 'spec:\n  volumes:\n' },
  ],
  invalid: [
    {
      name: 'hostPath: points at the source key',
      yaml: volumes('  - name: host', '    ⟦hostPath⟧:', '      path: /var'),
      detail: 'volume "host" uses restricted volume type "hostPath"',
      messageIds: ['restricted'],
      versions: ['v1.0', 'v1.8', 'v1.35', 'latest'],
    },
    {
      name: 'plural volumes, singular type',
      yaml: volumes('  - name: a', '    ⟦nfs⟧: {server: s, path: /}', '  - name: ok', '    secret: {secretName: s}', '  - name: b', '    ⟦nfs⟧: {server: t, path: /}'),
      detail: 'volumes "a", "b" use restricted volume type "nfs"',
    },
    {
      name: 'no source is unknown: points at the name',
      yaml: volumes('  - name: a', '    ⟦hostPath⟧: {path: /}', '  - name: ⟦b⟧'),
      detail: 'volumes "a", "b" use restricted volume types "hostPath", "unknown"',
      messageIds: ['restricted', 'unknown'],
    },
    {
      name: 'a null source is absent (YAML `emptyDir:` with nothing after it)',
      yaml: volumes('  - name: ⟦scratch⟧', '    emptyDir:'),
      detail: 'volume "scratch" uses restricted volume type "unknown"',
      messageIds: ['unknown'],
    },
    {
      name: 'a null restricted source is absent too',
      yaml: volumes('  - name: ⟦h⟧', '    hostPath: null'),
      detail: 'volume "h" uses restricted volume type "unknown"',
    },
    {
      name: 'unknown and wrongly cased source keys are unknown',
      yaml: volumes('  - name: ⟦a⟧', '    HostPath: {path: /}', '  - name: ⟦b⟧', '    fancyNewVolume: {}'),
      detail: 'volumes "a", "b" use restricted volume type "unknown"',
    },
    {
      name: 'the first source in PSA order names the type, whatever the text order',
      yaml: volumes('  - name: a', '    nfs: {server: s, path: /}', '    ⟦hostPath⟧: {path: /}'),
      detail: 'volume "a" uses restricted volume type "hostPath"',
    },
    {
      name: 'every restricted type: names in list order, types sorted and unique',
      yaml: volumes(...RESTRICTED.map((type, i) => `  - {name: v${i}, ⟦${type}⟧: {}}`), '  - {name: again, ⟦hostPath⟧: {}}'),
      detail:
        `volumes ${[...RESTRICTED.map((_, i) => `"v${i}"`), '"again"'].join(', ')} use restricted volume types ` +
        '"awsElasticBlockStore", "azureDisk", "azureFile", "cephfs", "cinder", "fc", "flexVolume", "flocker", ' +
        '"gcePersistentDisk", "gitRepo", "glusterfs", "hostPath", "iscsi", "nfs", "photonPersistentDisk", ' +
        '"portworxVolume", "quobyte", "rbd", "scaleIO", "storageos", "vsphereVolume"',
    },
    {
      name: 'unnamed volume without a source: points at its first key',
      yaml: volumes('  - ⟦foo⟧: {}'),
      detail: 'volume "" uses restricted volume type "unknown"',
    },
    {
      name: 'null name without a source: points at the name key',
      yaml: volumes('  - ⟦name⟧: null'),
      detail: 'volume "" uses restricted volume type "unknown"',
    },
    {
      name: 'duplicate names are kept',
      yaml: volumes('  - {name: d, ⟦gitRepo⟧: {repository: r}}', '  - {name: d, ⟦cephfs⟧: {monitors: []}}'),
      detail: 'volumes "d", "d" use restricted volume types "cephfs", "gitRepo"',
    },
  ],
});
