#!/usr/bin/env python3
"""Where the browser bundle's bytes go: code size per crate, from the function names.

Reads a wasm file that still has its `name` section — the one cargo builds, before
wasm-bindgen strips the names: target/wasm32-unknown-unknown/wasm-release/frontend.wasm after
`scripts/build.sh release` — and sums the code of each function by the crate its (mangled)
name starts with. Trait impls count for the crate of the trait's type where the name shows it
(`<tachys>` = code in `impl … for …` blocks mentioning tachys).

usage: wasm_sizes.py FILE.wasm [TOP]
"""
import collections
import re
import sys


def leb(data, i):
    """An unsigned LEB128 number at `i`; returns it and the index after it."""
    value = shift = 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def skip_limits(data, j):
    flags, j = leb(data, j)
    _, j = leb(data, j)
    return leb(data, j)[1] if flags & 1 else j


def parse(data):
    """Returns (section sizes, number of imported functions, body sizes, names by index)."""
    i, sections = 8, []
    while i < len(data):
        sid = data[i]
        size, i = leb(data, i + 1)
        sections.append((sid, i, size))
        i += size
    imported, bodies, names = 0, [], {}
    for sid, off, size in sections:
        if sid == 2:  # imports
            n, j = leb(data, off)
            for _ in range(n):
                for _ in range(2):  # module and field name
                    length, j = leb(data, j)
                    j += length
                kind = data[j]
                j += 1
                if kind == 0:
                    _, j = leb(data, j)
                    imported += 1
                elif kind == 1:
                    j = skip_limits(data, j + 1)
                elif kind == 2:
                    j = skip_limits(data, j)
                elif kind == 3:
                    j += 2
        elif sid == 10:  # code
            n, j = leb(data, off)
            for _ in range(n):
                length, k = leb(data, j)
                bodies.append(length + (k - j))
                j = k + length
        elif sid == 0:  # custom: look for "name"
            length, j = leb(data, off)
            if data[j:j + length] != b"name":
                continue
            j += length
            end = off + size
            while j < end:
                sub = data[j]
                sub_size, j = leb(data, j + 1)
                if sub == 1:  # function names
                    n, k = leb(data, j)
                    for _ in range(n):
                        index, k = leb(data, k)
                        length, k = leb(data, k)
                        names[index] = data[k:k + length].decode("utf8", "replace")
                        k += length
                j += sub_size
    return sections, imported, bodies, names


def crate_of(name):
    match = re.match(r"_ZN(\d+)", name)
    if not match:
        return name[:30]
    first = name[len(match.group(0)):len(match.group(0)) + int(match.group(1))]
    if first.startswith("_$LT$"):
        inner = re.search(r"([a-z_][a-z_0-9]*)\.\.", first)
        return "<" + (inner.group(1) if inner else first[:30]) + ">"
    return first


def main():
    data = open(sys.argv[1], "rb").read()
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    sections, imported, bodies, names = parse(data)
    if not names:
        sys.exit("no name section: use the wasm cargo built, before wasm-bindgen")
    per_crate = collections.Counter()
    for k, size in enumerate(bodies):
        per_crate[crate_of(names.get(k + imported, "?"))] += size
    total = sum(bodies)
    print(f"file {len(data)} bytes; code {total} bytes in {len(bodies)} functions")
    print("sections over 10 kB (id: bytes):", ", ".join(f"{s}: {n}" for s, _, n in sections if n > 10_000))
    for crate, size in per_crate.most_common(top):
        print(f"{size:9d}  {100 * size / total:5.1f} %  {crate}")


if __name__ == "__main__":
    main()
