{{- define "addispay.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}{{ .Release.Name | trunc 50 | trimSuffix "-" }}{{- else -}}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" }}{{- end -}}
{{- end -}}

{{- define "addispay.labels" -}}
app.kubernetes.io/name: addispay
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one component (a module Deployment, "all", "postgres", "migrate"). */}}
{{- define "addispay.selector" -}}
app.kubernetes.io/name: addispay
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Enabled module names, sorted. */}}
{{- define "addispay.enabledModules" -}}
{{- $names := list -}}
{{- range $name, $m := .Values.modules -}}{{- if $m.enabled -}}{{- $names = append $names $name -}}{{- end -}}{{- end -}}
{{- sortAlpha $names | toJson -}}
{{- end -}}

{{/*
The Deployments of one shape, as JSON: [{name, modules:[...], settings:{...}}]. Called with (dict "root" $ "mode" m
"groups" g "key" k), k naming the values read ("" for mode/groups, "retiring." for retiring.mode/groups) in refusals.
In "all" mode one Deployment named "all" runs every enabled module; in "split" mode each enabled module has its own;
in "groups" mode each entry of groups runs its enabled modules and every enabled module of no group runs alone, as in
split. "all" and "split" are the two extreme groupings.
*/}}
{{- define "addispay.shape" -}}
{{- $root := .root -}}
{{- $mode := .mode -}}
{{- $groups := default dict .groups -}}
{{- $key := .key -}}
{{- $modules := include "addispay.enabledModules" $root | fromJsonArray -}}
{{- $result := list -}}
{{- if eq $mode "all" -}}
{{- $settings := mergeOverwrite (deepCopy $root.Values.defaults) (deepCopy (default dict $root.Values.all)) -}}
{{- $result = append $result (dict "name" "all" "modules" $modules "settings" $settings) -}}
{{- else if or (eq $mode "split") (eq $mode "groups") -}}
{{- $grouped := list -}}
{{- if eq $mode "groups" -}}
{{- if not $groups -}}{{- fail (printf "%smode groups needs at least one entry in %sgroups (name: {modules: [...]})" $key $key) -}}{{- end -}}
{{- range $group, $g := $groups -}}
{{- if not (regexMatch "^[a-z]([-a-z0-9]*[a-z0-9])?$" $group) -}}{{- fail (printf "group name %q must be a DNS label (lower-case letters, digits and '-')" $group) -}}{{- end -}}
{{- if or (eq $group "all") (eq $group "postgres") (eq $group "test") (eq $group "migrate") -}}{{- fail (printf "group name %q is taken by the chart" $group) -}}{{- end -}}
{{- $members := list -}}
{{- range $name := (default list $g.modules) -}}
{{- if not (hasKey $root.Values.modules $name) -}}{{- fail (printf "group %q lists %q, which is not a module" $group $name) -}}{{- end -}}
{{- if has $name $grouped -}}{{- fail (printf "module %q is in more than one group" $name) -}}{{- end -}}
{{- $grouped = append $grouped $name -}}
{{- if has $name $modules -}}{{- $members = append $members $name -}}{{- end -}}
{{- end -}}
{{- if and (hasKey $root.Values.modules $group) (not (has $group (default list $g.modules))) -}}{{- fail (printf "group name %q is a module's name but the group does not hold that module" $group) -}}{{- end -}}
{{- if $members -}}
{{- $own := omit $g "modules" -}}
{{- $settings := mergeOverwrite (deepCopy $root.Values.defaults) (deepCopy $own) -}}
{{- $result = append $result (dict "name" $group "modules" (sortAlpha $members) "settings" $settings) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- range $name := $modules -}}
{{- if not (has $name $grouped) -}}
{{- $own := omit (get $root.Values.modules $name) "enabled" "dependsOn" -}}
{{- $settings := mergeOverwrite (deepCopy $root.Values.defaults) (deepCopy $own) -}}
{{- $result = append $result (dict "name" $name "modules" (list $name) "settings" $settings) -}}
{{- end -}}
{{- end -}}
{{- else -}}
{{- fail (printf "%smode must be 'all', 'split' or 'groups', not %q" $key $mode) -}}
{{- end -}}
{{- $result | toJson -}}
{{- end -}}

