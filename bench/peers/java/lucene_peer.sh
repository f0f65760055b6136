#!/usr/bin/env bash
# Compiles the Java Lucene peer against Debian's Lucene 8 jars (liblucene8-java) and runs it.
#
#   lucene_peer.sh --compile-only                     # javac into $LUCENE_PEER_CLASSES
#   lucene_peer.sh --corpus DIR --index-dir DIR [--analyzer nori|cjk] [--threads 1,8] ...
#
# LUCENE_PEER_CLASSES: where the classes go (default: build/bench/peers/java under the checkout).
# LUCENE_PEER_JAVA_OPTS: JVM options (default -Xms512m -Xmx2g: a fixed, modest heap, as a small
# Elasticsearch node would have; peak RSS is reported).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
classes="${LUCENE_PEER_CLASSES:-$here/../../../build/bench/peers/java}"
jars=""
for name in lucene-core lucene-analyzers-common lucene-analyzers-nori lucene-queryparser; do
  jar="$(ls /usr/share/java/"$name"-8*.jar 2>/dev/null | head -n1 || true)"
  if [ -z "$jar" ]; then
    echo "lucene_peer.sh: /usr/share/java/$name-8*.jar not found (apt-get install liblucene8-java)" >&2
    exit 1
  fi
  jars="$jars:$jar"
done
jars="${jars#:}"
sources=("$here"/LucenePeer.java "$here"/ClosedLoop.java "$here"/MiniJson.java)
stale=0
[ -f "$classes/LucenePeer.class" ] || stale=1
for s in "${sources[@]}"; do
  if [ "$s" -nt "$classes/LucenePeer.class" ]; then stale=1; fi
done
if [ "$stale" = 1 ]; then
  mkdir -p "$classes"
  javac -encoding UTF-8 -Xlint:all -Werror -cp "$jars" -d "$classes" "${sources[@]}"
fi
if [ "${1:-}" = "--compile-only" ]; then exit 0; fi
# shellcheck disable=SC2086
exec java ${LUCENE_PEER_JAVA_OPTS:--Xms512m -Xmx2g} -cp "$classes:$jars" LucenePeer "$@"
