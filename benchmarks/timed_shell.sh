#!/bin/bash
# make's SHELL for benchmarks/edit_steps.py: runs each recipe in bash and appends to $TSH_LOG
# its start and end, its status, its CPU time (user + system, its children included) and its
# command, then each line it printed with the time it was printed (bash's own clock: no
# process per line).
start=$EPOCHREALTIME
out=$(mktemp)
/usr/bin/time -f "%U %S" -o "$out.cpu" /bin/bash "$@" > >(while IFS= read -r line; do
    printf '%s %s\n' "$EPOCHREALTIME" "$line" >> "$out.lines"; printf '%s\n' "$line"; done) 2>&1
status=$?
end=$EPOCHREALTIME
wait $! 2>/dev/null  # the lines' reader
{ printf 'RECIPE %s %s %s %s :: %s\n' "$start" "$end" "$status" \
    "$(tail -1 "$out.cpu" | awk '{print $1 + $2}')" "$(echo "${*: -1}" | tr '\n' ' ' | cut -c1-150)"
  test -f "$out.lines" && sed 's/^/  LINE /' "$out.lines"; } >> "$TSH_LOG"
rm -f "$out" "$out.cpu" "$out.lines"
exit $status
