#!/usr/bin/env python3
"""Checks the Kubernetes manifests and the Dockerfile against factcheckd.

Renders deploy/k8s/overlays/{single,split} with `kubectl kustomize` and checks
the rendered objects against the binary and against each other:
  - every flag the pods pass (args and the ConfigMap flag file) is a flag of
    this factcheckd build;
  - container ports match --listen / --metrics_listen; the gRPC probes use
    that port and health service names the process hosts ("" for liveness);
  - files the flags name (--data_dir, --auth_tokens_file, ...) lie in the
    volume mounted for them (the data directory on a PersistentVolumeClaim),
    and the model path is where the Dockerfile installs it;
  - Services select the pods and name their ports; --claims_target names the
    claims Service; the HPA and PDB point at the verifier Deployment;
  - non-root, read-only root filesystem, resources, and a grace period longer
    than preStop + --drain;
  - the Dockerfile builds with exactly the README's test command.
Then it starts factcheckd with each rendered flag set (paths mapped into a
temporary folder, ports to 0) and waits for its "listening on" line: the
split pair is started together, the verifier pointed at the claims process.

Exit status: 0 when all checks pass, 1 on a failed check, 77 (ctest's skip)
when kubectl or PyYAML is missing.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

try:
    import yaml
except ImportError:  # pragma: no cover - environment dependent
    print("SKIP: PyYAML is not installed (Debian: python3-yaml)")
    sys.exit(77)

HEALTH_NAMES = {
    "claims": "factcheck.v1.ClaimsService",
    "verifier": "factcheck.v1.VerifierService",
}
IMAGE_PREFIX = "/opt/factcheck"
MODEL_IN_IMAGE = IMAGE_PREFIX + "/share/factcheck/model/verdict_model.txt"
# Beyond preStop and --drain: time to close the store (RocksDB flush).
CLOSE_MARGIN_S = 5

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def render(kubectl, overlay_dir):
    out = subprocess.run([kubectl, "kustomize", overlay_dir],
                         check=True, capture_output=True, text=True).stdout
    return [doc for doc in yaml.safe_load_all(out) if doc]


def binary_flags(factcheckd):
    """Flag names of this factcheckd build, from --helpfull."""
    result = subprocess.run([factcheckd, "--helpfull"], capture_output=True,
                            text=True)
    names = set(re.findall(r"^\s+--([a-z0-9_]+) \(", result.stdout,
                           re.MULTILINE))
    if "listen" not in names:
        raise SystemExit(f"cannot read flags from {factcheckd} --helpfull")
    return names


def parse_flag(arg):
    match = re.fullmatch(r"--([a-z0-9_]+)(?:=(.*))?", arg.strip())
    if not match:
        return None
    return match.group(1), match.group(2) if match.group(2) is not None else ""


def port_of(address):
    return int(address.rsplit(":", 1)[1])


def seconds(duration):
    """Abseil duration text ("20s", "1m30s", "500ms") to seconds."""
    total = 0.0
    units = {"h": 3600, "m": 60, "s": 1, "ms": 1e-3, "us": 1e-6, "ns": 1e-9}
    for value, unit in re.findall(r"([0-9.]+)(ms|us|ns|h|m|s)", duration):
        total += float(value) * units[unit]
    return total


def by_kind(docs, kind):
    return [d for d in docs if d["kind"] == kind]


def find(docs, kind, name):
    for doc in docs:
        if doc["kind"] == kind and doc["metadata"]["name"] == name:
            return doc
    return None


def mount_for(path, container):
    """The volumeMount whose mountPath holds `path` (longest match)."""
    best = None
    for mount in container.get("volumeMounts", []):
        root = mount["mountPath"].rstrip("/") + "/"
        if path.startswith(root) and (
                best is None or len(root) > len(best["mountPath"])):
            best = mount
    return best


class Pod:
    """One rendered factcheckd container with its flags."""

    def __init__(self, docs, workload):
        self.workload = workload
        self.name = f'{workload["kind"]}/{workload["metadata"]["name"]}'
        self.spec = workload["spec"]["template"]["spec"]
        containers = [c for c in self.spec["containers"]
                      if c["name"] == "factcheckd"]
        check(len(containers) == 1,
              f"{self.name}: one container named factcheckd")
        self.container = containers[0]
        self.volumes = {v["name"]: v for v in self.spec.get("volumes", [])}
        self.claim_templates = {
            t["metadata"]["name"]
            for t in workload["spec"].get("volumeClaimTemplates", [])}
        self.flags = {}
        for arg in self.container.get("args", []):
            self._add_flag(docs, arg)

    def _add_flag(self, docs, arg):
        parsed = parse_flag(arg)
        if not check(parsed is not None, f"{self.name}: bad argument {arg!r}"):
            return
        name, value = parsed
        if name != "flagfile":
            self.flags[name] = value
            return
        for path in value.split(","):
            for line in self._config_file(docs, path).splitlines():
                if line.strip() and not line.lstrip().startswith("#"):
                    self._add_flag(docs, line)

    def _config_file(self, docs, path):
        mount = mount_for(path, self.container)
        if not check(mount is not None,
                     f"{self.name}: no volume mounted for flag file {path}"):
            return ""
        volume = self.volumes.get(mount["name"], {})
        config_map = find(docs, "ConfigMap",
                          volume.get("configMap", {}).get("name"))
        if not check(config_map is not None,
                     f"{self.name}: flag file {path} is not from a rendered "
                     f"ConfigMap"):
            return ""
        key = os.path.relpath(path, mount["mountPath"])
        check(key in config_map.get("data", {}),
              f"{self.name}: ConfigMap {config_map['metadata']['name']} has "
              f"no key {key}")
        return config_map.get("data", {}).get(key, "")

    def services(self):
        return [s for s in self.flags.get("services", "").split(",") if s]

    def port(self, name):
        for port in self.container.get("ports", []):
            if port.get("name") == name:
                return port["containerPort"]
        return None


def check_pod(pod, flag_names, docker_user):
    name = pod.name
    for flag in pod.flags:
        check(flag in flag_names,
              f"{name}: --{flag} is not a flag of this factcheckd")
    hosted = pod.services()
    check(hosted, f"{name}: --services not set")
    check(all(s in HEALTH_NAMES for s in hosted),
          f"{name}: unknown service in --services={','.join(hosted)}")

    # Ports and probes.
    grpc_port = port_of(pod.flags.get("listen", ":0"))
    check(pod.port("grpc") == grpc_port,
          f"{name}: containerPort grpc {pod.port('grpc')} != --listen port "
          f"{grpc_port}")
    if "metrics_listen" in pod.flags:
        check(pod.port("metrics") == port_of(pod.flags["metrics_listen"]),
              f"{name}: containerPort metrics != --metrics_listen port")
    served = {"", *(HEALTH_NAMES[s] for s in hosted if s in HEALTH_NAMES)}
    for probe_kind in ("startupProbe", "livenessProbe", "readinessProbe"):
        probe = pod.container.get(probe_kind)
        if not check(probe is not None and "grpc" in probe,
                     f"{name}: no gRPC {probe_kind}"):
            continue
        check(probe["grpc"]["port"] == grpc_port,
              f"{name}: {probe_kind} port != --listen port")
        service = probe["grpc"].get("service", "")
        check(service in served,
              f"{name}: {probe_kind} asks for {service!r}, which this "
              f"process does not serve ({sorted(served)})")
    check(pod.container.get("livenessProbe", {}).get("grpc", {})
          .get("service", "") == "",
          f"{name}: liveness must probe the whole server (\"\"), not a "
          f"service that goes NOT_SERVING when a dependency is away")
    check(pod.container.get("readinessProbe", {}).get("grpc", {})
          .get("service", "") != "",
          f"{name}: readiness should probe a hosted service by name")

    # Files named by flags live in the volumes mounted for them.
    if "claims" in hosted:
        data_dir = pod.flags.get("data_dir", "")
        mount = mount_for(data_dir + "/", pod.container)
        check(mount is not None and mount["name"] in pod.claim_templates,
              f"{name}: --data_dir={data_dir} is not on a "
              f"PersistentVolumeClaim")
        if "checkpoint_dir" in pod.flags:
            # Checkpoints hard-link the store's files: same volume.
            check(mount_for(pod.flags["checkpoint_dir"] + "/", pod.container)
                  is mount,
                  f"{name}: --checkpoint_dir must be on the data volume")
    else:
        check("data_dir" not in pod.flags and not pod.claim_templates,
              f"{name}: a verifier-only process must not have a store")
        check("claims_target" in pod.flags,
              f"{name}: verifier-only needs --claims_target")
    for flag in ("auth_tokens_file", "claims_token_file", "tls_cert",
                 "tls_key", "tls_client_ca", "claims_tls_ca"):
        if flag not in pod.flags:
            continue
        mount = mount_for(pod.flags[flag], pod.container)
        volume = pod.volumes.get(mount["name"]) if mount else None
        check(volume is not None and "secret" in volume,
              f"{name}: --{flag}={pod.flags[flag]} is not in a mounted "
              f"Secret")
    if "verifier" in hosted:
        check(pod.flags.get("model") == MODEL_IN_IMAGE,
              f"{name}: --model should be the image's {MODEL_IN_IMAGE}")

    # Shutdown: the grace period covers preStop, the drain and the close.
    pre_stop = pod.container.get("lifecycle", {}).get("preStop", {})
    pre_stop_s = 0
    command = pre_stop.get("exec", {}).get("command", [])
    if len(command) == 2 and command[0] == "sleep":
        pre_stop_s = float(command[1])
    drain_s = seconds(pod.flags.get("drain", "10s"))
    grace = pod.spec.get("terminationGracePeriodSeconds", 30)
    check(grace >= pre_stop_s + drain_s + CLOSE_MARGIN_S,
          f"{name}: terminationGracePeriodSeconds {grace} < preStop "
          f"{pre_stop_s} + drain {drain_s} + {CLOSE_MARGIN_S}")

    # Security and resources.
    pod_security = pod.spec.get("securityContext", {})
    security = pod.container.get("securityContext", {})
    check(pod_security.get("runAsNonRoot") is True,
          f"{name}: runAsNonRoot")
    check(str(pod_security.get("runAsUser")) == docker_user,
          f"{name}: runAsUser {pod_security.get('runAsUser')} != the "
          f"image's USER {docker_user}")
    check(security.get("readOnlyRootFilesystem") is True,
          f"{name}: readOnlyRootFilesystem")
    check(security.get("allowPrivilegeEscalation") is False,
          f"{name}: allowPrivilegeEscalation")
    resources = pod.container.get("resources", {})
    check("cpu" in resources.get("requests", {}) and
          "memory" in resources.get("requests", {}) and
          "memory" in resources.get("limits", {}),
          f"{name}: cpu/memory requests and a memory limit")


def selects(selector, labels):
    return all(labels.get(k) == v for k, v in selector.items())


def check_services(docs, pods):
    for service in by_kind(docs, "Service"):
        name = f'Service/{service["metadata"]["name"]}'
        targets = [p for p in pods if selects(
            service["spec"]["selector"],
            p.workload["spec"]["template"]["metadata"]["labels"])]
        if not check(targets, f"{name}: selects no factcheckd pod"):
            continue
        for port in service["spec"]["ports"]:
            for pod in targets:
                check(pod.port(port["targetPort"]) is not None,
                      f"{name}: targetPort {port['targetPort']} is not a "
                      f"port of {pod.name}")


def check_claims_target(docs, pods):
    for pod in pods:
        target = pod.flags.get("claims_target")
        if not target:
            continue
        host, port = target.rsplit(":", 1)
        service = find(docs, "Service", host.split(".")[0])
        if not check(service is not None,
                     f"{pod.name}: --claims_target={target} names no "
                     f"rendered Service"):
            continue
        check(any(p["port"] == int(port) for p in service["spec"]["ports"]),
              f"{pod.name}: Service {host} has no port {port}")
        claims_pods = [p for p in pods if "claims" in p.services() and
                       selects(service["spec"]["selector"],
                               p.workload["spec"]["template"]["metadata"]
                               ["labels"])]
        check(claims_pods,
              f"{pod.name}: Service {host} selects no claims process")


def check_split_scaling(docs):
    deployment = find(docs, "Deployment", "factcheck-verifier")
    check(deployment is not None, "split: no verifier Deployment")
    hpa = by_kind(docs, "HorizontalPodAutoscaler")
    check(len(hpa) == 1 and hpa[0]["spec"]["scaleTargetRef"]["name"] ==
          "factcheck-verifier", "split: HPA must scale the verifiers")
    check(deployment is None or "replicas" not in deployment["spec"],
          "split: the HPA owns the verifier replica count")
    pdb = by_kind(docs, "PodDisruptionBudget")
    check(len(pdb) == 1 and deployment is not None and selects(
        pdb[0]["spec"]["selector"]["matchLabels"],
        deployment["spec"]["template"]["metadata"]["labels"]),
        "split: the PDB must select the verifier pods")


def readme_test_command(repo):
    text = open(os.path.join(repo, "README.md")).read()
    blocks = re.findall(r"```sh\n(.*?)\n```", text, re.DOTALL)
    tests = [b for b in blocks if "ctest" in b]
    return tests[0].strip() if tests else None


def check_dockerfile(repo):
    text = open(os.path.join(repo, "deploy/docker/Dockerfile")).read()
    command = readme_test_command(repo)
    check(command is not None, "README: no test command")
    runs = [line[len("RUN "):].strip() for line in text.splitlines()
            if line.startswith("RUN ")]
    check(command in runs,
          "Dockerfile: the build stage must RUN the README's test command "
          f"exactly ({command!r})")
    check(re.search(r"install-deps\S* --runtime", text) is not None,
          "Dockerfile: the runtime stage must use install-deps.sh --runtime")
    check(MODEL_IN_IMAGE in text and f"--prefix {IMAGE_PREFIX}" in text,
          f"Dockerfile: must install to {IMAGE_PREFIX} and load "
          f"{MODEL_IN_IMAGE}")
    user = re.search(r"^USER (\d+)", text, re.MULTILINE)
    check(user is not None, "Dockerfile: USER must be a numeric non-root uid")
    return user.group(1) if user else ""


class Process:
    """A factcheckd started with remapped flags; waits for its start line."""

    def __init__(self, factcheckd, flags, log_path):
        args = [factcheckd] + [f"--{k}={v}" for k, v in flags.items()]
        self.log = open(log_path, "w+")
        self.process = subprocess.Popen(args, stderr=self.log,
                                        stdout=subprocess.DEVNULL)
        self.port = None
        deadline = time.time() + 120
        while time.time() < deadline and self.process.poll() is None:
            self.log.seek(0)
            match = re.search(r"listening on \S+:(\d+)", self.log.read())
            if match:
                self.port = int(match.group(1))
                return
            time.sleep(0.1)

    def output(self):
        self.log.seek(0)
        return self.log.read()[-2000:]

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                return self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                return None
        return self.process.returncode


def local_flags(pod, scratch, repo, claims_port=None):
    """The pod's flags with paths mapped into `scratch` and ports to 0."""
    flags = dict(pod.flags)
    flags["listen"] = "127.0.0.1:0"
    if "metrics_listen" in flags:
        flags["metrics_listen"] = "127.0.0.1:0"
    if "data_dir" in flags:
        flags["data_dir"] = os.path.join(scratch, "data")
    if "checkpoint_dir" in flags:
        flags["checkpoint_dir"] = os.path.join(scratch, "checkpoints")
    if "model" in flags:
        flags["model"] = os.path.join(repo, "data/model/verdict_model.txt")
    tokens = os.path.join(scratch, "tokens")
    with open(tokens, "w") as f:
        f.write("manifest-check-writer write\nmanifest-check-reader read\n")
    token = os.path.join(scratch, "token")
    with open(token, "w") as f:
        f.write("manifest-check-reader\n")
    if "auth_tokens_file" in flags:
        flags["auth_tokens_file"] = tokens
    if "claims_token_file" in flags:
        flags["claims_token_file"] = token
    if "claims_target" in flags:
        flags["claims_target"] = f"127.0.0.1:{claims_port}"
    return flags


