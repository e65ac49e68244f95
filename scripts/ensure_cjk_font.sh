#!/usr/bin/env sh
# Chinese UI text needs a CJK font. Install Debian's fonts-noto-cjk when it is missing and we
# may (root with apt); otherwise say how. Never fails the build: the UI falls back to English
# glyph coverage and logs a warning.
command -v fc-list >/dev/null 2>&1 || exit 0
fc-list :lang=zh-cn family 2>/dev/null | grep -q . && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing fonts-noto-cjk so that Chinese text renders…"
  (apt-get install -y -q fonts-noto-cjk >/dev/null 2>&1 ||
   (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q fonts-noto-cjk >/dev/null 2>&1)) ||
   echo "Could not install fonts-noto-cjk; Chinese text may show as boxes."
else
  echo "No Chinese font found: install one (Debian/Ubuntu: sudo apt-get install fonts-noto-cjk)."
fi
exit 0