{{/*
The Deployments to render, as JSON: the shape's (mode, groups) and, while a move between shapes is under way, the
previous shape's (retiring.mode, retiring.groups) beside them, marked "retiring": true, so that both run until the new
ones are ready (docs/operations.md, "Moving a running shop between shapes"). A Deployment both shapes have is rendered
once, from the new shape; it must run the same modules in both, or its rolling update would take a module away from
its old pods before anything else runs it.
*/}}
{{- define "addispay.deployments" -}}
{{- $result := include "addispay.shape" (dict "root" . "mode" .Values.mode "groups" .Values.groups "key" "") | fromJsonArray -}}
{{- with .Values.retiring -}}
{{- $current := dict -}}
{{- range $d := $result -}}{{- $_ := set $current $d.name $d.modules -}}{{- end -}}
{{- /* A move out of groups keeps `groups` as it was: retiring.groups may then be left out. */ -}}
{{- range $d := include "addispay.shape" (dict "root" $ "mode" .mode "groups" (default $.Values.groups .groups) "key" "retiring.") | fromJsonArray -}}
{{- if hasKey $current $d.name -}}
{{- if ne (toJson (get $current $d.name)) (toJson $d.modules) -}}
{{- fail (printf "Deployment %q runs %s in the new shape but %s in the retiring one: rolling it would take modules away from its old pods before another Deployment serves them. Give the group another name, so that the old one retires beside it." $d.name (join "," (get $current $d.name)) (join "," $d.modules)) -}}
{{- end -}}
{{- else -}}
{{- $result = append $result (merge $d (dict "retiring" true)) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $result | toJson -}}
{{- end -}}

{{/* The pod label saying a pod runs a module: modules.addispay.et/<module>: "true". Its module's Service selects on it. */}}
{{- define "addispay.moduleLabel" -}}modules.addispay.et/{{ . }}{{- end -}}

{{/* Selector of every pod running a module, whatever Deployment (and shape) it belongs to. */}}
{{- define "addispay.moduleSelector" -}}
app.kubernetes.io/name: addispay
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{ include "addispay.moduleLabel" .module }}: "true"
{{- end -}}

{{/* Enabled modules that send requests to the given module (its callers in modules.*.dependsOn), sorted. */}}
{{- define "addispay.callersOfModule" -}}
{{- $callers := list -}}
{{- range $name, $m := .root.Values.modules -}}
{{- if and $m.enabled (has $.module (default list $m.dependsOn)) -}}{{- $callers = append $callers $name -}}{{- end -}}
{{- end -}}
{{- sortAlpha $callers | toJson -}}
{{- end -}}

{{/* Enabled modules the given module sends requests to, sorted. */}}
{{- define "addispay.calleesOfModule" -}}
{{- $callees := list -}}
{{- range $dep := (default list (get .root.Values.modules .module).dependsOn) -}}
{{- if (get $.root.Values.modules $dep).enabled -}}{{- $callees = append $callees $dep -}}{{- end -}}
{{- end -}}
{{- sortAlpha $callees | uniq | toJson -}}
{{- end -}}

{{/*
Deployments (of both shapes while one retires) whose pods send requests to a module of the given Deployment: those
running a caller of one of its modules without running that module itself (they reach it through its Service).
*/}}
{{- define "addispay.callersOf" -}}
{{- $target := .deployment -}}
{{- $callers := list -}}
{{- range $source := .deployments -}}
{{- range $module := $target.modules -}}
{{- if not (has $module $source.modules) -}}
{{- range $caller := include "addispay.callersOfModule" (dict "root" $.root "module" $module) | fromJsonArray -}}
{{- if has $caller $source.modules -}}{{- $callers = append $callers $source.name -}}{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $callers | uniq | sortAlpha | toJson -}}
{{- end -}}

{{- define "addispay.secretName" -}}
{{- default (printf "%s-secrets" (include "addispay.fullname" .)) .Values.secrets.existingSecret -}}
{{- end -}}

