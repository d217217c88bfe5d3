#!/usr/bin/env bash
# Runs the Docker image's runtime install and start commands without Docker (CI has none): production
# dependencies only, into a fresh folder with just what the image copies, then the image's CMD as root with
# STACKGUARD_USER, and the image's HEALTHCHECK against Probot's /ping. Each command is first looked up in the
# Dockerfile, so editing the Dockerfile without this script (or the other way round) fails CI.
# Expects a built checkout (dist/ from `npm run build`, as the image's build stage makes it).
set -euo pipefail
cd "$(dirname "$0")/.."

install='npm ci --omit=dev --ignore-scripts --no-audit --no-fund'
start='CMD ["node", "dist/app-server.js"]'
health="fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/ping').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
for expected in "RUN $install" "$start" "$health" 'COPY --from=build /app/dist ./dist' 'COPY rules ./rules' 'STACKGUARD_USER=stackguard'; do
  grep -qF -- "$expected" Dockerfile || { echo "Dockerfile no longer contains: $expected (update scripts/ci-docker-smoke.sh with it)" >&2; exit 1; }
done
[ -f dist/app-server.js ] || { echo "dist/app-server.js is missing: run npm run build first" >&2; exit 1; }

stage="$(mktemp -d)"
pid=''
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -rf "$stage"; }
trap cleanup EXIT
chmod 0755 "$stage"
app="$stage/app"
mkdir "$app"
cp package.json package-lock.json "$app/"
(cd "$app" && NODE_ENV=production $install >/dev/null 2>"$stage/install.log") || { cat "$stage/install.log" >&2; exit 1; }
cp -R dist rules "$app/"

port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
key="$(node -e "console.log(require('crypto').generateKeyPairSync('rsa',{modulusLength:2048}).privateKey.export({type:'pkcs1',format:'pem'}))")"
user='stackguard'
id -u "$user" >/dev/null 2>&1 || user='nobody'
if [ "$(id -u)" != 0 ]; then user=''; fi
# As the image does: the work and cache folders exist and belong to the user reviews run as.
mkdir -p "$stage/work" "$stage/cache"
[ -n "$user" ] && chown "$user" "$stage/work" "$stage/cache"

echo "== starting the image's CMD from $app (production dependencies only) on port $port"
(cd "$app" && exec env -i PATH="$PATH" NODE_ENV=production HOST=0.0.0.0 PORT="$port" LOG_FORMAT=json \
  APP_ID=1 PRIVATE_KEY="$key" WEBHOOK_SECRET=smoke-test \
  STACKGUARD_USER="$user" STACKGUARD_WORK_DIR="$stage/work" STACKGUARD_CACHE_DIR="$stage/cache" \
  node dist/app-server.js >"$stage/app.log" 2>&1) &
pid=$!

for _ in $(seq 1 60); do
  if PORT="$port" node -e "$health"; then
    echo "== /ping answered; the image's health check passes"
    grep -q '"msg":"stackguard is listening"' "$stage/app.log" || { echo "the App did not load:" >&2; cat "$stage/app.log" >&2; exit 1; }
    if [ -n "$user" ]; then
      grep -q "running as $user" "$stage/app.log" || { echo "the App did not drop to $user:" >&2; cat "$stage/app.log" >&2; exit 1; }
      echo "== the App dropped from root to $user"
    fi
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || { echo "the App exited:" >&2; cat "$stage/app.log" >&2; exit 1; }
  sleep 0.5
done
echo "no answer on /ping within 30 s:" >&2
cat "$stage/app.log" >&2
exit 1
