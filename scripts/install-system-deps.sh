#!/usr/bin/env bash
# Debian packages the tests drive for real: Chromium (the comparison page is opened headless),
# LibreOffice (annotated drafts are converted to PDF; .doc and .odt read), and Tesseract with its
# Vietnamese data (scanned PDFs read by OCR). Installed only when missing.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
# The language data is a file, not a command: ask tesseract itself which languages it has.
{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie; } || missing+=(tesseract-ocr-vie)
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
