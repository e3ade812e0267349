/**
 * One manifest per fix, written the way people write them: comments above, beside and below the
 * place the fix edits, a second document after it. The golden test derives 4-space, flow and CRLF
 * variants from each.
 */
export interface FixCase {
  readonly name: string;
  /** The level (and version) the fix is judged at. */
  readonly pair: string;
  readonly check: string;
  /** Which fix to take: the preferred one (default) or the first one offered (unsafe fixes). */
  readonly take?: 'preferred' | 'first';
  readonly text: string;
}

const SERVICE = `---
# the service stays as it is
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
    - port: 80 # http
`;

function deployment(podSpec: string, podMeta = ''): string {
  const spec = podSpec.replace(/^\n/, '').replace(/\n$/, '');
  return `# web tier
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  template:
    metadata:
      labels:
        app: web${podMeta}
    spec:
${spec}
${SERVICE}`;
}

export const CASES: readonly FixCase[] = [
  {
    name: 'allowPrivilegeEscalation-unset',
    pair: 'restricted:latest',
    check: 'allowPrivilegeEscalation',
    text: deployment(`
      containers:
        - name: app
          image: nginx:1.27 # pinned
          # hardened below
          securityContext:
            runAsNonRoot: true # required
            # more to come
          ports:
            - containerPort: 8080`),
  },
  {
    name: 'allowPrivilegeEscalation-true',
    pair: 'restricted:latest',
    check: 'allowPrivilegeEscalation',
    text: deployment(`
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            # TODO: why was this needed?
            allowPrivilegeEscalation: true # set by the chart
            runAsNonRoot: true`),
  },
  {
    name: 'allowPrivilegeEscalation-no-securityContext',
    pair: 'restricted:latest',
    check: 'allowPrivilegeEscalation',
    text: deployment(`
      containers:
        - name: app
          image: nginx:1.27 # pinned
          args: ["--port", "8080"]
        # a sidecar follows
        - name: log
          image: fluent-bit:3
          securityContext: # hardened
            allowPrivilegeEscalation: false`),
  },
  {
    name: 'allowPrivilegeEscalation-null-securityContext',
    pair: 'restricted:latest',
    check: 'allowPrivilegeEscalation',
    text: deployment(`
      containers:
        - name: app
          image: nginx:1.27
          securityContext: # filled in later
          ports:
            - containerPort: 8080`),
  },
  {
    name: 'runAsNonRoot-pod-level',
    pair: 'restricted:latest',
    check: 'runAsNonRoot',
    text: deployment(`
      # pod settings
      serviceAccountName: web
      containers:
        - name: app
          image: nginx:1.27
        - name: log # sidecar
          image: fluent-bit:3
      # the end`),
  },
  {
    name: 'runAsNonRoot-container-false',
    pair: 'restricted:latest',
    check: 'runAsNonRoot',
    text: deployment(`
      securityContext:
        runAsNonRoot: true
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            runAsNonRoot: false # the image needs root?`),
  },
  {
    name: 'seccompProfile-pod-level',
    pair: 'restricted:latest',
    check: 'seccompProfile_restricted',
    text: deployment(`
      securityContext: # pod-wide
        runAsNonRoot: true
      containers:
        - name: app
          image: nginx:1.27`),
  },
  {
    name: 'seccompProfile-one-container-lacks-it',
    pair: 'restricted:latest',
    check: 'seccompProfile_restricted',
    text: deployment(`
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            seccompProfile:
              type: Localhost
              localhostProfile: profiles/app.json
        - name: log
          image: fluent-bit:3
          securityContext:
            runAsNonRoot: true # log shipper`),
  },
  {
    name: 'seccompProfile-unconfined',
    pair: 'restricted:latest',
    check: 'seccompProfile_restricted',
    text: deployment(`
      securityContext:
        seccompProfile:
          # debugging only
          type: Unconfined
      containers:
        - name: app
          image: nginx:1.27`),
  },
  {
    name: 'seccompProfile-unconfined-with-localhostProfile',
    pair: 'restricted:latest',
    check: 'seccompProfile_restricted',
    text: deployment(`
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            seccompProfile:
              type: Unconfined
              localhostProfile: profiles/old.json # left over`),
  },
  {
    name: 'capabilities-drop-missing',
    pair: 'restricted:latest',
    check: 'capabilities_restricted',
    text: deployment(`
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            allowPrivilegeEscalation: false
            # capabilities next`),
  },
  {
    name: 'capabilities-drop-without-ALL',
    pair: 'restricted:latest',
    check: 'capabilities_restricted',
    text: deployment(`
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            capabilities:
              drop:
                - NET_RAW # no raw sockets
              add: ["NET_BIND_SERVICE"]`),
  },
  {
    name: 'capabilities-restricted-add',
    pair: 'restricted:latest',
    check: 'capabilities_restricted',
    text: deployment(`
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            capabilities:
              drop: [ALL]
              add:
                - NET_ADMIN # for iptables
                - NET_BIND_SERVICE
                - SYS_TIME`),
  },
  {
    name: 'capabilities-baseline-add',
    pair: 'baseline:latest',
    check: 'capabilities_baseline',
    text: deployment(`
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            capabilities:
              add: [CHOWN, SYS_ADMIN] # SYS_ADMIN for fuse`),
  },
  {
    name: 'privileged',
    pair: 'baseline:latest',
    check: 'privileged',
    text: deployment(`
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            privileged: true # needed for the device plugin
            readOnlyRootFilesystem: true`),
  },
  {
    name: 'procMount',
    pair: 'baseline:latest',
    check: 'procMount',
    text: deployment(`
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            procMount: "Unmasked" # nested containers`),
  },
  {
    name: 'appArmor-field',
    pair: 'baseline:latest',
    check: 'appArmorProfile',
    text: deployment(`
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            appArmorProfile:
              type: Unconfined # for strace`),
  },
  {
    name: 'appArmor-annotation',
    pair: 'baseline:latest',
    check: 'appArmorProfile',
    text: deployment(`
      containers:
        - name: app
          image: nginx:1.27`, `
      annotations:
        # legacy annotation
        container.apparmor.security.beta.kubernetes.io/app: unconfined
        team: web`),
  },
  {
    name: 'seLinux-type',
    pair: 'baseline:latest',
    check: 'seLinuxOptions',
    text: deployment(`
      securityContext:
        seLinuxOptions:
          level: "s0:c123,c456"
          type: spc_t # super privileged
      containers:
        - name: app
          image: nginx:1.27`),
  },
  {
    name: 'seLinux-user-role',
    pair: 'baseline:latest',
    check: 'seLinuxOptions',
    text: deployment(`
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            seLinuxOptions:
              user: system_u # from the old policy
              role: system_r
              level: "s0:c1"`),
  },
  {
    name: 'runAsUser-root',
    pair: 'restricted:latest',
    check: 'runAsUser',
    text: deployment(`
      securityContext:
        runAsNonRoot: true
        runAsUser: 0 # root
        fsGroup: 2000
      containers:
        - name: app
          image: nginx:1.27`),
  },
  {
    name: 'hostNamespaces',
    pair: 'baseline:latest',
    check: 'hostNamespaces',
    text: deployment(`
      # node-level agent
      hostNetwork: true
      hostPID: true # for ps
      dnsPolicy: ClusterFirstWithHostNet
      containers:
        - name: app
          image: nginx:1.27`),
  },
  {
    name: 'hostPorts',
    pair: 'baseline:latest',
    check: 'hostPorts',
    text: deployment(`
      containers:
        - name: app
          image: nginx:1.27
          ports:
            - containerPort: 8080
              hostPort: 80 # exposed on the node
              protocol: TCP
            - hostPort: 443
              containerPort: 8443`),
  },
  {
    name: 'sysctls',
    pair: 'baseline:latest',
    check: 'sysctls',
    text: deployment(`
      securityContext:
        sysctls:
          - name: net.ipv4.tcp_syncookies
            value: "1"
          # shared memory for the database
          - name: kernel.shm_rmid_forced
            value: "0"
          - name: kernel.msgmax # not namespaced safely
            value: "65536"
      containers:
        - name: app
          image: nginx:1.27`),
  },
  {
    name: 'windowsHostProcess',
    pair: 'baseline:latest',
    check: 'windowsHostProcess',
    text: deployment(`
      securityContext:
        windowsOptions:
          hostProcess: true # node agent
          runAsUserName: "NT AUTHORITY\\\\SYSTEM"
      hostNetwork: false
      containers:
        - name: app
          image: mcr.microsoft.com/windows/nanoserver:ltsc2022`),
  },
  {
    name: 'probe-host',
    pair: 'baseline:latest',
    check: 'hostProbesAndHostLifecycle',
    text: deployment(`
      containers:
        - name: app
          image: nginx:1.27
          livenessProbe:
            httpGet:
              host: 10.0.0.1 # the old health endpoint
              path: /healthz
              port: 8080
            periodSeconds: 10`),
  },
  {
    name: 'hostPath-volume',
    pair: 'baseline:latest',
    check: 'hostPathVolumes',
    take: 'first',
    text: deployment(`
      containers:
        - name: app
          image: nginx:1.27
          volumeMounts:
            - name: config
              mountPath: /etc/app
            - name: host-root # debugging
              mountPath: /host
      volumes:
        - name: config
          configMap:
            name: web
        # the classic host takeover
        - name: host-root
          hostPath:
            path: /root`),
  },
  {
    name: 'restricted-volume',
    pair: 'restricted:latest',
    check: 'restrictedVolumes',
    take: 'first',
    text: deployment(`
      containers:
        - name: app
          image: nginx:1.27
          volumeMounts:
            - name: shared # NFS share
              mountPath: /data
      volumes:
        - name: shared
          nfs:
            server: nfs.example.com
            path: /exports`),
  },
  {
    name: 'seccomp-baseline-annotation',
    pair: 'baseline:v1.18',
    check: 'seccompProfile_baseline',
    text: deployment(`
      containers:
        - name: app
          image: nginx:1.27`, `
      annotations:
        seccomp.security.alpha.kubernetes.io/pod: unconfined # legacy`),
  },
  {
    name: 'seccomp-baseline-field',
    pair: 'baseline:latest',
    check: 'seccompProfile_baseline',
    text: deployment(`
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            seccompProfile: {type: Unconfined}`),
  },
  {
    name: 'procMount-restricted',
    pair: 'restricted:v1.35',
    check: 'procMount_restricted',
    text: deployment(`
      hostUsers: false
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            procMount: Unmasked`),
  },
];
