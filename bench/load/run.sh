#!/usr/bin/env bash
# Load test of `bothost serve` (issue #6): wrk on loopback against POST /discord/interactions with signed /ask
# interactions, the full work of answering (Ed25519 verification, parsing, safety rules, retrieval, rendering).
# Prints wrk's latency distribution and the server's memory (RSS now and peak). Needs wrk and openssl
# (apt-get install -y wrk). Usage: bench/load/run.sh [DURATION=30s] [CONNECTIONS=32] [THREADS=1]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${DURATION:-30s}
connections=${CONNECTIONS:-32}
threads=${THREADS:-1}
work=$(mktemp -d)
serve_pid=
cleanup() {
  [ -n "$serve_pid" ] && kill -TERM "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null || true
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

port=18$((RANDOM % 900 + 100))
echo "== serve on 127.0.0.1:$port (Discord public key only, no token; rate limit off for the load)"
Discord__PublicKey=$public_key Discord__ApplicationId=775799577604522054 Safety__QuestionsPerMinute=0 \
  Analytics__DatabasePath="$work/analytics.db" Logging__LogLevel__Default=Warning \
  dotnet "$work/app/bothost.dll" serve --urls "http://127.0.0.1:$port" --knowledge knowledge > "$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 1 60); do curl -fsS "http://127.0.0.1:$port/healthz" > /dev/null 2>&1 && break; sleep 1; done
url="http://127.0.0.1:$port/discord/interactions"

echo "== one request, to show what is measured"
head -c 300 <(curl -fsS "$url" -H "Content-Type: application/json" -H "X-Signature-Timestamp: $timestamp" \
  -H "X-Signature-Ed25519: $(sed -n 's/.*signature = "\([0-9a-f]*\)".*/\1/p' "$work/discord.lua" | head -1)" \
  --data-binary "$(sed -n 's/.*body = \[\[\(.*\)\]\].*/\1/p' "$work/discord.lua" | head -1)"); echo " ..."

echo "== warm-up (10 s)"
wrk -t"$threads" -c"$connections" -d10s -s "$work/discord.lua" "$url" > /dev/null

echo "== wrk -t$threads -c$connections -d$duration --latency (signed /ask interactions, 8 questions in turn)"
wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$work/discord.lua" "$url"

echo "== server memory"
grep -E '^(VmRSS|VmHWM)' "/proc/$serve_pid/status"
