#!/bin/sh
# Fuzz the toolstack's config parsers with libFuzzer: xl.cfg, libvirt domain
# XML and the generated JSON parser, each for a bounded time.
#
# usage: fuzz-config-parsers.sh [SECONDS_PER_TARGET] [TARGET...]
#   SECONDS_PER_TARGET  default 60 (or $FUZZ_SECONDS); TARGETs: xlcfg xml json
#
# Builds libxenlight's sources with clang -fsanitize=fuzzer,address,undefined
# into build/fuzz-config/, seeds each run with config-corpus/TARGET (kept
# unchanged; new inputs go to build/fuzz-config/corpus-TARGET) and prints one
# line per target.  A crash, leak, sanitizer report or broken round trip
# fails the script; the input is saved as build/fuzz-config/TARGET-crash-*.
# Not part of `make check`: it takes minutes, CI stays fast.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
LIGHT="$ROOT/tools/libs/light"
OUT="$ROOT/build/fuzz-config"
SECS=${1:-${FUZZ_SECONDS:-60}}
[ $# -gt 0 ] && shift
TARGETS=${*:-xlcfg xml json}
CLANG=${CLANG:-clang}

case "$SECS" in
    ''|*[!0-9]*) echo "fuzz-config-parsers: seconds must be a number, not '$SECS'" >&2; exit 2 ;;
esac

if ! command -v "$CLANG" >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "fuzz-config-parsers: installing clang"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends clang
    else
        echo "fuzz-config-parsers: needs clang with libFuzzer; as root run:" >&2
        echo "  apt-get update && apt-get install -y --no-install-recommends clang" >&2
        exit 1
    fi
fi
for pc in yajl libxml-2.0; do
    if ! pkg-config --exists "$pc"; then
        echo "fuzz-config-parsers: needs $pc (tools/misc/install-deps installs it)" >&2
        exit 1
    fi
done

mkdir -p "$OUT"
# The generated type code comes from the library's own build rule.
make -s -C "$LIGHT" generated

CFLAGS="-g -O1 -std=gnu11 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined \
-fno-sanitize-recover=undefined -fno-omit-frame-pointer \
-I$LIGHT -I$LIGHT/include $(pkg-config --cflags yajl libxml-2.0)"
LIBS="$(pkg-config --libs yajl libxml-2.0)"

status=0
for t in $TARGETS; do
    src="$HERE/fuzz-config-$t.c"
    if [ ! -f "$src" ]; then
        echo "fuzz-config-parsers: no target '$t' (have: xlcfg xml json)" >&2
        exit 2
    fi
    bin="$OUT/fuzz-config-$t"
    # shellcheck disable=SC2086 # word splitting of the flag lists is wanted
    "$CLANG" $CFLAGS -o "$bin" "$src" "$LIGHT"/*.c $LIBS
    mkdir -p "$OUT/corpus-$t"
    log="$OUT/$t.log"
    if ( cd "$OUT" && "$bin" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 \
            -max_len=16384 -dict="$HERE/fuzz-config.dict" -print_final_stats=1 \
            -artifact_prefix="$OUT/$t-" "$OUT/corpus-$t" "$HERE/config-corpus/$t" \
            >"$log" 2>&1 ); then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
        files=$(find "$OUT/corpus-$t" -type f | wc -l)
        echo "PASS fuzz/$t: ${runs:-?} runs in ${SECS}s, $cov, corpus $files inputs"
    else
        status=1
        echo "FAIL fuzz/$t: see $log"
        grep -E 'ERROR|invariant failed|SUMMARY|Test unit written' "$log" | head -5 | sed 's/^/    /'
    fi
done
exit $status
