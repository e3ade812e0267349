import { testCheck } from '../../../test/support/checkTester';
import { sysctls } from './sysctls';

function pod(...names: string[]): string {
  return `spec:\n  securityContext:\n    sysctls:\n${names.map((n) => `    - name: ${n}\n      value: "1"\n`).join('')}`;
}

const V1_0 = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'];
const V1_27 = ['net.ipv4.ip_local_reserved_ports'];
const V1_29 = ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];
const V1_32 = ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];
const V1_37 = ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'];

/** Each group is allowed from its version on and forbidden just before it. */
const GROUPS: ReadonlyArray<{ names: string[]; since: string; before: string }> = [
  { names: V1_27, since: 'v1.27', before: 'v1.26' },
  { names: V1_29, since: 'v1.29', before: 'v1.28' },
  { names: V1_32, since: 'v1.32', before: 'v1.31' },
  { names: V1_37, since: 'v1.37', before: 'v1.36' },
];

testCheck(sysctls, {
  valid: [
    { name: 'no sysctls', yaml: 'spec:\n  securityContext: {}\n', versions: ['v1.0', 'latest'] },
    { name: 'empty list', yaml: 'spec:\n  securityContext:\n    sysctls: []\n' },
    { name: 'null list', yaml: 'spec:\n  securityContext:\n    sysctls:\n' },
    { name: 'v1.0 names', yaml: pod(...V1_0), versions: ['v1.0', 'v1.26', 'latest'] },
    ...GROUPS.map((g) => ({ name: `names added in ${g.since}`, yaml: pod(...g.names), versions: [g.since, 'latest', 'v1.99'] })),
    { name: 'every name at latest', yaml: pod(...V1_0, ...V1_27, ...V1_29, ...V1_32, ...V1_37) },
    { name: 'values are ignored', yaml: 'spec:\n  securityContext:\n    sysctls:\n    - name: kernel.shm_rmid_forced\n      value: anything\n' },
  ],
  invalid: [
    ...GROUPS.map((g) => ({
      name: `names added in ${g.since} are forbidden before it`,
      yaml: pod(...g.names.map((n) => `⟦${n}⟧`)),
      detail: g.names.join(', '),
      versions: ['v1.0', g.before],
    })),
    {
      name: 'one forbidden name',
      yaml: pod('kernel.shm_rmid_forced', '⟦net.core.somaxconn⟧'),
      detail: 'net.core.somaxconn',
      messageIds: ['sysctl'],
      versions: ['v1.0', 'latest', 'v1.99'],
    },
    {
      name: 'list order and duplicates kept, no quotes',
      yaml: pod('⟦kernel.msgmax⟧', '⟦net.ipv4.tcp_rmem⟧', 'net.ipv4.tcp_syncookies', '⟦kernel.msgmax⟧'),
      detail: 'kernel.msgmax, net.ipv4.tcp_rmem, kernel.msgmax',
      versions: ['v1.31'],
    },
    {
      name: 'tcp_rmem allowed from v1.32',
      yaml: pod('⟦kernel.msgmax⟧', 'net.ipv4.tcp_rmem', '⟦kernel.msgmax⟧'),
      detail: 'kernel.msgmax, kernel.msgmax',
      versions: ['v1.32'],
    },
    {
      name: 'slash form and other case are not normalised',
      yaml: pod('⟦net/ipv4/tcp_syncookies⟧', '⟦Kernel.shm_rmid_forced⟧'),
      detail: 'net/ipv4/tcp_syncookies, Kernel.shm_rmid_forced',
    },
    {
      name: 'an empty name gives an empty detail',
      yaml: pod('⟦""⟧'),
      detail: '',
    },
    {
      name: 'two empty names',
      yaml: 'spec:\n  securityContext:\n    sysctls:\n    - name: ⟦""⟧\n    - ⟦value⟧: "1"\n',
      detail: ', ',
    },
  ],
});
