"""The scenario runner (`scripts/run-scenarios.py` is its command; the benchmarks import this module): runs the labelled release scenarios against the built CLI and a real Prometheus, and prints a table.

Usage:
  scripts/run-scenarios.py [--corpus ../shared/scenarios] [--checklist examples/kubernetes/checklist.yml]
                           [--seed S] [--repeat N] [--only a,b] [--cli PATH] [--jobs 2]
                           [--deploy-time exact|late2m|early1m|none] [--specs vm.json --vm]
--deploy-time says how the pipeline gives the deploy time: the exact second, two minutes late, one minute early, or
not at all (the history is then shifted so the release started 45 minutes ago, and the verifier finds it). --vm runs
in-place VM fleets (vm.json) with --var job=<scenario> (use examples/vm/checklist.yml). --timeline backtests the
corpus's timeline (timeline.json: one namespace, a release every three hours) instead, and compares each row with the
verdict its release deserves; with --faults, through the faulty store.

It generates the history with the corpus's generate.py, loads it with promtool into a temporary Prometheus on
127.0.0.1, runs `deploy-verifier verify` once per scenario (as a process, replaying the soak), and compares the
verdict and decision time with expected.json. With --repeat N every scenario is run N times with other noise
(namespaces <scenario>-rK), which measures false alarms on healthy releases. Exit 0 when every scenario is right.
"""
import argparse
import concurrent.futures
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_time(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc) if text else None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_prometheus(om_path, work):
    tsdb = os.path.join(work, "tsdb")
    subprocess.run(["promtool", "tsdb", "create-blocks-from", "openmetrics", om_path, tsdb], check=True,
                   stdout=subprocess.DEVNULL)
    config = os.path.join(work, "prometheus.yml")
    open(config, "w").write("global: {}\n")
    port = free_port()
    log = open(os.path.join(work, "prometheus.log"), "w")
    proc = subprocess.Popen(["prometheus", f"--config.file={config}", f"--storage.tsdb.path={tsdb}",
                             "--storage.tsdb.retention.time=100y", f"--web.listen-address=127.0.0.1:{port}"],
                            stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if urllib.request.urlopen(url + "/-/ready", timeout=1).status == 200:
                return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("prometheus did not become ready; see " + log.name)


def start_victoria_metrics(om_path, work):
    """VictoriaMetrics (Debian's `victoria-metrics`) holding the OpenMetrics history: converted to the Prometheus text
    format it imports (timestamps in milliseconds), imported, flushed, and waited for until every sample is queryable."""
    prom = os.path.join(work, "metrics.prom")
    samples, first, last = 0, None, None
    with open(om_path) as source, open(prom, "w") as target:
        for line in source:
            if not line.strip() or line.startswith("#"):
                continue
            head, value, stamp = line.rsplit(" ", 2)
            seconds = float(stamp)
            first = seconds if first is None else min(first, seconds)
            last = seconds if last is None else max(last, seconds)
            target.write(f"{head} {value} {int(round(seconds * 1000))}\n")
            samples += 1
    port = free_port()
    with open(os.path.join(work, "victoria-metrics.log"), "w") as log:
        proc = subprocess.Popen(["victoria-metrics", f"-storageDataPath={os.path.join(work, 'vm')}", "-retentionPeriod=100y",
                                 "-search.latencyOffset=0s", f"-httpListenAddr=127.0.0.1:{port}", "-loggerLevel=WARN"],
                                stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if urllib.request.urlopen(url + "/health", timeout=1).status == 200:
                break
        except OSError:
            time.sleep(0.1)
    with open(prom, "rb") as body:
        urllib.request.urlopen(urllib.request.Request(url + "/api/v1/import/prometheus", data=body.read(), method="POST"), timeout=120)
    probe = urllib.parse.urlencode({"query": f'sum(count_over_time({{__name__=~".+"}}[{int(last - first) + 15}s]))', "time": str(last)})
    for _ in range(600):
        urllib.request.urlopen(url + "/internal/force_flush", timeout=10)
        answer = json.load(urllib.request.urlopen(url + "/api/v1/query?" + probe, timeout=30))
        result = answer["data"]["result"]
        if result and int(float(result[0]["value"][1])) == samples:
            break
        time.sleep(0.2)
    else:
        proc.kill()
        raise SystemExit(f"VictoriaMetrics did not hold the {samples} samples imported")
    urllib.request.urlopen(url + "/internal/resetRollupResultCache", timeout=10)
    return proc, url


def start_store(om_path, work, store):
    return start_victoria_metrics(om_path, work) if store == "victoria-metrics" else start_prometheus(om_path, work)


OFFSETS = {"exact": 0, "late2m": 120, "early1m": -60, "none": None}


def run_one(cli, checklist, url, name, deployed_at, soak, out_dir, deploy_time="exact", vm=False):
    report = os.path.join(out_dir, name + ".json")
    names = ["--var", f"job={name}"] if vm else ["--var", f"namespace={name}", "--var", "workload=checkout"]
    cmd = cli + ["verify", "--checklist", checklist, "--prometheus-url", url, "--soak", soak, *names, "--dry-run",
                 "--report-json", report]
    if OFFSETS[deploy_time] is not None:
        given = parse_time(deployed_at) + timedelta(seconds=OFFSETS[deploy_time])
        cmd += ["--deployed-at", given.strftime("%Y-%m-%dT%H:%M:%SZ")]
    started = time.monotonic()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    elapsed = time.monotonic() - started
    try:
        data = json.load(open(report))
    except (OSError, ValueError):
        data = {"verdict": f"error(exit {proc.returncode})", "decidedAt": None, "reason": proc.stdout[-400:], "checks": []}
    return name, proc.returncode, data, elapsed


def run_generated(corpus, specs, work, cli, checklist, soak, jobs, seed=None, repeat=1, only=None, deploy_time="exact",
                  vm=False, shape=(), faults=None, store="prometheus"):
    """Generates the scenarios of `specs` (a list of spec files) into `work` with the corpus's generate.py, serves them
    from a temporary Prometheus and verifies each; returns expected.json and [(name, exit code, report, wall seconds)]
    in scenario order. The reports are left in `work`/reports."""
    gen = [sys.executable, os.path.join(corpus, "generate.py"), *specs, "--out", work]
    if seed:
        gen += ["--seed", seed]
    if repeat > 1:
        gen += ["--repeat", str(repeat)]
    if only:
        gen += ["--only", only]
    gen += list(shape)
    subprocess.run(gen, check=True)
    doc = json.load(open(os.path.join(work, "expected.json")))
    proc, url = start_store(os.path.join(work, "metrics.om"), work, store)
    proxy = None
    if faults:
        # A faulty store in front of the real one: the verdicts must not change (scripts/fault_proxy.py).
        from fault_proxy import FaultProxy
        proxy = FaultProxy(url, faults)
        url = proxy.url
    reports = os.path.join(work, "reports")
    os.makedirs(reports, exist_ok=True)
    try:
        with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
            futures = [pool.submit(run_one, cli, checklist, url, name, doc["deployed_at"], soak, reports, deploy_time, vm)
                       for name in doc["scenarios"]]
            return doc, sorted((f.result() for f in futures), key=lambda r: r[0])
    finally:
        if proxy:
            print(f"fault proxy ({faults}): {proxy.faulted} requests faulted, {proxy.forwarded} forwarded")
            proxy.close()
        proc.terminate()
        proc.wait()


def kind_of(name):
    """The scenario a reseeded copy's namespace (`<scenario>-r<K>`) comes from."""
    return re.sub(r"-r\d+$", "", name)


def judge(expected, data):
    verdict = data.get("verdict")
    want = expected["verdict"]
    ok = verdict in ("failed", "inconclusive") if want == "not-passed" else verdict == want
    decided = parse_time(data.get("decidedAt"))
    deadline = parse_time(expected.get("deadline"))
    if ok and verdict == "failed" and deadline and decided and decided > deadline:
        ok = False
    return ok


def run_timeline(args, cli):
    """Backtests the corpus's timeline (one `backtest --from/--to` over every release) and compares each row with
    expected.json's releases; through the fault proxy with --faults. Returns the exit code."""
    work = tempfile.mkdtemp(prefix="dv-timeline-")
    corpus = os.path.abspath(args.corpus)
    subprocess.run([sys.executable, os.path.join(corpus, "generate.py"), os.path.join(corpus, "public.json"),
                    "--timeline", os.path.join(corpus, "timeline.json"), "--out", work, *shape_of(args)],
                   check=True, stdout=subprocess.DEVNULL)
    releases = json.load(open(os.path.join(work, "expected.json")))["releases"]
    first, last = parse_time(releases[0]["deployed_at"]), parse_time(releases[-1]["deployed_at"])
    stamp = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
    proc, url = start_store(os.path.join(work, "metrics.om"), work, args.store)
    proxy = None
    if args.faults:
        from fault_proxy import FaultProxy
        proxy = FaultProxy(url, args.faults)
        url = proxy.url
    report = os.path.join(work, "backtest.json")
    started = time.monotonic()
    try:
        run = subprocess.run([*cli, "backtest", "--checklist", args.checklist, "--prometheus-url", url, "--var", "namespace=shop-history",
                              "--var", "workload=checkout", "--from", stamp(first - timedelta(minutes=10)),
                              "--to", stamp(last + timedelta(minutes=10)), "--report-json", report],
                             capture_output=True, text=True)
    finally:
        wall = time.monotonic() - started
        if proxy:
            print(f"fault proxy ({args.faults}): {proxy.faulted} requests faulted, {proxy.forwarded} forwarded")
            proxy.close()
        proc.terminate()
        proc.wait()
    if not os.path.exists(report):
        print(f"exit {run.returncode} after {wall:.1f} s, no report: {(run.stdout + run.stderr).strip()[-400:]}")
        shutil.rmtree(work, ignore_errors=True)
        return run.returncode or 1
    rows = {r["deployedAt"][:19]: r for r in json.load(open(report))["releases"]}
    right = 0
    print(f"{'deployed at':20} {'scenario':22} {'expected':9} {'verdict':13} decided at")
    for release in releases:
        row = rows.get(release["deployed_at"][:19], {})
        verdict = row.get("verdict", "-")
        decided = (row.get("report") or {}).get("decidedAt") or "-"
        right += verdict == release["verdict"]
        print(f"{release['deployed_at']:20} {release['scenario']:22} {release['verdict']:9} {verdict:13} {decided}"
              f"{'' if verdict == release['verdict'] else '  WRONG'}")
    print(f"\n{right} of {len(releases)} judged as labelled; {len(rows)} rows; exit {run.returncode}; wall {wall:.1f} s")
    shutil.rmtree(work, ignore_errors=True)
    return 0 if right == len(releases) else 1


def prepare(cli_path):
    """Installs prometheus and promtool when missing; returns the CLI to run (published to artifacts/cli unless given)."""
    for tool in ("prometheus", "promtool"):
        if shutil.which(tool) is None:
            subprocess.run([os.path.join(ROOT, "scripts", "ensure-prometheus.sh")], check=True)
    if cli_path:
        return [cli_path]
    out = os.path.join(ROOT, "artifacts", "cli")
    subprocess.run(["dotnet", "publish", os.path.join(ROOT, "src", "DeployVerifier.Cli"), "-c", "Release", "-o", out,
                    "--nologo", "-v", "q"], check=True, stdout=subprocess.DEVNULL)
    return [os.path.join(out, "deploy-verifier")]


def add_run_arguments(parser, repeat):
    """The options every scenario script shares: where the corpus and checklist are, how long a soak, which CLI."""
    parser.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "scenarios"))
    parser.add_argument("--checklist", default=os.path.join(ROOT, "examples", "kubernetes", "checklist.yml"))
    parser.add_argument("--repeat", type=int, default=repeat)
    parser.add_argument("--soak", default="30m")
    parser.add_argument("--cli", help="the deploy-verifier executable (default: publish it to artifacts/cli)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--scrape-labels", action="store_true",
                        help="the history labelled as a real scrape labels it (generate.py --scrape-labels)")
    parser.add_argument("--store", choices=["prometheus", "victoria-metrics"], default="prometheus",
                        help="the store that serves the history: a real Prometheus (promtool) or Debian's victoria-metrics")
    parser.add_argument("--faults", help="put a faulty proxy in front of Prometheus: 503:0.3, 429:0.3 (with Retry-After: 1) or down")
    parser.add_argument("--sidecars", action="store_true",
                        help="an istio-proxy sidecar, the pause container and the pod cgroup in every pod (generate.py --sidecars)")


