#!/usr/bin/env bash
# Prepare the Gitea of compose.yaml for a deferbot trial.
#
#   scripts/gitea-setup.sh         create an admin, the bot user and its token, a demo repository
#                                  with the bot as collaborator, and the webhook; write .env
#   scripts/gitea-setup.sh seed    commit a small docs/deferred-errors.md to the demo repository
#
# Run it from the host after `docker compose up -d gitea`. It needs docker compose and curl.
# Safe to run again: what exists is left as it is.
# Local trial only: the admin password below is printed and not secret.
set -euo pipefail

cd "$(dirname "$0")/.."

GITEA_PUBLIC_URL="${GITEA_PUBLIC_URL:-http://localhost:3001}"
ADMIN_USER="${ADMIN_USER:-trial-admin}"
ADMIN_PASSWORD="${ADMIN_PASSWORD:-trial-admin-password}"
BOT_USER="${BOT_USER:-deferbot}"
REPO_NAME="${REPO_NAME:-demo}"
# Gitea calls the bot over the compose network, so the URL names the compose service;
# compose.yaml allows exactly that host in Gitea's [webhook] ALLOWED_HOST_LIST.
BOT_WEBHOOK_URL="${BOT_WEBHOOK_URL:-http://deferbot:3000/api/webhook}"
ENV_FILE="${ENV_FILE:-.env}"
read -r -a COMPOSE <<<"${COMPOSE:-docker compose}"

# The least the bot needs: issues, labels and comments; contents, statuses, pull requests;
# GET /user to learn its own login.
TOKEN_SCOPES="write:issue,write:repository,read:user"
# "issues" also turns on issue_comment in Gitea; issue_comment is listed for readers.
HOOK_EVENTS='["push","issues","issue_comment","pull_request"]'

log() { printf '%s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

gitea_cli() {
  # Gitea's CLI refuses to run as root; the image's `git` user owns /data.
  "${COMPOSE[@]}" exec -T -u git gitea gitea "$@"
}

# api METHOD PATH [JSON]: a request as the trial admin; prints the response body (also on errors).
api() {
  local method=$1 path=$2 body=${3:-}
  local args=(--fail-with-body -sS -u "$ADMIN_USER:$ADMIN_PASSWORD" -X "$method" -H "Accept: application/json")
  if [[ -n $body ]]; then
    args+=(-H "Content-Type: application/json" --data "$body")
  fi
  curl "${args[@]}" "$GITEA_PUBLIC_URL/api/v1$path"
}

# found PATH: true when GET PATH answers 2xx (as the admin, so private things count too).
found() {
  curl -fs -o /dev/null -u "$ADMIN_USER:$ADMIN_PASSWORD" "$GITEA_PUBLIC_URL/api/v1$1"
}

# env_value NAME: the value of NAME in the .env file, or nothing.
env_value() {
  [[ -f $ENV_FILE ]] || return 0
  sed -n "s/^$1=//p" "$ENV_FILE" | tail -n 1
}

wait_for_gitea() {
  local tries=60
  until curl -fs -o /dev/null "$GITEA_PUBLIC_URL/api/healthz"; do
    tries=$((tries - 1))
    ((tries > 0)) || die "Gitea does not answer at $GITEA_PUBLIC_URL (is 'docker compose up -d gitea' running?)"
    sleep 2
  done
}

create_user() {
  local name=$1 email=$2
  shift 2
  if curl -fs -o /dev/null "$GITEA_PUBLIC_URL/api/v1/users/$name"; then
    log "user $name exists"
    return
  fi
  gitea_cli admin user create --username "$name" --email "$email" --must-change-password=false "$@" >/dev/null
  log "created user $name"
}

bot_token() {
  local token
  token=$(env_value GITEA_TOKEN)
  if [[ -n $token ]] && curl -fs -o /dev/null -H "Authorization: token $token" "$GITEA_PUBLIC_URL/api/v1/user"; then
    log "kept the bot token from $ENV_FILE"
    printf '%s' "$token"
    return
  fi
  # Token names are unique per user, so each new token gets its own.
  token=$(gitea_cli admin user generate-access-token --username "$BOT_USER" \
    --token-name "deferbot-$(date +%s)" --scopes "$TOKEN_SCOPES" --raw | tail -n 1 | tr -d '\r')
  [[ $token =~ ^[0-9a-f]{40}$ ]] || die "unexpected token output from gitea: $token"
  log "created a token for $BOT_USER with scopes $TOKEN_SCOPES"
  printf '%s' "$token"
}

webhook_secret() {
  local secret
  secret=$(env_value WEBHOOK_SECRET)
  if [[ -z $secret ]]; then
    # An empty secret is not an option: Gitea still signs (with "sha256=" and nothing after it)
    # and every delivery fails verification.
    secret=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
  fi
  printf '%s' "$secret"
}

create_repository() {
  local secret=$1 repo="$ADMIN_USER/$REPO_NAME"
  if found "/repos/$repo"; then
    log "repository $repo exists; its collaborators and webhook are left as they are"
    if [[ -z $(env_value WEBHOOK_SECRET) ]]; then
      log "warning: $ENV_FILE had no WEBHOOK_SECRET, so the new one will not match the webhook's;" \
        "put it into the webhook's settings, or start over with 'docker compose down -v'"
    fi
    return
  fi
  api POST /user/repos \
    "{\"name\":\"$REPO_NAME\",\"auto_init\":true,\"default_branch\":\"main\",\"private\":false}" >/dev/null
  log "created repository $repo"

  api PUT "/repos/$repo/collaborators/$BOT_USER" '{"permission":"write"}' >/dev/null
  log "added $BOT_USER to $repo with write access"

  # Webhook: type gitea, JSON body (the signature is over the JSON bytes), a non-empty secret,
  # active (Gitea's API defaults active to false), pushes to the default branch only.
  api POST "/repos/$repo/hooks" "$(
    printf '{"type":"gitea","active":true,"branch_filter":"main","events":%s,"config":{"url":"%s","content_type":"json","secret":"%s"}}' \
      "$HOOK_EVENTS" "$BOT_WEBHOOK_URL" "$secret"
  )" >/dev/null
  log "created the webhook $BOT_WEBHOOK_URL on $repo"
}

