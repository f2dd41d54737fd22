#!/usr/bin/env python3
"""Runs one crawler for bench_vs_wget2.sh and records its cost.

  bench_vs_wget2_run.py OUT CAP_SECONDS CMD [ARGS...]

Writes one line to OUT: "wall_s user_s sys_s maxrss_kb exit_code", with the
CPU of CMD and of every descendant it waited for (wait4 rusage), in
microseconds, unlike /usr/bin/time's 10 ms. After CAP_SECONDS the command
gets SIGTERM (newscrawl then commits what is in flight and exits), 10 s later
SIGKILL; the exit code is then 124, as with timeout(1).
"""
import os
import signal
import subprocess
import sys
import threading
import time


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    out, cap, cmd = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    start = time.monotonic()
    child = subprocess.Popen(cmd)
    timed_out = threading.Event()

    def stop(sig):
        if sig == signal.SIGTERM:
            timed_out.set()
        try:
            child.send_signal(sig)
        except ProcessLookupError:
            pass

    # A signal to this runner (the benchmark being stopped) goes to the command,
    # which is still waited for, so that it never outlives the benchmark.
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda signum, frame: child.send_signal(signum))
    timers = [threading.Timer(cap, stop, (signal.SIGTERM,)),
              threading.Timer(cap + 10, stop, (signal.SIGKILL,))]
    for t in timers:
        t.daemon = True
        t.start()
    _, status, rusage = os.wait4(child.pid, 0)
    for t in timers:
        t.cancel()
    wall = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    if timed_out.is_set():
        code = 124
    with open(out, "w") as f:
        f.write("%.6f %.6f %.6f %d %d\n" % (wall, rusage.ru_utime, rusage.ru_stime, rusage.ru_maxrss, code))
    sys.exit(code if code >= 0 else 128 - code)


if __name__ == "__main__":
    main()
