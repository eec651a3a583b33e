#!/usr/bin/env bash
# Load test of `bothost serve` (issue #6): wrk on loopback against POST /discord/interactions with signed /ask
# interactions, the full work of answering (Ed25519 verification, parsing, safety rules, retrieval, rendering).
# Prints wrk's latency distribution and the server's memory (RSS now and peak). Needs wrk and openssl
# (apt-get install -y wrk). Usage: bench/load/run.sh [DURATION=30s] [CONNECTIONS=32] [THREADS=1]
# Shared state (issue #18): STATE_REDIS=host:port and ANALYTICS_POSTGRES='Host=...' put the replicas' state on Redis
# and PostgreSQL; QUESTIONS_PER_MINUTE (default 0, off) > 0 makes every message take the member rate limit, the call
# that goes to Redis; REPLICAS=2 starts two serve processes sharing that state and loads each with its own wrk
# (CONNECTIONS each), printing each replica's figures and their sum. The server runs with the Dockerfile's GC budget
# (DOTNET_GCgen0size=0x4000000); DOTNET_GCgen0size= (empty) runs it with the runtime's default for comparison.
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

echo "== publish (Release, as the Dockerfile does)"
dotnet publish src/BotHost/BotHost.csproj -c Release -o "$work/app" > "$work/publish.log"

# The RFC 8032 section 7.1 TEST 1 key (also in ../shared/specs/payloads/discord-signature-test-vector.GENERATED.json)
# stands in for the application's key: Discord signs timestamp + body with its private key.
seed=9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60
public_key=d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a
echo "302e020100300506032b657004220420$seed" | xxd -r -p | openssl pkey -inform DER -out "$work/key.pem"
timestamp=1700000000

questions=(
  "someone is threatening to post my pics unless i pay"
  "how do i report csam"
  "how can i tell if someone is grooming my child"
  "what is sextortion"
  "how do i get an image of me taken down"
  "what are signs of human trafficking"
  "how do i fix a flat tyre"
  "who can i talk to if i feel unsafe online"
)
{
  echo "local bodies = {"
  i=0
  for q in "${questions[@]}"; do
    i=$((i + 1))
    body="{\"id\":\"78600872971521233$i\",\"application_id\":\"775799577604522054\",\"type\":2,\"token\":\"load-token-$i\",\"version\":1,\"guild_id\":\"290926798626357999\",\"channel_id\":\"645027906669510667\",\"member\":{\"user\":{\"id\":\"5390823250618368$i\",\"username\":\"member$i\"}},\"data\":{\"id\":\"771825006014889984\",\"name\":\"ask\",\"type\":1,\"options\":[{\"type\":3,\"name\":\"question\",\"value\":\"$q\"}]}}"
    printf '%s%s' "$timestamp" "$body" > "$work/message.bin"
    signature=$(openssl pkeyutl -sign -inkey "$work/key.pem" -rawin -in "$work/message.bin" | xxd -p -c 256)
    echo "  { body = [[$body]], signature = \"$signature\" },"
  done
  echo "}"
  cat <<'LUA'
local requests = {}
local next = 0
init = function(args)
  for i, b in ipairs(bodies) do
    requests[i] = wrk.format("POST", nil, {
      ["Content-Type"] = "application/json",
      ["X-Signature-Ed25519"] = b.signature,
      ["X-Signature-Timestamp"] = "1700000000",
    }, b.body)
  end
end
request = function()
  next = next % #requests + 1
  return requests[next]
end
LUA
} > "$work/discord.lua"

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
    Analytics__DatabasePath="$work/analytics-$r.db" Logging__LogLevel__Default=Warning "${state[@]}" \
    DOTNET_GCgen0size="${DOTNET_GCgen0size-0x4000000}" \
    dotnet "$work/app/bothost.dll" serve --urls "http://127.0.0.1:$port" --knowledge knowledge > "$work/serve-$r.log" 2>&1 &
  serve_pids+=($!)
  for _ in $(seq 1 90); do curl -fsS "http://127.0.0.1:$port/healthz" > /dev/null 2>&1 && break; sleep 1; done
  urls+=("http://127.0.0.1:$port/discord/interactions")
done
url=${urls[0]}

echo "== one request, to show what is measured"
head -c 300 <(curl -fsS "$url" -H "Content-Type: application/json" -H "X-Signature-Timestamp: $timestamp" \
  -H "X-Signature-Ed25519: $(sed -n 's/.*signature = "\([0-9a-f]*\)".*/\1/p' "$work/discord.lua" | head -1)" \
  --data-binary "$(sed -n 's/.*body = \[\[\(.*\)\]\].*/\1/p' "$work/discord.lua" | head -1)"); echo " ..."

echo "== warm-up (10 s)"
warm_pids=()
for u in "${urls[@]}"; do
  wrk -t"$threads" -c"$connections" -d10s -s "$work/discord.lua" "$u" > /dev/null &
  warm_pids+=($!)
done
for pid in "${warm_pids[@]}"; do wait "$pid"; done

echo "== wrk -t$threads -c$connections -d$duration --latency (signed /ask interactions, 8 questions in turn), $replicas replica(s)"
wrk_pids=()
for i in "${!urls[@]}"; do
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$work/discord.lua" "${urls[$i]}" > "$work/wrk-$i.txt" &
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

echo "== server memory"
for pid in "${serve_pids[@]}"; do grep -E '^(VmRSS|VmHWM)' "/proc/$pid/status"; done
for r in $(seq 1 "$replicas"); do grep -iE "fail|error|degraded" "$work/serve-$r.log" | head -5 || true; done