{{- define "addispay.image" -}}
{{ include "addispay.imageFor" (dict "root" .) }}
{{- end -}}

{{/*
The image a pod runs: a module's own tag (split mode's canary pin) when given; else the release's image by digest
when image.digest is set (what was scanned is what runs, whatever the tag points at later); else by tag.
*/}}
{{- define "addispay.imageFor" -}}
{{- $image := .root.Values.image -}}
{{- if .tag -}}{{ $image.repository }}:{{ .tag }}
{{- else if $image.digest -}}{{ $image.repository }}@{{ $image.digest }}
{{- else -}}{{ $image.repository }}:{{ default .root.Chart.AppVersion $image.tag }}
{{- end -}}
{{- end -}}

{{/* Keeps a generated secret value stable across upgrades: reuse what the Secret already holds. */}}
{{- define "addispay.stableSecret" -}}
{{- $existing := lookup "v1" "Secret" .root.Release.Namespace .name -}}
{{- if .value -}}{{ .value }}{{- else if and $existing (index $existing.data .key) -}}{{ index $existing.data .key | b64dec }}{{- else -}}{{ .generate }}{{- end -}}
{{- end -}}

{{- define "addispay.dbHost" -}}
{{- if eq .Values.database.mode "internal" -}}{{ include "addispay.fullname" . }}-postgres
{{- else if eq .Values.database.mode "cloudnativepg" -}}{{ include "addispay.fullname" . }}-db-rw
{{- else -}}{{ required "database.external.host is required when database.mode is external" .Values.database.external.host }}{{- end -}}
{{- end -}}

{{/* Environment shared by the app Deployments and the migrate Job. */}}
{{- define "addispay.commonEnv" -}}
- name: ConnectionStrings__AddisPay
  valueFrom: { secretKeyRef: { name: {{ include "addispay.secretName" . }}, key: connectionString } }
- name: AddisPay__InternalKey
  valueFrom: { secretKeyRef: { name: {{ include "addispay.secretName" . }}, key: internalKey } }
- name: AddisPay__Auth__SigningKeys__{{ .Values.secrets.signingKeyId }}
  valueFrom: { secretKeyRef: { name: {{ include "addispay.secretName" . }}, key: signingKey } }
{{- if .Values.secrets.previousSigningKeyId }}
- name: AddisPay__Auth__SigningKeys__{{ .Values.secrets.previousSigningKeyId }}
  valueFrom: { secretKeyRef: { name: {{ include "addispay.secretName" . }}, key: previousSigningKey } }
{{- end }}
- name: AddisPay__Auth__ActiveKeyId
  value: {{ .Values.secrets.signingKeyId | quote }}
- name: AddisPay__Payments__Chapa__SecretKey
  valueFrom: { secretKeyRef: { name: {{ include "addispay.secretName" . }}, key: chapaSecretKey, optional: true } }
- name: AddisPay__Payments__Chapa__WebhookSecret
  valueFrom: { secretKeyRef: { name: {{ include "addispay.secretName" . }}, key: chapaWebhookSecret, optional: true } }
- name: AddisPay__Payments__Telebirr__FabricAppId
  valueFrom: { secretKeyRef: { name: {{ include "addispay.secretName" . }}, key: telebirrFabricAppId, optional: true } }
- name: AddisPay__Payments__Telebirr__AppSecret
  valueFrom: { secretKeyRef: { name: {{ include "addispay.secretName" . }}, key: telebirrAppSecret, optional: true } }
- name: AddisPay__Payments__Telebirr__PrivateKey
  valueFrom: { secretKeyRef: { name: {{ include "addispay.secretName" . }}, key: telebirrPrivateKey, optional: true } }
- name: AddisPay__Payments__Telebirr__PublicKey
  valueFrom: { secretKeyRef: { name: {{ include "addispay.secretName" . }}, key: telebirrPublicKey, optional: true } }
# Optional: an existing Secret made before Notifications may lack these keys.
- name: AddisPay__Notifications__Email__Password
  valueFrom: { secretKeyRef: { name: {{ include "addispay.secretName" . }}, key: smtpPassword, optional: true } }
