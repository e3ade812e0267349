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
