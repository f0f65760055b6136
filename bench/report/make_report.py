#!/usr/bin/env python3
"""Turns one benchmark run's result files into a Markdown report and a latency-vs-load plot.

    make_report.py RESULTS_DIR [--out REPORT.md]

RESULTS_DIR holds what bench/run_bench.sh wrote: one JSON object per engine harness
(bench/FORMAT.md "result lines": runs, hits, index figures) and the other tools' objects
(ingestion, freshness, start-up). Every table is computed from those files only, so the report of
a run can be regenerated at any time. The plot is drawn by gnuplot (gnuplot-nox) when present.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

BASELINE = "briefsearch-inproc"
SERVER = "briefsearchd-grpc"


def load_results(results_dir):
    engines, others = {}, {}
    for name in sorted(os.listdir(results_dir)):
        if not name.endswith(".json"):
            continue
        path = os.path.join(results_dir, name)
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read().strip()
            # A harness prints one object; keep the last non-empty line if it printed more.
            try:
                obj = json.loads(text) if text else None
            except ValueError:
                obj = json.loads(text.splitlines()[-1])
        except (OSError, ValueError, IndexError) as e:
            print(f"make_report: skipping {name}: {e}", file=sys.stderr)
            continue
        if not isinstance(obj, dict):
            continue
        if "runs" in obj and "engine" in obj:
            engines[obj["engine"]] = obj
        else:
            others[name[:-5]] = obj
    return engines, others


def ms(us):
    return "" if us is None else f"{us / 1000.0:.2f}"


def fmt(v):
    if isinstance(v, float):
        return f"{v:.3g}" if abs(v) < 1000 else f"{v:.0f}"
    return str(v)


def run_at(engine, threads):
    for r in engine.get("runs", []):
        if r.get("threads") == threads:
            return r
    return None


def engine_table(engines):
    lines = ["| engine | threads | qps | p50 ms | p90 ms | p99 ms | p99.9 ms | CPU µs/query | errors | qps vs in-process |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    base = engines.get(BASELINE)
    for name, e in engines.items():
        for r in e.get("runs", []):
            lat = r.get("latency_us", {})
            ratio = ""
            if base and name != BASELINE:
                b = run_at(base, r.get("threads"))
                if b and b.get("qps"):
                    ratio = f"{r.get('qps', 0) / b['qps']:.0%}"
            lines.append(f"| {name} | {r.get('threads')} | {r.get('qps', 0):.0f} | {ms(lat.get('p50'))} | "
                         f"{ms(lat.get('p90'))} | {ms(lat.get('p99'))} | {ms(lat.get('p999'))} | "
                         f"{fmt(r.get('cpu_us_per_query', ''))} | {r.get('errors', 0)} | {ratio} |")
    return "\n".join(lines)


def open_loop_table(engines):
    rows = []
    for name, e in engines.items():
        for r in e.get("open_loop", []) or []:
            lat = r.get("latency_us", {})
            rows.append(f"| {name} | {fmt(r.get('fraction', ''))} | {fmt(r.get('target_qps', ''))} | "
                        f"{fmt(r.get('achieved_qps', r.get('qps', '')))} | {ms(lat.get('p50'))} | {ms(lat.get('p90'))} | "
                        f"{ms(lat.get('p99'))} | {ms(lat.get('p999'))} | {r.get('errors', 0)} |")
    if not rows:
        return ""
    head = ["| engine | fraction of saturation | target qps | achieved qps | p50 ms | p90 ms | p99 ms | p99.9 ms | errors |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    return "\n".join(head + rows)


def class_table(engines, threads):
    classes = []
    for e in engines.values():
        r = run_at(e, threads)
        for c in (r or {}).get("by_class", {}):
            if c not in classes:
                classes.append(c)
    if not classes:
        return ""
    names = [n for n in engines if run_at(engines[n], threads)]
    lines = ["| class | " + " | ".join(f"{n} qps / p99 ms" for n in names) + " |",
             "|---|" + "---:|" * len(names)]
    for c in classes:
        cells = []
        for n in names:
            bc = run_at(engines[n], threads).get("by_class", {}).get(c)
            cells.append("" if not bc else f"{bc.get('qps', 0):.0f} / {ms(bc.get('p99'))}")
        lines.append(f"| {c} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def index_table(engines):
    lines = ["| engine | articles | index seconds | articles/s | index MB | peak RSS MB | open s |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name, e in engines.items():
        secs = e.get("index_seconds")
        n = e.get("articles")
        rate = f"{n / secs:.0f}" if secs and n else ""
        size = e.get("index_bytes")
        rss = e.get("peak_rss_kb")
        lines.append(f"| {name} | {n or ''} | {fmt(secs) if secs is not None else ''} | {rate} | "
                     f"{'' if size is None else f'{size / 1e6:.1f}'} | {'' if rss is None else f'{rss / 1024:.0f}'} | "
                     f"{fmt(e['open_seconds']) if e.get('open_seconds') is not None else ''} |")
    return "\n".join(lines)


def agreement_table(engines, queries):
    base = engines.get(BASELINE)
    if not base or not base.get("hits"):
        return ""
    classes = {q["id"]: q.get("class", "?") for q in queries}
    lines = ["| engine | queries compared | equal hit counts | median hits / in-process hits |",
             "|---|---:|---:|---:|"]
    for name, e in engines.items():
        if name == BASELINE or not e.get("hits"):
            continue
        common = [q for q in base["hits"] if q in e["hits"]]
        equal = sum(1 for q in common if e["hits"][q] == base["hits"][q])
        ratios = [e["hits"][q] / base["hits"][q] for q in common if base["hits"][q]]
        med = f"{statistics.median(ratios):.2f}" if ratios else ""
        lines.append(f"| {name} | {len(common)} | {equal} | {med} |")
    del classes
    return "\n".join(lines)


def flat(obj, prefix=""):
    out = []
    for k, v in obj.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.extend(flat(v, key + "."))
        elif isinstance(v, list):
            if all(not isinstance(x, (dict, list)) for x in v) and len(v) <= 8:
                out.append((key, ", ".join(fmt(x) for x in v)))
        else:
            out.append((key, fmt(v)))
    return out


def others_section(others):
    parts = []
    for name, obj in others.items():
        parts.append(f"### {name}\n\n| figure | value |\n|---|---|")
        parts.extend(f"| {k} | {v} |" for k, v in flat(obj))
        parts.append("")
    return "\n".join(parts)


def plot(engines, results_dir):
    """Latency (p50 and p99) against achieved throughput, closed and open loop, one line each."""
    data_files, plots = [], []
    for name, e in engines.items():
        points = [(r.get("qps", 0), r.get("latency_us", {}))
                  for r in e.get("runs", [])] + \
                 [(r.get("achieved_qps", r.get("qps", 0)), r.get("latency_us", {}))
                  for r in e.get("open_loop", []) or []]
        points = [(q, l) for q, l in points if q and l.get("p99") is not None]
        if not points:
            continue
        # In order of offered load (closed loop 1..16 clients, then the open loop), not sorted by
        # throughput: past saturation throughput falls back while latency climbs, and that bend is
        # what the plot is for.
        path = os.path.join(results_dir, f"plot-{name}.dat")
        with open(path, "w") as f:
            for q, l in points:
                f.write(f"{q} {l.get('p50', 0) / 1000.0} {l['p99'] / 1000.0}\n")
        data_files.append(path)
        plots.append(f"'{path}' using 1:3 with linespoints title '{name} p99'")
        plots.append(f"'{path}' using 1:2 with linespoints dashtype 2 title '{name} p50'")
    if not plots:
        return None
    png = os.path.join(results_dir, "latency.png")
    script = "\n".join([
        "set terminal pngcairo size 1100,700 font 'sans,10'" ,
        f"set output '{png}'",
        "set title 'Query latency against throughput (closed loop 1-16 clients, open loop at 50%/80%)'",
        "set xlabel 'queries per second (log)'", "set ylabel 'latency, ms (log)'", "set logscale xy",
        "set key outside right", "set grid",
        "plot " + ", ".join(plots)])
    try:
        subprocess.run(["gnuplot"], input=script.encode(), check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as e:
        # pngcairo is missing from some gnuplot builds; the plain png terminal is always there.
        script = script.replace("pngcairo size 1100,700 font 'sans,10'", "png size 1100,700")
        try:
            subprocess.run(["gnuplot"], input=script.encode(), check=True, capture_output=True)
        except (OSError, subprocess.CalledProcessError) as e2:
            print(f"make_report: no plot ({e}; {e2})", file=sys.stderr)
            return None
    for p in data_files:
        os.remove(p)
    return png


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("results_dir")
    ap.add_argument("--out", default=None, help="report path (default RESULTS_DIR/report.md)")
    ap.add_argument("--queries", default=None, help="queries.jsonl, for per-class hit agreement")
    args = ap.parse_args()
    engines, others = load_results(args.results_dir)
    if not engines:
        print("make_report: no engine results in " + args.results_dir, file=sys.stderr)
        return 1
    queries = []
    if args.queries and os.path.exists(args.queries):
        with open(args.queries, encoding="utf-8") as f:
            queries = [json.loads(l) for l in f if l.strip()]
    meta = others.pop("run", {})
    for name, e in engines.items():
        if isinstance(e.get("mixed"), dict):
            others[f"{name}: searches while the corpus is upserted again"] = e["mixed"]
        if isinstance(e.get("server"), dict):
            others[f"{name}: server figures"] = e["server"]
    out = [f"# Benchmark run: tier {meta.get('tier', '?')}", ""]
    if meta:
        out += ["| | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in flat(meta)] + [""]
    out += ["## Queries, closed loop", "", engine_table(engines), ""]
    ol = open_loop_table(engines)
    if ol:
        out += ["## Queries, open loop", "", ol, ""]
    for t in (1, 8):
        ct = class_table(engines, t)
        if ct:
            out += [f"## By query class, {t} thread(s)", "", ct, ""]
    out += ["## Indexing", "", index_table(engines), ""]
    ag = agreement_table(engines, queries)
    if ag:
        out += ["## Hit counts against the in-process engine", "", ag, ""]
    if others:
        out += ["## Ingestion, freshness, start-up", "", others_section(others)]
    png = plot(engines, args.results_dir)
    if png:
        out += ["## Latency against load", "", f"![latency against load]({os.path.basename(png)})", ""]
    report = args.out or os.path.join(args.results_dir, "report.md")
    with open(report, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
