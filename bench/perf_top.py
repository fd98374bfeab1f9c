#!/usr/bin/env python3
"""Summarises `perf script -F comm,tid,ip,sym` output (from bench/profile.sh).

Prints the functions with the largest inclusive share of samples (a function counts once per
sample whose stack contains it), optionally only those matching a regular expression, and
writes the stacks in the folded format flame-graph tools read (`--folded FILE`).

usage: perf_top.py SCRIPT.txt [--match REGEX] [--top N] [--folded FILE]
"""
import argparse
import collections
import re


def samples(path):
    """Yields each sample's stack, innermost frame first."""
    stack = None
    with open(path, errors="replace") as lines:
        for line in lines:
            if not line.strip():
                if stack:
                    yield stack
                stack = None
            elif not line[0].isspace():
                stack = []
            elif stack is not None:
                parts = line.strip().split(None, 1)
                if len(parts) == 2:
                    stack.append(parts[1])
    if stack:
        yield stack


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("script")
    parser.add_argument("--match")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--folded")
    args = parser.parse_args()
    inclusive = collections.Counter()
    folded = collections.Counter()
    total = 0
    for stack in samples(args.script):
        total += 1
        inclusive.update(set(stack))
        folded[";".join(reversed(stack))] += 1
    if args.folded:
        with open(args.folded, "w") as out:
            for stack, n in folded.items():
                out.write(f"{stack} {n}\n")
    pattern = re.compile(args.match) if args.match else None
    print(f"{total} samples; inclusive share of the functions")
    shown = 0
    for name, n in inclusive.most_common():
        if pattern and not pattern.search(name):
            continue
        print(f"{100 * n / total:6.2f} %  {name[:150]}")
        shown += 1
        if shown >= args.top:
            break


if __name__ == "__main__":
    main()
