#!/usr/bin/env bash
# Checks the portable build as a lecturer uses it: `make install` puts exactly five files in place, the
# binary needs no Swift runtime (ldd) and runs with the toolchain's directory hidden (a mount namespace with
# a tmpfs over it), the man page renders, the bash completion completes; `make uninstall` removes exactly
# those files; `make dist` packs them with the README. Needs root (or user namespaces) for the mount.
set -euo pipefail
cd "$(dirname "$0")/.."

# FoundationNetworking and FoundationXML would need libcurl and libxml2 at link time (and on the server).
if grep -rnE '^import (FoundationNetworking|FoundationXML)' Sources; then
    echo "the portable build links Foundation statically without libcurl/libxml2: do not import these"; exit 1
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
prefix=/usr/local
make install DESTDIR="$stage" PREFIX="$prefix"

expected="./usr/local/bin/hopfield
./usr/local/share/bash-completion/completions/hopfield
./usr/local/share/fish/vendor_completions.d/hopfield.fish
./usr/local/share/man/man1/hopfield.1
./usr/local/share/zsh/site-functions/_hopfield"
installed=$(cd "$stage" && find . ! -type d | sort)
if [ "$installed" != "$expected" ]; then
    echo "make install installed:"; echo "$installed"; echo "expected:"; echo "$expected"; exit 1
fi
bin="$stage$prefix/bin/hopfield"
version=$("$bin" --version)

echo "ldd $bin:"
ldd "$bin"
if ldd "$bin" | grep -Ei 'swift|foundation|dispatch|BlocksRuntime'; then
    echo "the binary still loads the Swift runtime, Foundation or dispatch (above)"; exit 1
fi
echo "size: $(stat -c %s "$bin") bytes"

# The toolchain's directory (here /opt/swift for /opt/swift/usr/bin/swift); where Swift lives in /usr,
# only its runtime directory is hidden.
swift_bin=$(readlink -f "$(command -v swift)")
toolchain=$(dirname "$(dirname "$(dirname "$swift_bin")")")
case "$toolchain" in /|/usr) toolchain=$(dirname "$(dirname "$swift_bin")")/lib/swift ;; esac
namespace=(unshare -m)
[ "$(id -u)" -eq 0 ] || namespace=(unshare -r -m)
"${namespace[@]}" sh -euc '
    mount -t tmpfs none "$1"
    cd /   # away from the checkout: built-in sets and lessons must come from the binary
    [ -z "$(ls -A "$1")" ] || { echo "$1 is still visible"; exit 1; }
    "$2" --version
    "$2" run --patterns letters --seed 1 --json > /dev/null
    "$2" lesson | grep -q "^01-storing-and-recalling"
    echo "runs with $1 hidden"
' check "$toolchain" "$bin"

MANWIDTH=80 man -l "$stage$prefix/share/man/man1/hopfield.1" | grep -q "hopfield lecture join"
completions=$(bash --norc --noprofile -c '
    source "$1"
    COMP_WORDS=("$2" lesson 04); COMP_CWORD=2; COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
    _hopfield "$2" 04 lesson; printf "%s\n" "${COMPREPLY[@]}"
' check "$stage$prefix/share/bash-completion/completions/hopfield" "$bin")
[ "$completions" = "04-capacity" ] || { echo "bash completion of 'lesson 04' gave: $completions"; exit 1; }

make uninstall DESTDIR="$stage" PREFIX="$prefix"
left=$(cd "$stage" && find . ! -type d)
[ -z "$left" ] || { echo "make uninstall left: $left"; exit 1; }

make dist
tarball="dist/hopfield-$version-linux-$(uname -m).tar.gz"
listing=$(tar -tzf "$tarball" | grep -v '/$' | sort)
want="hopfield-$version/README.md
hopfield-$version/bin/hopfield
hopfield-$version/share/bash-completion/completions/hopfield
hopfield-$version/share/fish/vendor_completions.d/hopfield.fish
hopfield-$version/share/man/man1/hopfield.1
hopfield-$version/share/zsh/site-functions/_hopfield"
[ "$listing" = "$want" ] || { echo "$tarball holds:"; echo "$listing"; exit 1; }
echo "install, uninstall and dist: ok ($tarball, $(stat -c %s "$tarball") bytes)"
