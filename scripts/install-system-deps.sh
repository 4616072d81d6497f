#!/usr/bin/env bash
# Installs, only when missing, the distribution packages the PDF and the reader tests need:
# TeX Live for Jupyter Book's LaTeX builder (xelatex), poppler-utils (pdftotext, pdfinfo,
# pdffonts, pdftoppm) and Chromium for the browser tests. Debian/Ubuntu, as root.
# Then, with npm, the tests' axe-core (pinned in vendor/*/package-lock.json).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# npm packages pinned in vendor/<dir>/package-lock.json, installed with `npm ci` when the
# installed version differs from the wanted one:
# - vendor/axe: axe-core, the accessibility rules the reader tests run on every page.
install_npm() {  # install_npm DIR PACKAGE
  local dir="$ROOT/vendor/$1" pkg="$2"
  local want have
  want=$(sed -n 's/.*"'"$pkg"'": "\([0-9.]*\)".*/\1/p' "$dir/package.json")
  have=""
  if [ -f "$dir/node_modules/$pkg/package.json" ]; then  # (a missing file would end the script: set -e)
    have=$(sed -n 's/.*"version": "\([0-9.]*\)".*/\1/p' "$dir/node_modules/$pkg/package.json" | head -1)
  fi
  if [ "$have" = "$want" ]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "lkjip: npm is missing (Debian: apt-get install -y npm); needed once for $pkg $want" >&2
    exit 1
  fi
  echo "lkjip: installing $pkg $want into vendor/$1 (npm ci)"
  (cd "$dir" && npm ci --no-audit --no-fund --silent)
}

install_npm_all() {
  install_npm axe axe-core
}

missing=()
command -v xelatex >/dev/null 2>&1 || missing+=(texlive-xetex)
command -v latexmk >/dev/null 2>&1 || missing+=(latexmk)
command -v xindy >/dev/null 2>&1 || missing+=(xindy)
if command -v kpsewhich >/dev/null 2>&1; then
  kpsewhich bbm.sty >/dev/null 2>&1 || missing+=(texlive-fonts-extra)
  kpsewhich fncychap.sty >/dev/null 2>&1 || missing+=(texlive-latex-extra)
  kpsewhich tabulary.sty >/dev/null 2>&1 || missing+=(texlive-latex-extra)
  kpsewhich fontspec.sty >/dev/null 2>&1 || missing+=(texlive-latex-recommended)
  kpsewhich pzdr.tfm >/dev/null 2>&1 || missing+=(texlive-fonts-recommended)
else
  missing+=(texlive-latex-recommended texlive-latex-extra texlive-fonts-extra texlive-fonts-recommended)
fi
# (grep reads all of fc-list: with -q it would stop early and pipefail would see SIGPIPE)
fc-list : family 2>/dev/null | grep -i FreeSerif >/dev/null || missing+=(fonts-freefont-otf)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -eq 0 ]; then
  install_npm_all
  exit 0
fi
pkgs=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
if [ "$(id -u)" -ne 0 ]; then
  echo "lkjip: these system packages are missing: $pkgs" >&2
  echo "lkjip: install them with: sudo apt-get install -y --no-install-recommends $pkgs" >&2
  exit 1
fi
echo "lkjip: installing system packages (once, a few minutes): $pkgs"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
install_npm_all
