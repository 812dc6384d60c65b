#!/usr/bin/env bash
# Debian packages the tests drive for real: Chromium (the comparison page is opened headless)
# and LibreOffice (annotated drafts are converted to PDF). Installed only when missing.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
[ ${#missing[@]} -eq 0 ] && exit 0
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
for attempt in 1 2 3; do
    if "${as_root[@]}" apt-get update -qq && \
       DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core; then
        exit 0
    fi
    sleep $((attempt * 5))
done
echo "could not install ${missing[*]} with apt-get" >&2
exit 1
