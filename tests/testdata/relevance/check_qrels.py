#!/usr/bin/env python3
"""Validates qrels.tsv against the relevance corpus.

Checks:
  * the header and the 7 tab-separated columns of every line;
  * every judged file exists in corpus/ and every (file, article_title) occurs in that file
    verbatim as a line, after stripping heading marks such as '## 1.', '### 2.' or '01';
  * grades are 1 or 2, and every query has at least one grade-2 judgment;
  * a query id always carries the same category and query text, and no (query, file, title)
    pair is judged twice;
  * every category has at least MIN_PER_CATEGORY queries.

Usage: check_qrels.py [--qrels PATH] [--corpus DIR] [--quiet]
Exit status 0 when everything passes, 1 otherwise. Standard library only.
"""

import argparse
import collections
import os
import re
import sys

HEADER = ["query_id", "category", "query", "file", "article_title", "grade", "note"]
CATEGORIES = [
    "particles", "trad_simp", "hanja_reading", "mixed_script", "fullwidth", "english_stem",
    "phrase", "spacing", "interpunct", "two_syllable", "single_char", "publisher_filter",
    "date_filter", "numbers",
]
MIN_PER_CATEGORY = 5

# Leading heading marks: Markdown hashes, then a number such as "1." / "2)" / "01".
_HASHES = re.compile(r"^#+\s*")
_NUMBER = re.compile(r"^\d{1,2}(?:[.)]\s*|\s+)")


def strip_heading(line):
    s = line.strip()
    s = _HASHES.sub("", s)
    s = _NUMBER.sub("", s, count=1)
    return s.strip()


def title_lines(path):
    """All forms a title may take in the file: raw stripped lines and heading-stripped lines."""
    forms = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            raw = line.strip()
            if raw:
                forms.add(raw)
                forms.add(strip_heading(raw))
    return forms


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--qrels", default=os.path.join(here, "qrels.tsv"))
    ap.add_argument("--corpus", default=os.path.join(here, "corpus"))
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()

    errors = []
    with open(args.qrels, encoding="utf-8") as f:
        rows = [l.rstrip("\n") for l in f]
    if not rows or rows[0].split("\t") != HEADER:
        errors.append("line 1: header must be: " + "\\t".join(HEADER))
    cache = {}
    queries = {}  # qid -> (category, query)
    grades = collections.defaultdict(list)
    seen = set()
    for n, row in enumerate(rows[1:], start=2):
        if not row.strip():
            continue
        cols = row.split("\t")
        if len(cols) != len(HEADER):
            errors.append(f"line {n}: expected {len(HEADER)} columns, got {len(cols)}")
            continue
        qid, cat, query, fname, title, grade, _note = cols
        if not re.fullmatch(r"q\d{3,}", qid):
            errors.append(f"line {n}: bad query_id {qid!r}")
        if cat not in CATEGORIES:
            errors.append(f"line {n}: unknown category {cat!r}")
        if not query.strip():
            errors.append(f"line {n}: empty query")
        if qid in queries and queries[qid] != (cat, query):
            errors.append(f"line {n}: {qid} has category/query {(cat, query)} but earlier {queries[qid]}")
        queries.setdefault(qid, (cat, query))
        if grade not in ("1", "2"):
            errors.append(f"line {n}: grade must be 1 or 2, got {grade!r}")
        else:
            grades[qid].append(int(grade))
        key = (qid, fname, title)
        if key in seen:
            errors.append(f"line {n}: duplicate judgment {key}")
        seen.add(key)
        path = os.path.join(args.corpus, fname)
        if os.path.basename(fname) != fname or not os.path.isfile(path):
            errors.append(f"line {n}: no such corpus file {fname!r}")
            continue
        if fname not in cache:
            cache[fname] = title_lines(path)
        if title != title.strip() or not title or title not in cache[fname]:
            errors.append(f"line {n}: title not found as a line in {fname}: {title!r}")

    for qid, gs in grades.items():
        if 2 not in gs:
            errors.append(f"{qid} ({queries[qid][1]!r}): no grade-2 judgment")
    per_cat = collections.Counter(cat for cat, _ in queries.values())
    for cat in CATEGORIES:
        if per_cat[cat] < MIN_PER_CATEGORY:
            errors.append(f"category {cat}: {per_cat[cat]} queries, need at least {MIN_PER_CATEGORY}")

    if not args.quiet:
        print(f"{len(queries)} queries, {len(seen)} judgments, "
              f"{len({k[1] for k in seen})} files judged, "
              f"{len({(k[1], k[2]) for k in seen})} distinct articles judged")
        for cat in CATEGORIES:
            print(f"  {cat:<17} {per_cat[cat]:>3}")
    for e in errors:
        print("ERROR:", e, file=sys.stderr)
    if errors:
        print(f"FAILED: {len(errors)} problem(s)", file=sys.stderr)
        return 1
    if not args.quiet:
        print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
