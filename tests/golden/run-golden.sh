#!/usr/bin/env bash
# Golden outputs: the results JSON of fixed designs at fixed seeds, compared byte for byte
# (the spirit of OMNeT++'s fingerprint tests). A refactor must not change them; a change of
# semantics changes them deliberately, in a commit that says why:
#   tests/golden/run-golden.sh check HLDSIM     (ctest runs this)
#   tests/golden/run-golden.sh update HLDSIM    (rewrite tests/golden/expected/)
set -euo pipefail
mode=$1
hldsim=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# name | design | options
cases() {
    for t in "$root"/resources/templates/*.hld.json; do
        echo "template-$(basename "$t" .hld.json)|$t|--duration-s 40 --warmup-s 5 --seed 11 --replications 2 --threads 2"
    done
    echo "example-url-shortener|$root/resources/examples/url-shortener.hld.json|--requests 50000 --seed 3"
    echo "mm3-erlang-c|$root/tests/data/mm3-erlang-c.hld.json|--requests 30000 --seed 5"
    echo "mg1-lognormal|$root/tests/data/mg1-lognormal.hld.json|--requests 30000 --seed 5"
    for d in "$here"/designs/*.hld.json; do
        echo "$(basename "$d" .hld.json)|$d|--seed 7 --timeseries"
    done
}

status=0
while IFS='|' read -r name design options; do
    # shellcheck disable=SC2086
    "$hldsim" run "$design" $options --format json > "$out/$name.json"
    case $mode in
    update)
        cp "$out/$name.json" "$here/expected/$name.json"
        ;;
    check)
        if ! cmp -s "$out/$name.json" "$here/expected/$name.json"; then
            echo "golden output changed: $name (diff below; if deliberate, run update and say why)"
            diff <(python3 -m json.tool "$here/expected/$name.json" 2>/dev/null || cat "$here/expected/$name.json") \
                 <(python3 -m json.tool "$out/$name.json") | head -40 || true
            status=1
        fi
        ;;
    esac
done < <(cases)
[ "$mode" = check ] && [ $status -eq 0 ] && echo "golden outputs: all $(cases | wc -l) unchanged"
exit $status
