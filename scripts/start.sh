#!/usr/bin/env bash
# Starts the whole platform locally (every module in one process) on a private PostgreSQL cluster with demo data, with a
# mail catcher that shows every e-mail the shop sends in a browser, and prints their addresses. Ctrl+C (or SIGINT/SIGTERM
# to this script) stops the platform, its database and the mail catcher.
#
#   ADDISPAY_URL        the shop's address (default http://127.0.0.1:5080); the payment and e-mail links follow it
#   ADDISPAY_MAIL_URL   the mail catcher's web page (default http://127.0.0.1:5081); ADDISPAY_MAIL=off starts none
#   ADDISPAY_MAIL_SMTP_PORT   its SMTP port on 127.0.0.1 (default 2525)
#   ADDISPAY_MAIL_DATA  where the mail catcher keeps its messages (default src/Host/AddisPay.Host/.data/mail)
#   ADDISPAY_CONFIGURATION    Debug (default) or Release
#   ADDISPAY_BUILD=off  runs the Host as last built (`dotnet run --no-build`), e.g. beside a test run using that build
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-postgres.sh
URL="${ADDISPAY_URL:-http://127.0.0.1:5080}"
URL="${URL%/}"
# Whatever the address, the links the platform hands out follow it: the sandbox payment page and gateway callbacks,
# the return to the shop after checkout, and the links in e-mails. Values already in the environment win.
export AddisPay__Payments__PublicBaseUrl="${AddisPay__Payments__PublicBaseUrl:-$URL}"
export AddisPay__Payments__ReturnOrigins__0="${AddisPay__Payments__ReturnOrigins__0:-$URL}"
export AddisPay__Notifications__PublicUrl="${AddisPay__Notifications__PublicUrl:-$URL}"
export AddisPay__Notifications__StorefrontUrl="${AddisPay__Notifications__StorefrontUrl:-$URL}"

children=()
stop() {
  trap - INT TERM EXIT
  # `dotnet run` passes SIGTERM on to the Host, which shuts down gracefully and stops its PostgreSQL cluster.
  for pid in "${children[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${children[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM

# A mail catcher unless mail already goes somewhere: registering, resetting a password and ordering send e-mail, and the
# links in them are how a shopper verifies an address. Its messages are kept beside the database.
mail_note=""
if [ "${ADDISPAY_MAIL:-on}" != "off" ] && [ -z "${AddisPay__Notifications__Email__Host:-}" ]; then
  if smtp4dev=$(scripts/ensure-smtp4dev.sh); then
    mail_url="${ADDISPAY_MAIL_URL:-http://127.0.0.1:5081}"
    mail_url="${mail_url%/}"
    smtp_port="${ADDISPAY_MAIL_SMTP_PORT:-2525}"
    mail_data="${ADDISPAY_MAIL_DATA:-$PWD/src/Host/AddisPay.Host/.data/mail}"
    mkdir -p "$mail_data"
    "$smtp4dev" --urls="$mail_url" --smtpport="$smtp_port" --imapport=0 --pop3port=0 --bindaddress=127.0.0.1 \
      --hostname=localhost --tlsmode=None --baseappdatapath="$mail_data" --db="$mail_data/smtp4dev.db" \
      > "$mail_data/smtp4dev.log" 2>&1 &
    children+=("$!")
    export AddisPay__Notifications__Email__Host=127.0.0.1
    export AddisPay__Notifications__Email__Port="$smtp_port"
    export AddisPay__Notifications__Email__Security=None
    mail_note=", e-mails it sends: $mail_url"
  else
    echo "The mail catcher (smtp4dev) could not be installed; e-mails will not be delivered (ADDISPAY_MAIL=off hides this)." >&2
  fi
fi

echo "Starting AddisPay at $URL (the shop at /, the back office at $URL/admin, API docs: $URL/docs$mail_note) ..."
build=()
if [ "${ADDISPAY_BUILD:-on}" = "off" ]; then build=(--no-build); fi
dotnet run --project src/Host/AddisPay.Host -c "${ADDISPAY_CONFIGURATION:-Debug}" "${build[@]}" --launch-profile AddisPay -- --urls "$URL" &
children=("$!" "${children[@]}")
# `wait` returns as soon as a signal arrives, so the traps run at once; when the Host exits by itself, so does the script.
wait "${children[0]}"
