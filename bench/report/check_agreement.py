#!/usr/bin/env python3
"""Checks one benchmark run for correctness (the CI smoke test; no timing is checked).

    check_agreement.py RESULTS_DIR QUERIES_JSONL [--peer NAME ...]

Fails (exit 1, one line per problem) unless
- the in-process engine and the server through gRPC report the same hit count for every query
  (same analysis, same engine: any difference is a bug in the server path),
- every query found at least one article in-process (the generator draws queries from the corpus),
- no run reported errors, and every engine and peer named ran and answered every query.
"""
import argparse
import json
import os
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read().strip()
    try:
        return json.loads(text)
    except ValueError:  # a harness that printed more than its result line
        return json.loads(text.splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results_dir")
    ap.add_argument("queries")
    ap.add_argument("--peer", action="append", default=[], help="peer result expected (peer-NAME.json)")
    args = ap.parse_args()
    with open(args.queries, encoding="utf-8") as f:
        ids = [json.loads(l)["id"] for l in f if l.strip()]
    problems = []
    inproc = load(os.path.join(args.results_dir, "inproc.json"))
    grpc = load(os.path.join(args.results_dir, "grpc.json"))
    for q in ids:
        a, b = inproc["hits"].get(q), grpc["hits"].get(q)
        if a is None or b is None:
            problems.append(f"{q}: missing hit count (in-process {a}, gRPC {b})")
        elif a != b:
            problems.append(f"{q}: in-process found {a} articles, gRPC {b}")
        elif a == 0:
            problems.append(f"{q}: no article found, but the generator drew it from the corpus")
    engines = {"inproc": inproc, "grpc": grpc}
    # The same indexes merged to one segment must find the same articles.
    for name in ("inproc_merged", "grpc_merged"):
        path = os.path.join(args.results_dir, name + ".json")
        if not os.path.exists(path):
            continue
        engines[name] = load(path)
        for q in ids:
            if engines[name]["hits"].get(q) != inproc["hits"].get(q):
                problems.append(f"{q}: {name} found {engines[name]['hits'].get(q)} articles, "
                                f"in-process {inproc['hits'].get(q)}")
    for p in args.peer:
        path = os.path.join(args.results_dir, f"peer-{p}.json")
        if not os.path.exists(path):
            problems.append(f"peer {p}: no result (see the run's log)")
            continue
        engines[p] = load(path)
        missing = [q for q in ids if q not in engines[p].get("hits", {})]
        if missing:
            problems.append(f"peer {p}: no hit count for {len(missing)} queries, e.g. {missing[0]}")
    for name, e in engines.items():
        for r in e.get("runs", []) + (e.get("open_loop") or []):
            if r.get("errors", 0):
                problems.append(f"{name}: {r['errors']} errors at {r.get('threads', r.get('fraction'))}")
            if not r.get("queries_run", 1):
                problems.append(f"{name}: no query completed at {r.get('threads', r.get('fraction'))}")
    for p in problems:
        print("check_agreement: " + p)
    print(f"check_agreement: {len(ids)} queries, {len(engines)} engines, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