write_env_file() {
  local token=$1 secret=$2
  umask 077
  {
    printf '# Written by scripts/gitea-setup.sh for compose.yaml. Keep it out of git.\n'
    printf 'GITEA_TOKEN=%s\n' "$token"
    printf 'WEBHOOK_SECRET=%s\n' "$secret"
  } >"$ENV_FILE"
  log "wrote GITEA_TOKEN and WEBHOOK_SECRET to $ENV_FILE"
}

setup() {
  wait_for_gitea
  create_user "$ADMIN_USER" "$ADMIN_USER@example.com" --admin --password "$ADMIN_PASSWORD"
  create_user "$BOT_USER" "$BOT_USER@example.com" --random-password

  local token secret
  token=$(bot_token)
  secret=$(webhook_secret)
  create_repository "$secret"
  write_env_file "$token" "$secret"

  cat >&2 <<EOF

Next:
  docker compose up -d --build deferbot
  scripts/gitea-setup.sh seed
Then open $GITEA_PUBLIC_URL/$ADMIN_USER/$REPO_NAME/issues (sign in as $ADMIN_USER / $ADMIN_PASSWORD).
EOF
}

seed() {
  local repo="$ADMIN_USER/$REPO_NAME" path="docs/deferred-errors.md"
  found "/repos/$repo" || die "repository $repo does not exist; run scripts/gitea-setup.sh first"
  if found "/repos/$repo/contents/$path"; then
    die "$path already exists in $repo; edit it in the web UI to trigger a sync"
  fi
  local content
  content=$(base64 <<'EOF' | tr -d '\n'
# Deferred findings

## DEMO-001: Add rate limiting to the login endpoint

- **File:** `src/auth/login.ts:42`
- **Error:** Repeated failed logins are not throttled
- **Category:** Security
- **Reason:** Needs a shared store for counters, which the service does not have yet.
- **Suggested approach:**
  1. Choose a store for the counters
  2. Throttle by account and by client address
  3. Return 429 with Retry-After
- **Risk:** Medium — accounts lock after ten failures.

---

## DEMO-002: Remove the legacy export job

- **File:** `jobs/export-legacy.ts`
- **Error:** The job still runs nightly although nothing reads its output
- **Category:** Maintenance
- **Reason:** One customer may still depend on it; waiting for their answer.
- **Suggested approach:**
  1. Confirm with the customer
  2. Disable the schedule for a release
  3. Delete the job and its tests
- **Risk:** Low — costs a few minutes of CPU a night.
EOF
  )
  api POST "/repos/$repo/contents/$path" \
    "{\"content\":\"$content\",\"message\":\"Add the deferred findings register\",\"branch\":\"main\"}" >/dev/null
  log "committed $path to $repo; the bot should open two issues within seconds"
}

case "${1:-setup}" in
setup) setup ;;
seed) seed ;;
*) die "usage: $0 [setup|seed]" ;;
esac