def shape_of(args):
    """generate.py's flags for the history's shape: target labels, sidecars."""
    return [flag for flag, on in (("--scrape-labels", args.scrape_labels), ("--sidecars", args.sidecars)) if on]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_run_arguments(parser, repeat=1)
    parser.add_argument("--specs", help="specs JSON (default: the corpus's public.json)")
    parser.add_argument("--seed")
    parser.add_argument("--only")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    parser.add_argument("--deploy-time", choices=sorted(OFFSETS), default="exact",
                        help="how the deploy time is given: exact, late2m, early1m, or none (history 45 minutes ago)")
    parser.add_argument("--vm", action="store_true", help="in-place VM fleet scenarios: --var job=<scenario>")
    parser.add_argument("--timeline", action="store_true", help="backtest the corpus's timeline.json and compare each release's row")
    args = parser.parse_args()

    corpus = os.path.abspath(args.corpus)
    if not os.path.exists(os.path.join(corpus, "generate.py")):
        # Never a silent success: a run that judged nothing is not a run that judged right.
        print(f"no scenario corpus at {corpus} (its generate.py): give --corpus, e.g. ../shared/scenarios", file=sys.stderr)
        return 2
    cli = prepare(args.cli)
    if args.timeline:
        return run_timeline(args, cli)

    work = tempfile.mkdtemp(prefix="dv-scenarios-")
    specs = args.specs or os.path.join(corpus, "public.json")
    if args.deploy_time == "none":
        # Without --deployed-at the verifier looks for a release of the last soak + 1 h: move the history there. It runs
        # on two minutes past now, as a scraping Prometheus's goes on: the run is live and waits for fresh release data.
        doc = json.load(open(specs))
        started = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(minutes=45)
        started -= timedelta(seconds=started.second % 15)
        doc["deployed_at"] = started.strftime("%Y-%m-%dT%H:%M:%SZ")
        doc["post_minutes"] = 47
        specs = os.path.join(work, "specs.json")
        json.dump(doc, open(specs, "w"))
    expected_doc, results = run_generated(corpus, [specs], work, cli, args.checklist, args.soak, args.jobs, args.seed,
                                          args.repeat, args.only, args.deploy_time, args.vm,
                                          shape_of(args), args.faults, args.store)
    expected = expected_doc["scenarios"]
    deployed_at = expected_doc["deployed_at"]

    deploy = parse_time(deployed_at)
    rows, wrong = [], []
    for name, code, data, elapsed in results:
        exp = expected[name]
        decided = parse_time(data.get("decidedAt"))
        crash = parse_time(exp.get("first_crash"))
        lead = f"{(crash - decided).total_seconds() / 60:.1f} min" if crash and decided and data.get("verdict") == "failed" else "-"
        ok = judge(exp, data)
        bad = "failed" if data.get("verdict") == "failed" else None
        failing = [c["name"] for c in data.get("checks", []) if (c["outcome"] == bad if bad else c["outcome"] != "passed")]
        rows.append((name, exp["verdict"], data.get("verdict"), decided.strftime("%H:%M:%S") if decided else "-",
                     (parse_time(exp.get("deadline")).strftime("%H:%M:%S") if exp.get("deadline") else "-"), lead,
                     ",".join(failing) or "-", f"{elapsed:.1f}s", "ok" if ok else "WRONG"))
        if not ok:
            wrong.append((name, data.get("reason", "")))

    headers = ("scenario", "expected", "verdict", "decided at", "deadline", "lead before 1st crash", "checks not passed", "wall", "")
    if args.repeat == 1:
        widths = [max(len(str(r[i])) for r in rows + [headers]) for i in range(len(headers))]
        for row in [headers] + rows:
            print("  ".join(str(v).ljust(w) for v, w in zip(row, widths)))
    else:
        by_kind = {}
        for row in rows:
            kind = kind_of(row[0])
            by_kind.setdefault(kind, []).append(row)
        print(f"{'scenario':24} {'expected':11} runs  right  passed  failed  inconclusive  failures decided (earliest-latest)")
        for kind, group in sorted(by_kind.items()):
            count = lambda v: sum(1 for r in group if r[2] == v)
            decided = sorted(r[3] for r in group if r[2] == "failed")
            span = f"{decided[0]}-{decided[-1]}" if decided else "-"
            print(f"{kind:24} {group[0][1]:11} {len(group):4}  {sum(r[-1] == 'ok' for r in group):5}  {count('passed'):6}  "
                  f"{count('failed'):6}  {count('inconclusive'):12}  {span}")
        healthy = [r for r in rows if r[1] == "passed"]
        alarms = sum(1 for r in healthy if r[2] == "failed")
        print(f"\nfalse alarms on healthy releases: {alarms} of {len(healthy)} soaks "
              f"({100.0 * alarms / max(len(healthy), 1):.2f} %); not passed: {sum(1 for r in healthy if r[2] != 'passed')}")
    for name, reason in wrong[:20]:
        print(f"WRONG {name}: {reason}")
    kept = f"; reports in {os.path.join(work, 'reports')}" if args.keep else " (--keep keeps the reports)"
    print(f"\n{len(rows) - len(wrong)} of {len(rows)} right{kept}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
