#!/usr/bin/env bash
# Builds a picture folder for `convscope train --data DIR` from real, freely licensed artwork: the
# Oxygen icon theme (Debian package oxygen-icon-theme, LGPL-3+, © the Oxygen team; unpacked with
# dpkg -x, nothing installed). Classes are the theme's own categories: actions, apps, devices,
# mimetypes, places, status. Every icon comes in several sizes (22×22 .. 256×256 PNG with alpha);
# all sizes of one icon go to the same side of the split (train/ or test/, by a hash of its name,
# about 1 in 5 to test), so the test set holds only icons never seen in training.
# Usage: scripts/make-icon-folder.sh OUT_DIR [MAX_PICTURES]     (default 5000, spread over the classes)
set -euo pipefail
out="${1:?usage: make-icon-folder.sh OUT_DIR [MAX_PICTURES]}"
max="${2:-5000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download oxygen-icon-theme >/dev/null 2>&1 && dpkg -x oxygen-icon-theme_*.deb root)
base="$work/root/usr/share/icons/oxygen/base"
/usr/bin/python3 - "$base" "$out" "$max" <<'PY'
import hashlib, os, shutil, sys
base, out, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
classes = ["actions", "apps", "devices", "mimetypes", "places", "status"]
sizes = ["22x22", "32x32", "48x48", "64x64", "128x128", "256x256"]
files = {c: [] for c in classes}
for c in classes:
    for s in sizes:
        d = os.path.join(base, s, c)
        if os.path.isdir(d):
            files[c] += [(s, f) for f in sorted(os.listdir(d)) if f.endswith(".png")]
# the same share of each class, fewest first, so small classes keep all they have
left, per = limit, {}
for i, c in enumerate(sorted(classes, key=lambda c: len(files[c]))):
    per[c] = min(len(files[c]), left // (len(classes) - i))
    left -= per[c]
for c in classes:
    # every n-th file, so all sizes and the whole alphabet are represented
    chosen = files[c][:: max(1, len(files[c]) // per[c])][: per[c]]
    for s, f in chosen:
        side = "test" if int(hashlib.sha256(f.encode()).hexdigest(), 16) % 5 == 0 else "train"
        dst = os.path.join(out, side, c)
        os.makedirs(dst, exist_ok=True)
        shutil.copy(os.path.join(base, s, c, f), os.path.join(dst, s + "_" + f))
    print(c, per[c])
PY
echo "wrote $(find "$out" -name '*.png' | wc -l) pictures into $out (Oxygen icons, LGPL-3+)"
