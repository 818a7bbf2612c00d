#!/usr/bin/env python3
"""Writes patterns/optdigits-8x8.txt from the UCI optical digits as shipped in scikit-learn.

Input: a CSV (optionally gzipped) of 1797 rows, 64 pixel counts 0-16 (the 8x8 block counts of a
32x32 bitmap) then the class 0-9. A pixel is up ('#') when its count is above 8, i.e. when more than
half of its 16 bitmap cells are black. Patterns are named <class>-<row index, 4 digits>.

Usage: Scripts/generate-builtins-optdigits.py [digits.csv.gz]   (default: ../shared/data/digits.csv.gz)
Then run Scripts/generate-builtins.sh to embed the result. Standard library only.
"""
import gzip
import os
import sys

HEADER = """\
; 1797 handwritten digits, 8x8 (UCI optical digits, CC BY 4.0), named <class>-<row>.
; From the UCI "Optical Recognition of Handwritten Digits" data set as shipped in scikit-learn: 64
; pixel counts 0-16 per digit; a pixel is up when its count is above 8. Creators: E. Alpaydin and
; C. Kaynak (1998). Licence: CC BY 4.0 (see README.md in this folder).
"""


def main() -> None:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "data", "digits.csv.gz")
    opener = gzip.open if src.endswith(".gz") else open
    with opener(src, "rt") as f:
        rows = [line.strip().split(",") for line in f if line.strip()]
    out = [HEADER]
    for k, row in enumerate(rows):
        if len(row) != 65:
            sys.exit(f"{src}:{k + 1}: expected 65 values, found {len(row)}")
        counts = [float(v) for v in row[:64]]
        label = int(float(row[64]))
        if not all(0 <= c <= 16 for c in counts) or not 0 <= label <= 9:
            sys.exit(f"{src}:{k + 1}: values out of range")
        out.append(f"\n>{label}-{k:04d}\n")
        for r in range(8):
            out.append("".join("#" if c > 8 else "." for c in counts[8 * r:8 * r + 8]) + "\n")
    dest = os.path.join(root, "patterns", "optdigits-8x8.txt")
    with open(dest + ".tmp", "w", newline="\n") as f:
        f.write("".join(out))
    os.replace(dest + ".tmp", dest)
    print(f"wrote {dest}: {len(rows)} patterns")


if __name__ == "__main__":
    main()
