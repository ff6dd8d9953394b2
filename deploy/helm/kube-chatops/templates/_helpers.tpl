{{- define "kube-chatops.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "kube-chatops.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "kube-chatops.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "kube-chatops.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "kube-chatops.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kube-chatops.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "kube-chatops.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "kube-chatops.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Values that must be set, checked once for every template. */}}
{{- define "kube-chatops.validate" -}}
{{- if not .Values.slack.existingSecret -}}
{{- fail "slack.existingSecret: name the Secret holding the Slack signing secret and bot token" -}}
{{- end -}}
{{- if and (not .Values.openstack.cloudsYaml.existingSecret) (not .Values.openstack.authUrl) -}}
{{- fail "openstack: set cloudsYaml.existingSecret (with cloudsYaml.cloud) or authUrl with applicationCredential.existingSecret" -}}
{{- end -}}
{{- if and .Values.openstack.cloudsYaml.existingSecret (not .Values.openstack.cloudsYaml.cloud) -}}
{{- fail "openstack.cloudsYaml.cloud: name the cloud of clouds.yaml to use (OS_CLOUD)" -}}
{{- end -}}
{{- if and .Values.openstack.authUrl (not .Values.openstack.applicationCredential.existingSecret) -}}
{{- fail "openstack.applicationCredential.existingSecret: required with openstack.authUrl" -}}
{{- end -}}
{{- if and .Values.redis.sentinel.enabled (not .Values.redis.sentinel.sentinels) -}}
{{- fail "redis.sentinel.sentinels: list host:port of each Sentinel" -}}
{{- end -}}
{{- if and (ne .Values.tickets.sink "slack") (not .Values.tickets.existingSecret) -}}
{{- fail (printf "tickets.existingSecret: required for the %s sink" .Values.tickets.sink) -}}
{{- end -}}
{{- end -}}

{{/* The environment shared by both roles; secrets only as references to existing Secrets. */}}
{{- define "kube-chatops.env" -}}
- name: PORT
  value: "3000"
- name: METRICS_PORT
  value: {{ .Values.metrics.port | quote }}
- name: LOG_LEVEL
  value: {{ .Values.logLevel | quote }}
- name: SLACK_SIGNING_SECRET
  valueFrom:
    secretKeyRef: { name: {{ .Values.slack.existingSecret | quote }}, key: {{ .Values.slack.keys.signingSecret | quote }} }
- name: SLACK_BOT_TOKEN
  valueFrom:
    secretKeyRef: { name: {{ .Values.slack.existingSecret | quote }}, key: {{ .Values.slack.keys.botToken | quote }} }
{{- if .Values.slack.socketMode }}
- name: SLACK_APP_TOKEN
  valueFrom:
    secretKeyRef: { name: {{ .Values.slack.existingSecret | quote }}, key: {{ .Values.slack.keys.appToken | quote }} }
{{- end }}
{{- with .Values.slack.allowedTeams }}
- name: SLACK_ALLOWED_TEAMS
  value: {{ join "," . | quote }}
{{- end }}
{{- if .Values.redis.sentinel.enabled }}
- name: REDIS_SENTINELS
  value: {{ join "," .Values.redis.sentinel.sentinels | quote }}
- name: REDIS_SENTINEL_MASTER
  value: {{ .Values.redis.sentinel.masterName | quote }}
{{- if .Values.redis.sentinel.existingSecret }}
- name: REDIS_PASSWORD
  valueFrom:
    secretKeyRef: { name: {{ .Values.redis.sentinel.existingSecret | quote }}, key: {{ .Values.redis.sentinel.passwordKey | quote }}, optional: true }
- name: REDIS_SENTINEL_PASSWORD
  valueFrom:
    secretKeyRef: { name: {{ .Values.redis.sentinel.existingSecret | quote }}, key: {{ .Values.redis.sentinel.sentinelPasswordKey | quote }}, optional: true }
{{- end }}
{{- else if .Values.redis.existingSecret }}
- name: REDIS_URL
  valueFrom:
    secretKeyRef: { name: {{ .Values.redis.existingSecret | quote }}, key: {{ .Values.redis.urlKey | quote }} }
{{- else }}
- name: REDIS_URL
  value: {{ .Values.redis.url | quote }}
{{- end }}
- name: QUEUE_PREFIX
  value: {{ .Values.redis.prefix | quote }}
- name: POLL_INTERVAL_SECONDS
  value: {{ .Values.pollIntervalSeconds | quote }}
{{- if .Values.openstack.cloudsYaml.existingSecret }}
- name: OS_CLIENT_CONFIG_FILE
  value: /etc/openstack/clouds.yaml
- name: OS_CLOUD
  value: {{ .Values.openstack.cloudsYaml.cloud | quote }}
{{- else }}
- name: OS_AUTH_URL
  value: {{ .Values.openstack.authUrl | quote }}
- name: OS_APPLICATION_CREDENTIAL_ID
  valueFrom:
    secretKeyRef: { name: {{ .Values.openstack.applicationCredential.existingSecret | quote }}, key: {{ .Values.openstack.applicationCredential.idKey | quote }} }
- name: OS_APPLICATION_CREDENTIAL_SECRET
  valueFrom:
    secretKeyRef: { name: {{ .Values.openstack.applicationCredential.existingSecret | quote }}, key: {{ .Values.openstack.applicationCredential.secretKey | quote }} }
{{- end }}
{{- with .Values.openstack.regionName }}
- name: OS_REGION_NAME
  value: {{ . | quote }}
{{- end }}
- name: OS_INTERFACE
  value: {{ .Values.openstack.interface | quote }}
{{- if .Values.openstack.caBundle.existingSecret }}
- name: OS_CACERT
  value: /etc/openstack/ca/ca.pem
{{- end }}
{{- if .Values.access.policy }}
- name: KUBE_POLICY_FILE
  value: /etc/kube-chatops/policy/policy.yaml
{{- else }}
{{- with .Values.access.operators }}
- name: KUBE_OPERATORS
  value: {{ join "," . | quote }}
{{- end }}
{{- with .Values.access.admins }}
- name: KUBE_ADMINS
  value: {{ join "," . | quote }}
{{- end }}
{{- end }}
{{- if .Values.kubeconfigs.existingSecret }}
- name: KUBECONFIG_DIR
  value: /etc/kube-chatops/kubeconfigs
{{- end }}
- name: TICKET_SINK
  value: {{ .Values.tickets.sink | quote }}
{{- if eq .Values.tickets.sink "webhook" }}
- name: TICKET_WEBHOOK_URL
  value: {{ .Values.tickets.webhook.url | quote }}
- name: TICKET_WEBHOOK_SECRET
  valueFrom:
    secretKeyRef: { name: {{ .Values.tickets.existingSecret | quote }}, key: {{ .Values.tickets.keys.webhookSecret | quote }} }
{{- else if eq .Values.tickets.sink "zendesk" }}
- name: ZENDESK_URL
  value: {{ .Values.tickets.zendesk.url | quote }}
- name: ZENDESK_EMAIL
  value: {{ .Values.tickets.zendesk.email | quote }}
- name: ZENDESK_API_TOKEN
  valueFrom:
    secretKeyRef: { name: {{ .Values.tickets.existingSecret | quote }}, key: {{ .Values.tickets.keys.zendeskApiToken | quote }} }
{{- end }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Volumes: /tmp, and the files the environment above points at. */}}
{{- define "kube-chatops.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpVolume.sizeLimit }}
{{- if .Values.openstack.cloudsYaml.existingSecret }}
- name: clouds-yaml
  secret:
    secretName: {{ .Values.openstack.cloudsYaml.existingSecret | quote }}
    items: [{ key: {{ .Values.openstack.cloudsYaml.key | quote }}, path: clouds.yaml }]
{{- end }}
{{- if .Values.openstack.caBundle.existingSecret }}
- name: ca-bundle
  secret:
    secretName: {{ .Values.openstack.caBundle.existingSecret | quote }}
    items: [{ key: {{ .Values.openstack.caBundle.key | quote }}, path: ca.pem }]
{{- end }}
{{- if .Values.access.policy }}
- name: policy
  configMap:
    name: {{ include "kube-chatops.fullname" . }}-policy
{{- end }}
{{- if .Values.kubeconfigs.existingSecret }}
- name: kubeconfigs
  secret:
    secretName: {{ .Values.kubeconfigs.existingSecret | quote }}
{{- end }}
{{- end -}}

{{- define "kube-chatops.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if .Values.openstack.cloudsYaml.existingSecret }}
- name: clouds-yaml
  mountPath: /etc/openstack/clouds.yaml
  subPath: clouds.yaml
  readOnly: true
{{- end }}
{{- if .Values.openstack.caBundle.existingSecret }}
- name: ca-bundle
  mountPath: /etc/openstack/ca
  readOnly: true
{{- end }}
{{- if .Values.access.policy }}
# A directory mount, not subPath: the bot sees ConfigMap updates and reloads the policy.
- name: policy
  mountPath: /etc/kube-chatops/policy
  readOnly: true
{{- end }}
{{- if .Values.kubeconfigs.existingSecret }}
- name: kubeconfigs
  mountPath: /etc/kube-chatops/kubeconfigs
  readOnly: true
{{- end }}
{{- end -}}