- name: AddisPay__Notifications__Sms__ApiKey
  valueFrom: { secretKeyRef: { name: {{ include "addispay.secretName" . }}, key: smsApiKey, optional: true } }
- name: AddisPay__Notifications__UnsubscribeKey
  valueFrom: { secretKeyRef: { name: {{ include "addispay.secretName" . }}, key: unsubscribeKey, optional: true } }
{{- end -}}

{{- define "addispay.podSecurity" -}}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
automountServiceAccountToken: false
{{- end -}}

{{- define "addispay.dnsEgress" -}}
- to:
    - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }
  ports:
    - { protocol: UDP, port: 53 }
    - { protocol: TCP, port: 53 }
{{- end }}
{{/* A pod with a sidecar fetches its configuration and certificate from istiod: without this its proxy never starts. */}}
{{- define "addispay.meshEgress" -}}
{{- if .Values.istio.enabled }}
- to:
    - namespaceSelector:
        {{- toYaml .Values.istio.controlPlane.namespaceSelector | nindent 8 }}
  ports:
    {{- range $p := .Values.istio.controlPlane.ports }}
    - { protocol: TCP, port: {{ $p }} }
    {{- end }}
{{- end }}
{{- end }}
{{- define "addispay.databaseEgress" -}}
{{- if eq .Values.database.mode "internal" }}
- to:
    - podSelector: { matchLabels: { {{ include "addispay.selector" (dict "root" . "component" "postgres") | replace "\n" ", " }} } }
  ports: [{ protocol: TCP, port: 5432 }]
{{- else if eq .Values.database.mode "cloudnativepg" }}
- to:
    - podSelector: { matchLabels: { cnpg.io/cluster: {{ include "addispay.fullname" . }}-db } }
  ports: [{ protocol: TCP, port: 5432 }]
{{- else if .Values.database.external.cidr }}
- to:
    - ipBlock: { cidr: {{ .Values.database.external.cidr }} }
  ports: [{ protocol: TCP, port: {{ .Values.database.external.port }} }]
{{- else }}
- ports: [{ protocol: TCP, port: {{ .Values.database.external.port }} }]
{{- end }}
{{- end }}

{{/*
"true" when ServiceMonitor and PrometheusRule can be installed: metrics.prometheusOperator true, or auto and the
cluster serves monitoring.coreos.com/v1 (`helm template` knows only what --api-versions tells it).
*/}}
{{- define "addispay.prometheusOperator" -}}
{{- $mode := toString .Values.metrics.prometheusOperator -}}
{{- if or (eq $mode "true") (and (eq $mode "auto") (.Capabilities.APIVersions.Has "monitoring.coreos.com/v1")) -}}true{{- end -}}
{{- end -}}

{{/* Annotations for Prometheus' kubernetes-pods discovery (and Istio's metrics merging, which reads them). */}}
{{- define "addispay.scrapeAnnotations" -}}
{{- if or (not (include "addispay.prometheusOperator" .)) .Values.istio.enabled -}}
prometheus.io/scrape: "true"
prometheus.io/port: {{ include "addispay.internalPort" . | quote }}
prometheus.io/path: /metrics
{{- end -}}
{{- end -}}

{{/* The pod's public port (the image listens there): the API and the shop, what the Ingress reaches. */}}
{{- define "addispay.publicPort" -}}8080{{- end -}}

{{/*
The pod's internal port (AddisPay:InternalPort): /internal, /health and /metrics answer only there. Were it one of
the public ports, the Ingress's "/" to the storefront would publish them: refused.
*/}}
{{- define "addispay.internalPort" -}}
{{- $port := int .Values.service.internalPort -}}
{{- if or (eq $port (int (include "addispay.publicPort" .))) (eq $port (int .Values.service.port)) -}}
{{- fail (printf "service.internalPort is %d, a public port (8080 in the pod, service.port %v): the Ingress's \"/\" would publish /internal, /metrics and /health. Choose another port." $port .Values.service.port) -}}
{{- end -}}
{{- $port -}}
{{- end -}}
