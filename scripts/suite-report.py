#!/usr/bin/env python3
"""What the suite's time went on, for whoever keeps it within its budget (README, "Test").

    scripts/suite-report.py TestResults [cpu-before cpu-after]

Prints the test classes that took longest (first test's start to last test's end, so a class's wait for its fixture is
inside) and, given two snapshots of /proc/stat's first line taken around the run, how busy the machine's cores were: how
much of it the tests used, how much niced work took (the tests that need no published Host, and the image build, which gets only what the tests leave) and how much stayed
idle. Idle time while the tests run means the lanes wait (on processes, events, timers) rather than compute: more lanes
would help; none means the run is bound by CPU and only less work makes it shorter.
With TestResults/host-processes.tsv (written by the integration tests' HostProcess when ADDISPAY_HOST_CPU_LOG is set) it
also prints the CPU the Host processes the tests start took, by fixture database: those are where the CPU goes.
"""
import glob
import re
import sys
from collections import defaultdict
from datetime import datetime


def parse_time(text):
    # 2026-12-06T07:01:59.1234567+00:00: Python takes microseconds only.
    m = re.match(r"(.*T\d\d:\d\d:\d\d)(\.\d+)?(.*)", text)
    frac = (m.group(2) or ".0")[:7]
    return datetime.fromisoformat(m.group(1) + frac.ljust(7, "0") + m.group(3))


def classes(results):
    spans = defaultdict(lambda: [None, None, 0])
    for path in glob.glob(f"{results}/*.trx"):
        text = open(path, encoding="utf-8").read()
        for m in re.finditer(r"<UnitTestResult [^>]*", text):
            attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(0)))
            if "startTime" not in attrs or "endTime" not in attrs:
                continue
            name = attrs["testName"].split("(")[0]
            cls = ".".join(name.split(".")[:-1])
            start, end = parse_time(attrs["startTime"]), parse_time(attrs["endTime"])
            span = spans[cls]
            span[0] = start if span[0] is None or start < span[0] else span[0]
            span[1] = end if span[1] is None or end > span[1] else span[1]
            span[2] += 1
    return spans


def host_processes(results):
    path = f"{results}/host-processes.tsv"
    try:
        rows = [line.rstrip("\n").split("\t") for line in open(path, encoding="utf-8") if line.strip()]
    except OSError:
        return
    by_fixture = defaultdict(lambda: [0.0, 0, 0.0])
    for database, modules, cpu, lived, _ in rows:
        # t_<purpose>_<pid>_<n>: the purpose names the fixture.
        purpose = re.sub(r"_\d+_\d+$", "", database)
        entry = by_fixture[purpose]
        entry[0] += float(cpu)
        entry[1] += 1
        entry[2] += float(cpu) / max(float(lived), 1.0)
    total = sum(e[0] for e in by_fixture.values())
    print(f"--- Host processes the tests started: {len(rows)}, {total:.0f} CPU-s in all; by fixture database "
          f"(CPU-s, processes, cores used while alive) ---")
    for purpose, (cpu, count, cores) in sorted(by_fixture.items(), key=lambda kv: kv[1][0], reverse=True)[:15]:
        print(f"{cpu:7.0f} {count:4d} {cores / count:5.2f}  {purpose}")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    spans = classes(sys.argv[1])
    if spans:
        t0 = min(s[0] for s in spans.values())
        print("--- longest test classes (seconds from the run's first test: start, end, span; tests) ---")
        for cls, (start, end, count) in sorted(spans.items(), key=lambda kv: kv[1][1] - kv[1][0], reverse=True)[:15]:
            print(f"{(start - t0).total_seconds():6.0f} {(end - t0).total_seconds():6.0f} {(end - start).total_seconds():6.0f} {count:4d}  {cls[-100:]}")
    host_processes(sys.argv[1])
    if len(sys.argv) >= 4:
        before, after = ([int(x) for x in arg.split()[1:8]] for arg in sys.argv[2:4])
        user, nice, system, idle, iowait, irq, softirq = (a - b for a, b in zip(after, before))
        total = user + nice + system + idle + iowait + irq + softirq
        if total > 0:
            pct = lambda x: 100.0 * x / total
            print(f"--- cores while the tests ran: busy {pct(user + system + irq + softirq):.0f}% (tests, their processes, PostgreSQL), "
                  f"niced {pct(nice):.0f}% (the tests that need no published Host, at nice 5, and the image build), idle {pct(idle + iowait):.0f}% ---")


if __name__ == "__main__":
    main()
