#!/usr/bin/env python3
"""Sorts ThreadSanitizer reports by who made the racing accesses.

Debian's Qt 6.4 is not built with ThreadSanitizer: the futex-based QMutex that guards Qt's
posted-event list and its thread pool (the raster engine's parallel fills) are invisible to
it, so memory that Qt hands between threads under its own locks shows as races in Qt's own
memmove, new and delete. Such a report cannot be judged here. A report in which a racing
access is made by code of ours (the first frame after the sanitizer's interceptor is not
in a Qt library) can, and fails.

usage: tsan-triage.py LOG...   prints a summary; exit 1 if any report is ours
"""
import re
import sys

ACCESS = re.compile(r"^  (?:Previous )?(?:atomic )?(?:Read|Write|read|write) of size", re.M)
SECTION_END = re.compile(r"^  (?:Location is|Thread T|Mutex M)", re.M)


def first_caller(stack):
    """The first frame of an access stack that is not the sanitizer's own interceptor."""
    for line in stack.splitlines():
        line = line.strip()
        if line.startswith("#") and "libsanitizer" not in line:
            return line
    return ""  # "[failed to restore the stack]"


def classify(report):
    body = report.split("SUMMARY")[0]
    end = SECTION_END.search(body)
    accesses = ACCESS.split(body[: end.start()] if end else body)[1:]
    callers = [first_caller(a) for a in accesses]
    if any(c and not re.search(r"\(libQt6\w+\.so", c) for c in callers):
        return "ours"
    return "qt" if all(callers) else "qt-one-stack-lost"


def main(paths):
    counts = {"ours": 0, "qt": 0, "qt-one-stack-lost": 0}
    for path in paths:
        text = open(path, encoding="utf-8", errors="replace").read()
        for report in text.split("WARNING: ThreadSanitizer")[1:]:
            kind = classify(report)
            counts[kind] += 1
            if kind == "ours":
                print(f"{path}: a race in our code:\n{report[:4000]}", file=sys.stderr)
    print(
        f"tsan-triage: {counts['ours']} reports with a racing access in our code; "
        f"{counts['qt'] + counts['qt-one-stack-lost']} with both accesses inside Qt "
        f"({counts['qt-one-stack-lost']} of them with one stack lost)"
    )
    return 1 if counts["ours"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
