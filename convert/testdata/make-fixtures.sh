#!/usr/bin/env bash
# Rebuilds the format fixtures from report.md (a fictional county's report):
# zongjie export writes a .docx, LibreOffice saves it as .odt and the .odt as
# .docx, .doc, .rtf, .html and a text PDF; the scan is the text PDF rendered
# to 200 dpi black-and-white PNGs wrapped back into an image-only PDF.
# Needs: go, soffice (libreoffice-writer-nogui), pdftoppm (poppler-utils), img2pdf.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
lo() { soffice "-env:UserInstallation=file://$tmp/profile" --headless --convert-to "$@" >/dev/null 2>&1; }
go run -tags sqlite_fts5 ../../cmd/zongjie export report.md --docx "$tmp/source.docx" >/dev/null 2>&1
lo odt --outdir "$tmp/odt" "$tmp/source.docx"
mv "$tmp/odt/source.odt" "$tmp/report.odt"
for fmt in docx doc rtf html pdf; do lo "$fmt" --outdir "$tmp" "$tmp/report.odt"; done
pdftoppm -r 200 -mono -png "$tmp/report.pdf" "$tmp/scan"
img2pdf "$tmp"/scan-*.png -o "$tmp/report-scan.pdf"
for f in report.docx report.doc report.rtf report.odt report.html report.pdf report-scan.pdf; do cp "$tmp/$f" "$f"; done
ls -l report.* report-scan.pdf
