#!/usr/bin/env python3
"""Runs one newscrawl crawl for bench_vs_wget2_ab.sh and records its cost.

  bench_vs_wget2_sample.py OUT_JSON CMD [ARGS...]

Writes to OUT_JSON: wall, user and sys seconds and peak RSS (wait4 rusage,
the process and the threads it waited for), minor and major faults, and the
peaks of RssAnon and RssFile sampled every 50 ms from /proc/PID/status
(their peaks need not coincide; RssFile includes the binary and its shared
libraries, ~15 MB, not only data.mdb).
"""
import json
import os
import subprocess
import sys
import threading
import time


def status_kb(pid):
    fields = {}
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("RssAnon", "RssFile", "VmRSS"):
                    fields[key] = int(value.split()[0])
    except OSError:
        pass
    return fields


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out, cmd = sys.argv[1], sys.argv[2:]
    start = time.monotonic()
    child = subprocess.Popen(cmd)
    peaks = {"RssAnon": 0, "RssFile": 0, "VmRSS": 0}
    done = threading.Event()

    def sample():
        while not done.is_set():
            for key, kb in status_kb(child.pid).items():
                peaks[key] = max(peaks[key], kb)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, rusage = os.wait4(child.pid, 0)
    wall = time.monotonic() - start
    done.set()
    sampler.join()
    result = {
        "wall": wall, "user": rusage.ru_utime, "sys": rusage.ru_stime,
        "maxrss_mb": rusage.ru_maxrss / 1024.0, "minflt": rusage.ru_minflt,
        "majflt": rusage.ru_majflt, "rc": os.waitstatus_to_exitcode(status),
        "rss_anon_peak_mb": peaks["RssAnon"] / 1024.0,
        "rss_file_peak_mb": peaks["RssFile"] / 1024.0,
    }
    with open(out, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
