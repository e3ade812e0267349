/** Small manifests shared by the CLI tests. */
export const PRIVILEGED_POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx
    securityContext:
      privileged: true
`;

export const BASELINE_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  namespace: shop
spec:
  template:
    spec:
      containers:
      - name: app
        image: app
`;

export const RESTRICTED_POD = `apiVersion: v1
kind: Pod
metadata:
  name: ok
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: ok
    image: ok
    securityContext:
      allowPrivilegeEscalation: false
      capabilities:
        drop: [ALL]
`;

export const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: svc
spec:
  ports:
  - port: 80
`;

export const BROKEN = `apiVersion: v1
kind: Pod
metadata: {name: [unclosed
`;

/** Two documents with comments, flow style and a hostPath volume, which no safe fix removes. */
export const WEB = `# The web tier.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web   # public
spec:
  template:
    spec:
      hostNetwork: true  # TODO: why?
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
            privileged: true   # legacy
            capabilities: {add: [NET_ADMIN]}
---
apiVersion: v1
kind: Pod
metadata:
  name: logs
spec:
  containers:
  - name: tail
    image: busybox
    volumeMounts:
    - {name: varlog, mountPath: /var/log}
  volumes:
  - name: varlog
    hostPath: {path: /var/log}   # node logs
`;
