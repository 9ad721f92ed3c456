#!/usr/bin/env python3
"""Live benchmark: full-length releases judged as they happen, not replayed.

Usage:
  scripts/live-bench.py [--soak 20m] [--cli PATH] [--fast 2] [--slow 30] [--out docs/live-bench.json]

Plays a cluster in real time for a real Prometheus (Debian's `prometheus`, on 127.0.0.1) as three scrape targets
shaped as kube-prometheus-stack shapes them: the kubelet's cAdvisor (job "kubelet", per container, with an
istio-proxy sidecar, the pause container and the pod cgroup) and the application (job "checkout") every --fast
seconds, kube-state-metrics (its own job) every --slow seconds. In five namespaces a rolling update of `checkout`
starts a minute in (three pods, 20 s apart; the previous ReplicaSet runs until replaced), and
`deploy-verifier verify --checklist examples/kubernetes/checklist.yml` is started as a pipeline would start it:

  healthy         at the rollout, --deployed-at a second before it       expected: passed, the new ReplicaSet
  healthy-late    45 s after the rollout, the same --deployed-at         expected: passed, the new ReplicaSet
  healthy-no-time at the rollout, no --deployed-at                       expected: passed, the new ReplicaSet
  leak            a 40 MiB/min leak from minute 1                        expected: failed before the first OOM kill
  crash-loop      every new pod crashes every 50 s                       expected: failed within 2 minutes

It prints one row per case (release judged, verdict, decision time after the rollout, how long the freshness barrier
waited) and writes them as JSON. A full run takes the soak plus its extension (up to 10 minutes) plus a minute or two.
"""
import argparse
import http.server
import json
import math
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
MIB = 1024 * 1024
LIMIT_MIB = 1024
PODS = 3
STAGGER = 20


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Namespace:
    def __init__(self, name, rollout, behaviour):
        self.name, self.rollout, self.behaviour = name, rollout, behaviour
        self.old_set = f"checkout-{abs(hash(name + 'old')) % 10**9:09d}"
        self.new_set = f"checkout-{abs(hash(name + 'new')) % 10**9:09d}"
        self.noise = random.Random(name)

    def pods(self, now):
        for i in range(PODS):
            created = self.rollout + STAGGER * i
            if now < created + 10:
                yield f"{self.old_set}-o{i}", False, i, self.rollout - 7200 + i
            if now >= created:
                yield f"{self.new_set}-n{i}", True, i, created

    def state(self, is_new, index, created, now):
        """(memory MiB, restarts, process age s) of the application container."""
        age = now - created
        if not is_new or self.behaviour == "healthy":
            return self.memory(age, index, now), 0, age
        if self.behaviour == "crash-loop":
            every = 50.0
            return self.memory(age % every, index, now), int(age // every), age % every
        # A leak of 40 MiB/min from minute 1 of the pod's life; at the limit it is OOM-killed and starts again.
        restarts, process_age = 0, age
        while True:
            leaked = max(0.0, process_age - 60) * 40 / 60
            memory = self.memory(process_age, index, now) + leaked
            if memory < LIMIT_MIB:
                return memory, restarts, process_age
            # the time this life reached the limit: solve base + leak = limit (base ~ 420 MiB)
            to_limit = 60 + (LIMIT_MIB - 420) * 60 / 40
            restarts, process_age = restarts + 1, process_age - to_limit

    def memory(self, age, index, now):
        warm = 420 - 90 * math.exp(-age / 150)
        saw = 30 * ((age + 37 * index) % 120) / 120
        wobble = 6 * math.sin(now / 13.0 + index) + 4 * math.sin(now / 5.3 + 2 * index)
        return warm + saw + wobble

    def first_oom(self):
        if self.behaviour != "leak":
            return None
        return self.rollout + 60 + (LIMIT_MIB - 420) * 60 / 40


def cadvisor(namespaces, now):
    out = []
    for ns in namespaces:
        for pod, is_new, i, created in ns.pods(now):
            memory, restarts, age = ns.state(is_new, i, created, now)
            c = f'namespace="{ns.name}",pod="{pod}"'
            image = "checkout:2.4.1" if is_new else "checkout:2.4.0"
            out.append(f'container_memory_working_set_bytes{{{c},container="checkout",id="/kubepods/{pod}/{restarts}",'
                       f'name="app-{restarts}",image="{image}"}} {round(memory * MIB)}')
            out.append(f'container_memory_working_set_bytes{{{c},container="istio-proxy",id="/kubepods/{pod}/proxy",'
                       f'name="proxy",image="istio/proxyv2:1.22"}} {round(60 * MIB)}')
            out.append(f'container_memory_working_set_bytes{{{c},container="POD",id="/kubepods/{pod}/pause",name="pause",'
                       f'image="pause:3.9"}} {round(MIB)}')
            out.append(f'container_memory_working_set_bytes{{{c},container="",id="/kubepods/{pod}"}} {round((memory + 61) * MIB)}')
            out.append(f'container_cpu_usage_seconds_total{{{c},container="checkout",id="/kubepods/{pod}/{restarts}",'
                       f'name="app-{restarts}",image="{image}"}} {0.25 * age:.3f}')
            out.append(f'container_cpu_usage_seconds_total{{{c},container="istio-proxy",id="/kubepods/{pod}/proxy",'
                       f'name="proxy",image="istio/proxyv2:1.22"}} {0.02 * (now - created):.3f}')
    return out


def kube_state(namespaces, now):
    out = []
    owner = 'owner_kind="Deployment",owner_name="checkout",owner_is_controller="true"'
    for ns in namespaces:
        sets = [(ns.old_set, ns.rollout - 7200)] + ([(ns.new_set, ns.rollout)] if now >= ns.rollout else [])
        for name, created in sets:
            out.append(f'kube_replicaset_created{{namespace="{ns.name}",replicaset="{name}"}} {math.floor(created)}')
            out.append(f'kube_replicaset_owner{{namespace="{ns.name}",replicaset="{name}",{owner}}} 1')
        for pod, is_new, i, created in ns.pods(now):
            _, restarts, _ = ns.state(is_new, i, created, now)
            c = f'namespace="{ns.name}",pod="{pod}",uid="uid-{pod}",node="node-a"'
            rs = ns.new_set if is_new else ns.old_set
            out.append(f'kube_pod_owner{{{c},owner_kind="ReplicaSet",owner_name="{rs}",owner_is_controller="true"}} 1')
            for container, limit, cpu, count in (("checkout", LIMIT_MIB, 1, restarts), ("istio-proxy", 256, 0.5, 0)):
                out.append(f'kube_pod_container_resource_limits{{{c},container="{container}",resource="memory",unit="byte"}} {limit * MIB}')
                out.append(f'kube_pod_container_resource_limits{{{c},container="{container}",resource="cpu",unit="core"}} {cpu}')
                out.append(f'kube_pod_container_status_restarts_total{{{c},container="{container}"}} {count}')
    return out


BUCKETS = (("0.05", 0.25), ("0.1", 0.6), ("0.25", 0.93), ("0.5", 0.99), ("1", 0.998), ("+Inf", 1.0))


def application(namespaces, now):
    out = []
    for ns in namespaces:
        for pod, is_new, i, created in ns.pods(now):
            _, _, age = ns.state(is_new, i, created, now)
            requests = math.floor(20 * age)
            errors = math.floor(requests * 0.002)
            a = f'namespace="{ns.name}",pod="{pod}"'
            out.append(f'http_requests_total{{{a},code="200"}} {requests - errors}')
            out.append(f'http_requests_total{{{a},code="500"}} {errors}')
            for le, share in BUCKETS:
                out.append(f'http_request_duration_seconds_bucket{{{a},le="{le}"}} {math.floor(requests * share)}')
            out.append(f'http_request_duration_seconds_sum{{{a}}} {requests * 0.08:.3f}')
            out.append(f'http_request_duration_seconds_count{{{a}}} {requests}')
    return out


def serve(port, render, namespaces):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = ("\n".join(render(namespaces, time.time())) + "\n").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; version=0.0.4")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def start_prometheus(work, ports, fast, slow):
    port = free_port()
    jobs = [("kubelet", ports[0], fast, "/metrics/cadvisor",
             "{endpoint: https-metrics, service: kubelet, metrics_path: /metrics/cadvisor, node: node-a}"),
            ("kube-state-metrics", ports[1], slow, "/metrics", "{endpoint: http, service: kube-state-metrics}"),
            ("checkout", ports[2], fast, "/metrics", "{endpoint: http, service: checkout}")]
    config = "scrape_configs:\n" + "".join(
        f"  - job_name: {name}\n    scrape_interval: {interval}s\n    scrape_timeout: {max(1, interval - 1)}s\n"
        f"    metrics_path: {path}\n    static_configs:\n      - targets: ['127.0.0.1:{target}']\n        labels: {labels}\n"
        for name, target, interval, path, labels in jobs)
    open(os.path.join(work, "prometheus.yml"), "w").write(config)
    log = open(os.path.join(work, "prometheus.log"), "w")
    proc = subprocess.Popen(["prometheus", f"--config.file={work}/prometheus.yml", f"--storage.tsdb.path={work}/tsdb",
                             f"--web.listen-address=127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("prometheus did not start; see " + log.name)


def iso(t, ms=False):
    d = datetime.fromtimestamp(t, timezone.utc)
    return d.strftime("%Y-%m-%dT%H:%M:%S") + (f".{int(d.microsecond / 1000):03d}" if ms else "") + "Z"


def run_case(cli, url, checklist, soak, case, ns, start_at, deployed_at, out_dir, results):
    time.sleep(max(0.0, start_at - time.time()))
    report = os.path.join(out_dir, case + ".json")
    cmd = cli + ["verify", "--checklist", checklist, "--prometheus-url", url, "--soak", soak, "--var", f"namespace={ns.name}",
                 "--var", "workload=checkout", "--dry-run", "--report-json", report]
    if deployed_at is not None:
        cmd += ["--deployed-at", iso(deployed_at, ms=True)]
    began = time.time()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    open(os.path.join(out_dir, case + ".log"), "w").write(proc.stdout)
    data = json.load(open(report)) if os.path.exists(report) else {}
    waited = re.search(r"after waiting ([0-9.]+) s", proc.stdout)
    decided = data.get("decidedAt")
    decided_t = datetime.fromisoformat(decided.replace("Z", "+00:00")).timestamp() if decided else None
    results[case] = {
        "case": case, "exit": proc.returncode, "verdict": data.get("verdict"),
        "release": (data.get("release") or {}).get("name"), "newReleaseSet": ns.new_set,
        "judgedNew": (data.get("release") or {}).get("name") == ns.new_set,
        "decidedAfterRolloutSeconds": round(decided_t - ns.rollout, 1) if decided_t else None,
        "firstOomAfterRolloutSeconds": round(ns.first_oom() - ns.rollout, 1) if ns.first_oom() else None,
        "barrierWaitedSeconds": float(waited.group(1)) if waited else None,
        "startedAfterRolloutSeconds": round(began - ns.rollout, 1), "wallSeconds": round(time.time() - began, 1),
        "failing": [c["name"] for c in data.get("checks", []) if c.get("outcome") == "failed"],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--soak", default="20m")
    parser.add_argument("--cli", help="the deploy-verifier executable (default: publish it to artifacts/cli)")
    parser.add_argument("--checklist", default=os.path.join(ROOT, "examples", "kubernetes", "checklist.yml"))
    parser.add_argument("--fast", type=int, default=2, help="cAdvisor and application scrape interval, seconds")
    parser.add_argument("--slow", type=int, default=30, help="kube-state-metrics scrape interval, seconds")
    parser.add_argument("--lead", type=int, default=60, help="seconds of the previous release scraped before the rollout")
    parser.add_argument("--out", help="write the rows as JSON here")
    parser.add_argument("--faults", help="the verifier reads through a faulty proxy (scripts/fault_proxy.py): 503:0.3, 429:0.3")
    args = parser.parse_args()

    import scenario_runner as rs
    cli = rs.prepare(args.cli)
    work = tempfile.mkdtemp(prefix="dv-live-bench-")
    rollout = time.time() + args.lead
    spaces = {case: Namespace(f"live-{case}", rollout, behaviour) for case, behaviour in
              (("healthy", "healthy"), ("healthy-late", "healthy"), ("healthy-no-time", "healthy"), ("leak", "leak"),
               ("crash-loop", "crash-loop"))}
    namespaces = list(spaces.values())
    ports = [free_port() for _ in range(3)]
    servers = [serve(p, r, namespaces) for p, r in zip(ports, (cadvisor, kube_state, application))]
    proc, url = start_prometheus(work, ports, args.fast, args.slow)
    proxy = None
    if args.faults:
        from fault_proxy import FaultProxy
        proxy = FaultProxy(url, args.faults)
        url = proxy.url
    results = {}
    before = rollout - 1
    plan = [("healthy", 0, before), ("healthy-late", 45, before), ("healthy-no-time", 0, None), ("leak", 0, before),
            ("crash-loop", 0, before)]
    threads = [threading.Thread(target=run_case, args=(cli, url, args.checklist, args.soak, case, spaces[case], rollout + delay,
                                                        given, work, results)) for case, delay, given in plan]
    print(f"rollout at {iso(rollout)}; Prometheus {url}; work {work}", flush=True)
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        if proxy:
            print(f"fault proxy ({args.faults}): {proxy.faulted} requests faulted, {proxy.forwarded} forwarded")
            proxy.close()
        proc.terminate()
        proc.wait()
        for s in servers:
            s.shutdown()
    rows = [results[c] for c, _, _ in plan]
    header = ("case", "started", "release", "verdict", "decided", "1st OOM", "barrier", "exit", "failing")
    print("  ".join(f"{h:<16}" for h in header))
    for r in rows:
        cells = (r["case"], f"+{r['startedAfterRolloutSeconds']}s", "new" if r["judgedNew"] else (r["release"] or "-"),
                 r["verdict"] or "-", f"+{r['decidedAfterRolloutSeconds']}s" if r["decidedAfterRolloutSeconds"] is not None else "-",
                 f"+{r['firstOomAfterRolloutSeconds']}s" if r["firstOomAfterRolloutSeconds"] else "-",
                 f"{r['barrierWaitedSeconds']}s" if r["barrierWaitedSeconds"] is not None else "-", str(r["exit"]),
                 ",".join(r["failing"]) or "-")
        print("  ".join(f"{c:<16}" for c in cells))
    if args.out:
        json.dump({"soak": args.soak, "fast": args.fast, "slow": args.slow, "rows": rows}, open(args.out, "w"), indent=2)
    expected = {"healthy": "passed", "healthy-late": "passed", "healthy-no-time": "passed", "leak": "failed", "crash-loop": "failed"}
    ok = all(r["verdict"] == expected[r["case"]] and r["judgedNew"] for r in rows)
    leak = results["leak"]
    ok = ok and leak["decidedAfterRolloutSeconds"] is not None and leak["decidedAfterRolloutSeconds"] < leak["firstOomAfterRolloutSeconds"]
    crash = results["crash-loop"]
    ok = ok and crash["decidedAfterRolloutSeconds"] is not None and crash["decidedAfterRolloutSeconds"] <= 120
    shutil.rmtree(work, ignore_errors=True) if ok else print(f"kept {work} (logs and reports)")
    print("all cases right" if ok else "SOME CASES WRONG")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
