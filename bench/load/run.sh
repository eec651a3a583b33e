#!/usr/bin/env bash
# Load test of `bothost serve` (issue #6): wrk on loopback against POST /discord/interactions with signed /ask
# interactions, the full work of answering (Ed25519 verification, parsing, safety rules, retrieval, rendering).
# Prints the mode, the load average, wrk's latency distribution with how many responses were answers inline (not
# deferrals), the server's CPU time per request over the measured run (the figure that holds on a busy machine) and its
# memory (RSS now and peak). Needs wrk (apt-get install -y wrk).
# Usage: bench/load/run.sh [MODE=distinct|repeated] [DISTINCT=4096] [DURATION=30s] [CONNECTIONS=32] [THREADS=1]
# Shared state (issue #18): STATE_REDIS=host:port and ANALYTICS_POSTGRES='Host=...' put the replicas' state on Redis
# and PostgreSQL; QUESTIONS_PER_MINUTE (default 0, off) > 0 makes every message take the member rate limit, the call
# that goes to Redis; REPLICAS=2 starts two serve processes sharing that state and loads each with its own wrk
# (CONNECTIONS each), printing each replica's figures and their sum. The server runs with the Dockerfile's GC budget
# (DOTNET_GCgen0size=0x1000000); DOTNET_GCgen0size= (empty) runs it with the runtime's default for comparison.
# LOG_LEVEL (default Warning) sets Logging__LogLevel__Default, so the cost of request logging can be compared (issue #16).
# KNOWLEDGE=DIR serves another knowledge folder (default knowledge/), e.g. the one an older PUBLISHED app was built for.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${DURATION:-30s}
connections=${CONNECTIONS:-32}
threads=${THREADS:-1}
work=$(mktemp -d)
replicas=${REPLICAS:-1}
serve_pids=()
cleanup() {
  for pid in "${serve_pids[@]}"; do kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

app=${PUBLISHED:-$work/app}
if [ -z "${PUBLISHED:-}" ]; then
  echo "== publish (Release, as the Dockerfile does)"
  dotnet publish src/BotHost/BotHost.csproj -c Release -o "$app" > "$work/publish.log"
else
  echo "== the app published in $app"
fi

# The signed interactions and the wrk script that sends them and counts what came back (WrkScriptRun.cs): MODE=distinct
# (the default) sends DISTINCT (4,096) different questions in turn, more than the answer cache and the message-vector
# cache hold (2,048 each), so every request is a first answer, embedded and answered; MODE=repeated sends the eight
# questions this bench used before, answered from the answer cache after the first round.
mode=${MODE:-distinct}
distinct=${DISTINCT:-4096}
public_key=d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a
timestamp=1700000000
echo "== wrk script ($mode)"
dotnet build bench/BotHost.Benchmarks/BotHost.Benchmarks.csproj -c Release > "$work/bench-build.log"
dotnet bench/BotHost.Benchmarks/bin/Release/net10.0/BotHost.Benchmarks.dll wrk-script "$work/discord.lua" "$mode" "$distinct"

state=()
[ -n "${STATE_REDIS:-}" ] && state+=("State__Redis=$STATE_REDIS" "State__KeyPrefix=load-$$-$RANDOM:")
[ -n "${ANALYTICS_POSTGRES:-}" ] && state+=("Analytics__ConnectionString=$ANALYTICS_POSTGRES")
label="embedded state"
[ -n "${STATE_REDIS:-}${ANALYTICS_POSTGRES:-}" ] && label="shared state:${STATE_REDIS:+ redis}${ANALYTICS_POSTGRES:+ postgresql}"
urls=()
for r in $(seq 1 "$replicas"); do
  port=18$((RANDOM % 900 + 100))
  echo "== serve $r on 127.0.0.1:$port (Discord public key only, no token; ${QUESTIONS_PER_MINUTE:-0} questions a minute; $label)"
  env Discord__PublicKey=$public_key Discord__ApplicationId=775799577604522054 Safety__QuestionsPerMinute="${QUESTIONS_PER_MINUTE:-0}" \
    Analytics__DatabasePath="$work/analytics-$r.db" Logging__LogLevel__Default="${LOG_LEVEL:-Warning}" "${state[@]}" \
    DOTNET_GCgen0size="${DOTNET_GCgen0size-0x1000000}" \
    dotnet "$app/bothost.dll" serve --urls "http://127.0.0.1:$port" --knowledge "${KNOWLEDGE:-knowledge}" > "$work/serve-$r.log" 2>&1 &
  serve_pids+=($!)
  for _ in $(seq 1 90); do curl -fsS "http://127.0.0.1:$port/healthz" > /dev/null 2>&1 && break; sleep 1; done
  urls+=("http://127.0.0.1:$port/discord/interactions")
done
url=${urls[0]}

echo "== one request, to show what is measured"
head -c 300 <(curl -fsS "$url" -H "Content-Type: application/json" -H "X-Signature-Timestamp: $timestamp" \
  -H "X-Signature-Ed25519: $(sed -n 's/.*signature = "\([0-9a-f]*\)".*/\1/p' "$work/discord.lua" | head -1)" \
  --data-binary "$(sed -n 's/.*body = \[=*\[\(.*\)\]=*\].*/\1/p' "$work/discord.lua" | head -1)"); echo " ..."

echo "== warm-up (10 s)"
warm_pids=()
for u in "${urls[@]}"; do
  wrk -t"$threads" -c"$connections" -d10s -s "$work/discord.lua" "$u" -- 0 "$threads" > "$work/warm-${#warm_pids[@]}.txt" &
  warm_pids+=($!)
done
for pid in "${warm_pids[@]}"; do wait "$pid"; done

# CPU time of each server (user + system, clock ticks) before and after the measured run.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
declare -A cpu_before
for pid in "${serve_pids[@]}"; do cpu_before[$pid]=$(cpu_ticks "$pid"); done
echo "== mode $mode; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== wrk -t$threads -c$connections -d$duration --latency (signed /ask interactions, $mode), $replicas replica(s)"
wrk_pids=()
for i in "${!urls[@]}"; do
  # Start where the warm-up stopped: in the distinct mode no question is asked twice within the caches' reach.
  warmed=$(sed -n 's/^ *\([0-9]*\) requests in .*/\1/p' "$work/warm-$i.txt")
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$work/discord.lua" "${urls[$i]}" -- "${warmed:-0}" "$threads" > "$work/wrk-$i.txt" &
  wrk_pids+=($!)
done
for pid in "${wrk_pids[@]}"; do wait "$pid"; done
total=0
for i in "${!urls[@]}"; do
  [ "$replicas" -gt 1 ] && echo "-- replica $((i + 1))"
  cat "$work/wrk-$i.txt"
  rate=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$work/wrk-$i.txt")
  total=$(awk -v a="$total" -v b="$rate" 'BEGIN { printf "%.2f", a + b }')
done
[ "$replicas" -gt 1 ] && echo "== all replicas together: $total requests/s"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== server CPU time over the measured run (user + system)"
ticks=$(getconf CLK_TCK)
for i in "${!serve_pids[@]}"; do
  pid=${serve_pids[$i]}
  used=$(( $(cpu_ticks "$pid") - ${cpu_before[$pid]} ))
  sent=$(sed -n 's/^ *\([0-9]*\) requests in .*/\1/p' "$work/wrk-$i.txt")
  awk -v t="$used" -v hz="$ticks" -v n="$sent" -v r="$((i + 1))" \
    'BEGIN { printf "replica %d: %.1f s CPU for %d requests: %.2f ms CPU per request\n", r, t / hz, n, (n > 0 ? 1000 * t / hz / n : 0) }'
done

echo "== server memory"
for pid in "${serve_pids[@]}"; do grep -E '^(VmRSS|VmHWM)' "/proc/$pid/status"; done
for r in $(seq 1 "$replicas"); do grep -iE "fail|error|degraded" "$work/serve-$r.log" | head -5 || true; done