def start_rendered(overlay, pods, factcheckd, repo):
    """Starts the overlay's processes (claims first) with their flags."""
    scratch = tempfile.mkdtemp(prefix=f"manifests-{overlay}-")
    started = []
    try:
        claims_port = None
        for pod in sorted(pods, key=lambda p: "claims" not in p.services()):
            flags = local_flags(pod, scratch, repo, claims_port)
            log = os.path.join(scratch, pod.name.replace("/", "-") + ".log")
            process = Process(factcheckd, flags, log)
            started.append(process)
            if not check(process.port is not None,
                         f"{overlay} {pod.name}: factcheckd did not start "
                         f"with the rendered flags:\n{process.output()}"):
                return
            if "claims" in pod.services():
                claims_port = process.port
    finally:
        for process in reversed(started):
            code = process.stop()
            check(code == 0, f"{overlay}: factcheckd exited {code} on "
                             f"SIGTERM:\n{process.output()}")
        shutil.rmtree(scratch, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", required=True)
    parser.add_argument("--factcheckd", required=True)
    parser.add_argument("--kubectl", default="kubectl")
    parser.add_argument("--no_start", action="store_true",
                        help="only the static checks")
    args = parser.parse_args()
    kubectl = shutil.which(args.kubectl)
    if kubectl is None:
        print(f"SKIP: {args.kubectl} not found; it renders the overlays")
        return 77

    flag_names = binary_flags(args.factcheckd)
    docker_user = check_dockerfile(args.repo)
    for overlay in ("single", "split"):
        docs = render(kubectl,
                      os.path.join(args.repo, "deploy/k8s/overlays", overlay))
        workloads = [d for d in docs
                     if d["kind"] in ("StatefulSet", "Deployment")]
        pods = [Pod(docs, w) for w in workloads]
        for pod in pods:
            pod.name = f"{overlay}: {pod.name}"
        for pod in pods:
            check_pod(pod, flag_names, docker_user)
        check_services(docs, pods)
        check_claims_target(docs, pods)
        hosted = sorted({s for p in pods for s in p.services()})
        check(hosted == ["claims", "verifier"],
              f"{overlay}: the overlay must host both services, got {hosted}")
        if overlay == "split":
            check_split_scaling(docs)
            check(len(pods) == 2, "split: a claims and a verifier workload")
        else:
            check(len(pods) == 1, "single: one workload hosts both services")
        if not failures and not args.no_start:
            start_rendered(overlay, pods, args.factcheckd, args.repo)
        print(f"{overlay}: {len(docs)} objects, {len(pods)} workload(s) "
              f"checked")

    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
