/** Manifests shared by the PSP migration tests (CLI and language server). */

/** Baseline: allowPrivilegeEscalation unset (defaults to true); mutating: runAsUser MustRunAs, fsGroup MustRunAs, seccomp default. */
export const LEGACY_PSP = `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
  annotations:
    seccomp.security.alpha.kubernetes.io/allowedProfileNames: runtime/default
    seccomp.security.alpha.kubernetes.io/defaultProfileName: runtime/default
    apparmor.security.beta.kubernetes.io/allowedProfileNames: runtime/default
spec:
  privileged: false
  requiredDropCapabilities: [ALL]
  volumes: [configMap, secret, emptyDir, projected]
  runAsUser:
    rule: MustRunAs
    ranges: [{min: 1000, max: 65535}]
  seLinux:
    rule: MustRunAs
  supplementalGroups:
    rule: RunAsAny
  fsGroup:
    rule: MustRunAs
    ranges: [{min: 2000, max: 2000}]
`;

export const PRIVILEGED_PSP = `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: privileged
spec:
  privileged: true
  allowedCapabilities: ['*']
  volumes: ['*']
  hostNetwork: true
  runAsUser: {rule: RunAsAny}
  seLinux: {rule: RunAsAny}
  supplementalGroups: {rule: RunAsAny}
  fsGroup: {rule: RunAsAny}
`;

export const RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: psp-legacy
rules:
- apiGroups: [policy]
  resources: [podsecuritypolicies]
  verbs: [use]
  resourceNames: [legacy]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: legacy-apps
  namespace: apps
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: psp-legacy
subjects:
- kind: ServiceAccount
  name: default
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: legacy-batch
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: psp-legacy
subjects:
- kind: Group
  name: system:serviceaccounts:batch
- kind: ServiceAccount
  name: runner
  namespace: tools
`;

/** `apps` has a manifest to label; `batch` has none; `tools` already enforces privileged. */
export const APPS_NS = `apiVersion: v1
kind: Namespace
metadata:
  name: apps  # the shop
  labels:
    team: shop
`;

export const TOOLS_NS = `apiVersion: v1
kind: Namespace
metadata:
  name: tools
  labels:
    pod-security.kubernetes.io/enforce: privileged
`;
