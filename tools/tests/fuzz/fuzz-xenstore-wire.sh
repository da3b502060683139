#!/bin/sh
# Fuzz xenstored's wire decoder and request handlers with libFuzzer for a
# bounded time: fuzz-xenstore-wire.c feeds byte streams through a real
# connection of an in-process store (a dom0 connection, then a domain's).
#
# usage: fuzz-xenstore-wire.sh [SECONDS]   (default 60, or $FUZZ_SECONDS)
#
# Builds the daemon's sources with clang -fsanitize=fuzzer,address,undefined
# into build/fuzz-xenstore/, seeds the run with a few well-formed requests
# (written there), and prints one line.  A crash, leak or sanitizer report
# fails the script; the input is saved as build/fuzz-xenstore/crash-*.
# `make check` runs it for 20 s (about 35 s with the build, on 2 busy cores).
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
SRC="$ROOT/tools/xenstored"
OUT="$ROOT/build/fuzz-xenstore"
SECS=${1:-${FUZZ_SECONDS:-60}}
CLANG=${CLANG:-clang}

case "$SECS" in
    ''|*[!0-9]*) echo "fuzz-xenstore-wire: seconds must be a number, not '$SECS'" >&2; exit 2 ;;
esac
if ! command -v "$CLANG" >/dev/null 2>&1; then
    echo "fuzz-xenstore-wire: needs clang with libFuzzer; as root run:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends clang" >&2
    exit 1
fi

mkdir -p "$OUT/corpus" "$OUT/seeds"
# Seeds: READ, WRITE, a transaction, a watch, SET_PERMS, each a header
# (type, req_id, tx_id, len as little-endian 32-bit words) and payload.
seed() {
    name=$1 type=$2 tx=$3 payload=$4
    len=$(printf "$payload" | wc -c)
    python3 -c "import struct,sys; sys.stdout.buffer.write(struct.pack('<4I', $type, 1, $tx, $len))" \
        > "$OUT/seeds/$name"
    printf "$payload" >> "$OUT/seeds/$name"
}
seed read 2 0 '/local/domain/1/name\0'
seed write 11 0 'data/x\0value'
seed txstart 6 0 '\0'
seed txend 7 1 'T\0'
seed watch 4 0 'data\0tok\0'
seed perms 14 0 'data/x\0n1\0r0\0'
seed dir 1 0 '/local\0'
seed rm 13 0 '/local/domain/1\0'
seed dirpart 22 0 '/local\0000\0'
seed control 0 0 'print\0hello\0'

bin="$OUT/fuzz-xenstore-wire"
# shellcheck disable=SC2046 # the list of sources is wanted split
"$CLANG" -g -O1 -std=gnu11 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=undefined -fno-omit-frame-pointer \
    -I"$SRC" -I"$ROOT/tools/include" -o "$bin" "$HERE/fuzz-xenstore-wire.c" \
    $(for f in log path perms tree transaction watch proto ops conn domain store ring \
        ring_conn ring_dir socket; do echo "$SRC/$f.c"; done)

log="$OUT/fuzz.log"
if ( cd "$OUT" && "$bin" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 \
        -max_len=16384 -print_final_stats=1 -artifact_prefix="$OUT/" \
        "$OUT/corpus" "$OUT/seeds" >"$log" 2>&1 ); then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    files=$(find "$OUT/corpus" -type f | wc -l)
    echo "PASS fuzz/xenstore-wire: ${runs:-?} runs in ${SECS}s, $cov, corpus $files inputs"
else
    echo "FAIL fuzz/xenstore-wire: see $log"
    grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -5 | sed 's/^/    /'
    exit 1
fi
