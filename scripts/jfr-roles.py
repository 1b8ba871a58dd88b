#!/usr/bin/env python3
"""Groups a Connect worker's JFR execution samples of one span by task and by where they ran.

A sample goes to the router or a target by the Railyard task class on its stack (a sample of a
thread without one goes to the role that thread's last sample had), and to the first category
found on its stack, top frame first. Used for issue 13's profiles (docs/benchmarks.md):

  jfr print --events jdk.ExecutionSample --stack-depth 100 worker.jfr > samples.txt
  scripts/jfr-roles.py samples.txt 15:16:38 15:16:58
"""
import collections
import sys

CATEGORIES = [
    ("JsonReader", "matching: the JSON reader (FastJsonReader, ByteJsonReader)"),
    ("rules.pattern", "matching: the rest of rules.pattern"),
    ("EventId", "the event id"),
    ("KafkaProducer", "the producer's send"),
    ("convertHeadersFor", "Connect: convertHeadersFor"),
    ("KafkaConsumer.poll", "the consumer's poll"),
    ("convertAndTransformRecord", "Connect: conversion"),
    ("FileStreamSinkTask.put", "the file sink's put"),
    ("dev.railyard", "other Railyard code"),
]


def samples(path):
    current = None
    for line in open(path):
        s = line.strip()
        if s.startswith("jdk.ExecutionSample"):
            current = {"frames": [], "t": "", "thread": ""}
        elif current is None:
            continue
        elif s.startswith("startTime ="):
            current["t"] = s.split("=")[1].strip().split(" ")[0][:8]
        elif s.startswith("sampledThread ="):
            current["thread"] = s.split('"')[1]
        elif s == "}":
            yield current
            current = None
        elif not s.startswith(("state", "stackTrace", "]")):
            current["frames"].append(s)


def role(sample):
    stack = " ".join(sample["frames"])
    if "RouterSinkTask" in stack:
        return "router"
    if "GuardedSinkTask" in stack:
        return "target"
    return None


def main(path, start, end):
    span = [s for s in samples(path) if start <= s["t"] <= end]
    last = {}
    counts = collections.defaultdict(collections.Counter)
    for s in span:
        r = role(s) or last.get(s["thread"])
        if r is None:
            continue
        last[s["thread"]] = r
        where = next(
            (name for f in s["frames"] for key, name in CATEGORIES if key in f), "other")
        counts[r][where] += 1
        counts[r]["all"] += 1
        # header work in the producer: a frame of a header class or method (by its name, not its
        # signature: much of the producer takes a Header[]) or Utils.utf8Length
        if any("KafkaProducer" in f for f in s["frames"]) and any(
            "Header" in f.split("(")[0] or "utf8Length" in f.split("(")[0] for f in s["frames"]
        ):
            counts[r]["headers"] += 1
    print(f"samples in the span: {len(span)}")
    for r in ("router", "target"):
        n = counts[r]["all"]
        print(f"{r}: {n} samples ({100 * n / max(1, len(span)):.0f} % of the span)")
        for where, k in counts[r].most_common():
            if where not in ("all", "headers"):
                print(f"  {where}: {k} ({100 * k / max(1, n):.1f} %)")
        h = counts[r]["headers"]
        print(f"  (the producer's header work, within the above: {h} ({100 * h / max(1, n):.1f} %))")


if __name__ == "__main__":
    main(*sys.argv[1:4])
