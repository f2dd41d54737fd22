#!/usr/bin/env python3
"""Table, page-set comparison and politeness audit for bench_vs_wget2.sh.

Reads RUNS/<id>/{meta.json,access.log[,status.json,html_files]} written by the
script. The nginx log format is
  $msec $request_time $host $status $body_bytes_sent $connection $connection_requests "$request" "$http_user_agent"
where $msec is when the request ended and $request_time its duration, both on
nginx's millisecond clock, so start = msec - request_time on the same clock.

Pages = 2xx responses other than /robots.txt (wget2 also fetches the
sitemaps it finds in robots.txt; they count as pages). CPU = user + sys of the
crawler process (from /usr/bin/time), never nginx's.
"""
import argparse
import json
import os
import re
import statistics
import sys
from collections import defaultdict

LINE = re.compile(r'^(\S+) (\S+) (\S+) (\d+) (\d+) (\d+) (\d+) "(\S+) (\S+)[^"]*" "(.*)"$')


def parse_log(path):
    reqs = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = LINE.match(line.rstrip("\n"))
            if not m:
                continue
            end_ms = round(float(m.group(1)) * 1000)
            dur_ms = round(float(m.group(2)) * 1000)
            path_q = m.group(9)
            reqs.append({
                "start": end_ms - dur_ms, "end": end_ms, "host": m.group(3).lower(),
                "status": int(m.group(4)), "bytes": int(m.group(5)), "conn": int(m.group(6)),
                "path": path_q.split("?", 1)[0].split("#", 1)[0], "target": path_q,
            })
    return reqs


def is_page(r):
    return 200 <= r["status"] < 300 and r["path"] != "/robots.txt"


def load_runs(runs_dir):
    runs = []
    for rid in sorted(os.listdir(runs_dir)):
        d = os.path.join(runs_dir, rid)
        meta_path = os.path.join(d, "meta.json")
        if not os.path.exists(meta_path):
            continue
        meta = json.load(open(meta_path))
        meta["id"] = rid
        meta["reqs"] = parse_log(os.path.join(d, "access.log"))
        meta["pages"] = sum(1 for r in meta["reqs"] if is_page(r))
        meta["distinct"] = len({(r["host"], r["path"]) for r in meta["reqs"] if is_page(r)})
        meta["requests"] = len(meta["reqs"])
        meta["mtime"] = os.path.getmtime(meta_path)
        # Active span: first request start to last request end in the server
        # log (wget2 idles long after its last request before it exits).
        if meta["reqs"]:
            meta["span"] = (max(r["end"] for r in meta["reqs"]) -
                            min(r["start"] for r in meta["reqs"])) / 1000.0
        bp = os.path.join(d, "out_bytes")
        if os.path.exists(bp):
            meta["out_bytes"] = int(open(bp).read().split()[0] or 0)
        sp = os.path.join(d, "status.json")
        if os.path.exists(sp):
            try:
                meta["status"] = json.load(open(sp))
            except ValueError:
                pass
        hp = os.path.join(d, "html_files")
        if os.path.exists(hp):
            meta["html_files"] = int(open(hp).read().strip() or 0)
        runs.append(meta)
    runs.sort(key=lambda r: r["mtime"])
    return runs


def audit(reqs):
    """Per host: max requests in progress at once (from nginx timings), max
    connections with requests in progress at once (a connection's span runs
    from its first request's start to its last request's end; requests on one
    HTTP/1.1 connection never overlap, so this bounds concurrency from above
    whatever the clock resolution), the smallest gap between the end of a
    request and the start of the next one to the same host (ms)."""
    by_host = defaultdict(list)
    for r in reqs:
        by_host[r["host"]].append(r)
    out = {}
    for host, rs in by_host.items():
        rs.sort(key=lambda r: (r["start"], r["end"]))

        def max_overlap(intervals):
            # +1 at start, -1 at end; at equal times ends go first (touching is not overlapping).
            ev = []
            for s, e in intervals:
                if e > s:
                    ev.append((s, 1))
                    ev.append((e, -1))
            ev.sort(key=lambda x: (x[0], x[1]))
            cur = best = 0
            for _, d in ev:
                cur += d
                best = max(best, cur)
            return max(best, 1)

        req_conc = max_overlap([(r["start"], r["end"]) for r in rs])
        spans = {}
        for r in rs:
            s, e = spans.get(r["conn"], (r["start"], r["end"]))
            spans[r["conn"]] = (min(s, r["start"]), max(e, r["end"]))
        conn_conc = max_overlap(list(spans.values()))
        gaps = []
        last_end = None
        for r in rs:
            if last_end is not None:
                gaps.append(r["start"] - last_end)
            last_end = r["end"] if last_end is None else max(last_end, r["end"])
        out[host] = {
            "requests": len(rs), "req_conc": req_conc, "conn_conc": conn_conc,
            "conns": len(spans), "min_gap": min(gaps) if gaps else None,
            "span_s": (rs[-1]["end"] - rs[0]["start"]) / 1000.0,
        }
    return out


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def fmt(x, spec):
    return "-" if x is None or x != x else format(x, spec)


# Issue 16's B1 targets (medians on the 2-core machine).
TARGET_RATE_X = 3.0        # at least 3x wget2's pages/s over the active spans
TARGET_CPU_X = 0.30        # at most 0.30x wget2's CPU per canonical page, same run
TARGET_CPU_MS = 0.15       # at most 0.15 ms CPU per page
TARGET_RSS_MB = 128.0      # peak RSS at most 128 MB


def goal_line(row, rf):
    """One line of issue 16's targets: newscrawl `row` against wget2 `rf`,
    per canonical page and over the active spans (the medians of the second
    table). Returns the line."""
    def verdict(ok):
        return "met" if ok else "NOT met"
    rx = row["span_rate"] / rf["span_rate"] if row.get("span_rate") and rf.get("span_rate") else None
    cx = row["cpu_ms_distinct"] / rf["cpu_ms_distinct"]
    parts = [
        "pages/s (active span) x{} ({} >= {:.0f})".format(
            fmt(rx, ".2f"), "-" if rx is None else verdict(rx >= TARGET_RATE_X), TARGET_RATE_X),
        "CPU/canonical page x{:.2f} ({} <= {:.2f})".format(cx, verdict(cx <= TARGET_CPU_X),
                                                           TARGET_CPU_X),
        "{:.3f} ms/page ({} <= {:.2f})".format(row["cpu_ms_distinct"],
                                               verdict(row["cpu_ms_distinct"] <= TARGET_CPU_MS),
                                               TARGET_CPU_MS),
        "peak RSS {:.0f} MB ({} <= {:.0f})".format(row["rss_mb"], verdict(row["rss_mb"] <= TARGET_RSS_MB),
                                                  TARGET_RSS_MB),
    ]
    return "  newscrawl [{}] vs wget2 [{}]: {}".format(row["config"], rf["config"], "; ".join(parts))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("runs_dir")
    ap.add_argument("--note", default="")
    args = ap.parse_args()
    runs = load_runs(args.runs_dir)
    if not runs:
        sys.exit("bench_vs_wget2_report: no runs in " + args.runs_dir)

    # Group repetitions of one configuration.
    groups = {}
    for r in runs:
        key = (r["class"], r["crawler"], r["config"])
        groups.setdefault(key, []).append(r)

    rows = []
    for (cls, crawler, config), rs in groups.items():
        ok = [r for r in rs if "wall" in r and r["pages"] > 0]
        row = {"class": cls, "crawler": crawler, "config": config, "n": len(ok),
               "rc": sorted({r["rc"] for r in rs})}
        if ok:
            row["pages"] = med([r["pages"] for r in ok])
            row["distinct"] = med([r["distinct"] for r in ok])
            row["requests"] = med([r["requests"] for r in ok])
            row["wall"] = med([r["wall"] for r in ok])
            row["cpu"] = med([r["user"] + r["sys"] for r in ok])
            row["user"] = med([r["user"] for r in ok])
            row["sys"] = med([r["sys"] for r in ok])
            rates = [r["pages"] / r["wall"] for r in ok if r["wall"] > 0]
            cpp = [1000.0 * (r["user"] + r["sys"]) / r["pages"] for r in ok]
            row["rate"] = med(rates)
            row["rate_range"] = (min(rates), max(rates)) if rates else None
            row["cpu_ms_page"] = med(cpp)
            row["cpp_range"] = (min(cpp), max(cpp))
            row["nginx_ms_page"] = med([1000.0 * r.get("nginx_cpu", 0) / r["pages"] for r in ok])
            # Other load: CPU the rest of the machine used during the run, in cores
            # (2.0 = two cores busy with something else).
            row["other_load"] = [r.get("other_load", 0) for r in ok]
            spans = [r for r in ok if r.get("span")]
            row["span"] = med([r["span"] for r in spans]) if spans else None
            row["span_rate"] = med([r["distinct"] / r["span"] for r in spans]) if spans else None
            row["cpu_ms_distinct"] = med([1000.0 * (r["user"] + r["sys"]) / max(1, r["distinct"])
                                          for r in ok])
            row["rss_mb"] = med([r.get("maxrss_kb", 0) / 1024.0 for r in ok])
            outs = [r["out_bytes"] / max(1, r["distinct"]) / 1024.0 for r in ok if "out_bytes" in r]
            row["kb_per_page"] = med(outs) if outs else None
        rows.append(row)

    # Reference: the first wget2 configuration of the same class.
    ref = {}
    for row in rows:
        if row["crawler"] == "wget2" and row["class"] not in ref and "rate" in row:
            ref[row["class"]] = row

    print()
    print("== results (median of runs; pages = 2xx other than robots.txt, from the nginx log;"
          " CPU = user+sys of the crawler only)")
    if args.note:
        print("   " + args.note)
    print("   distinct = pages by host+path (wget2 also fetches the same file under ?utm_... query strings);"
          " x wget2 = against the first wget2 row of the same group")
    hdr = ("crawler", "config", "runs", "pages", "distinct", "wall s", "pages/s", "CPU s", "(usr+sys)",
           "CPU ms/page", "rate x wget2", "CPU/page x wget2")
    print("{:<10} {:<40} {:>4} {:>6} {:>8} {:>7} {:>8} {:>6} {:>11} {:>11} {:>12} {:>16}".format(*hdr))
    for row in rows:
        if "rate" not in row:
            print("{:<10} {:<40} {:>4}  no usable run (exit codes {})".format(
                row["crawler"], row["config"], row["n"], row["rc"]))
            continue
        rf = ref.get(row["class"])
        rate_x = cpu_x = None
        if rf is not None and rf is not row:
            rate_x = row["rate"] / rf["rate"]
            cpu_x = row["cpu_ms_page"] / rf["cpu_ms_page"]
        print("{:<10} {:<40} {:>4} {:>6} {:>8} {:>7} {:>8} {:>6} {:>11} {:>11} {:>12} {:>16}".format(
            row["crawler"], row["config"][:40], row["n"], fmt(row["pages"], ".0f"), fmt(row["distinct"], ".0f"),
            fmt(row["wall"], ".2f"), fmt(row["rate"], ".0f"), fmt(row["cpu"], ".3f"),
            "%.2f+%.2f" % (row["user"], row["sys"]), fmt(row["cpu_ms_page"], ".3f"),
            "ref" if rf is row else fmt(rate_x, ".2f"), "ref" if rf is row else fmt(cpu_x, ".2f")))
    print()
    print("== per canonical page (distinct host+path) and over the active span (first request start to"
          " last request end in the server log), medians")
    hdr2 = ("crawler", "config", "active s", "pages/s", "x wget2", "CPU ms/canon", "x wget2",
            "peak RSS MB", "written KB/page")
    print("{:<10} {:<40} {:>8} {:>8} {:>7} {:>12} {:>7} {:>11} {:>15}".format(*hdr2))
    for row in rows:
        if "rate" not in row:
            continue
        rf = ref.get(row["class"])
        other = rf is not None and rf is not row and rf.get("span_rate") and row.get("span_rate")
        print("{:<10} {:<40} {:>8} {:>8} {:>7} {:>12} {:>7} {:>11} {:>15}".format(
            row["crawler"], row["config"][:40], fmt(row["span"], ".2f"), fmt(row["span_rate"], ".0f"),
            "ref" if rf is row else (fmt(row["span_rate"] / rf["span_rate"], ".2f") if other else "-"),
            fmt(row["cpu_ms_distinct"], ".3f"),
            "ref" if rf is row else (fmt(row["cpu_ms_distinct"] / rf["cpu_ms_distinct"], ".2f")
                                     if rf is not None else "-"),
            fmt(row["rss_mb"], ".0f"), fmt(row["kb_per_page"], ".1f")))
    print()
    print("   per configuration: min..max over runs; nginx CPU per page served; other load = CPU used by"
          " the rest of the machine during the run, in cores")
    noisy = False
    for row in rows:
        if "rate_range" not in row:
            continue
        other = row["other_load"]
        noisy = noisy or (other and max(other) > 0.3)
        print("   {:<9} {:<40} pages/s {:>5.0f}..{:<5.0f} CPU ms/page {:.3f}..{:.3f}  nginx {:.3f} ms/page"
              "  other load {:.2f}..{:.2f}".format(
                  row["crawler"], row["config"][:40], *row["rate_range"], *row["cpp_range"],
                  row["nginx_ms_page"], min(other) if other else 0, max(other) if other else 0))
    if noisy:
        print("   WARNING: other processes used more than 0.3 core during some runs: wall times and wget2's"
              " sys time are sensitive to that; rerun on a quiet machine for figures to quote.")

    # Cross-checks of the page counts.
    print()
    print("== page counts")
    for r in runs:
        extra = ""
        if "status" in r:
            st = r["status"]
            extra = "store: state={} pages={} robots_denied={}".format(
                st.get("state"), st.get("pages"), st.get("robots_denied"))
            if st.get("pages") != r["pages"]:
                extra += "  (differs from the nginx log!)"
        if "html_files" in r:
            extra = "HTML files saved: {}".format(r["html_files"])
        codes = defaultdict(int)
        for q in r["reqs"]:
            codes[q["status"]] += 1
        robots = sum(1 for q in r["reqs"] if q["path"] == "/robots.txt")
        hosts = len({q["host"] for q in r["reqs"]})
        print("  {:<14} requests={:<5} pages={:<5} robots.txt={:<4} hosts={:<4} statuses={}  {}".format(
            r["id"], r["requests"], r["pages"], robots, hosts, dict(sorted(codes.items())), extra))

    def page_set(r):
        return {(q["host"], q["path"]) for q in r["reqs"] if is_page(q)}

    nc = next((r for r in runs if r["crawler"] == "newscrawl" and r["class"] == "fast"), None)
    w2 = next((r for r in runs if r["crawler"] == "wget2" and r["class"] == "fast"), None)
    if nc and w2:
        a, b = page_set(nc), page_set(w2)
        print("  same pages? newscrawl {} ({}) vs wget2 {} ({}), distinct host+path (query ignored):"
              " newscrawl {}, wget2 {}, both {}, newscrawl only {}, wget2 only {}".format(
                  nc["id"], nc["config"], w2["id"], w2["config"], len(a), len(b), len(a & b),
                  len(a - b), len(b - a)))
        if a - b:
            print("    newscrawl-only examples:", sorted(a - b)[:5])
        print("  wget2 requests for the same file under other query strings (?utm_..., share links): {}".format(
            w2["pages"] - len(b)))
        kinds = defaultdict(int)
        for h, p in b - a:
            kinds["section/home" if p.endswith("/") else
                  "article" if re.search(r"/\d{4}/\d\d/\d\d/", p) else
                  "sitemap" if p.endswith(".xml") else "other (" + p.rsplit("/", 1)[-1] + ")"] += 1
        print("  pages only wget2 fetched, by kind: {}".format(
            ", ".join("%s %d" % kv for kv in sorted(kinds.items(), key=lambda kv: -kv[1])[:8])))

    # Politeness audit.
    print()
    print("== politeness audit (nginx access log, per host; times on nginx's ms clock)")
    print("   max req at once: requests overlapping in nginx's timings (a static file takes < 1 ms, so this"
          " rarely sees overlap);")
    print("   max conns at once: connections of one host with requests in progress at the same time"
          " (requests on one connection never overlap: the upper bound that matters);")
    print("   min gap: end of one request to the start of the next to the same host")
    print("{:<14} {:<10} {:<34} {:>5} {:>9} {:>8} {:>9} {:>10} {:>12} {:>12} {:>8}".format(
        "run", "crawler", "config", "hosts", "max req", "hosts", "max conns", "conns per", "min gap ms",
        "median host", "1/host"))
    print("{:<14} {:<10} {:<34} {:>5} {:>9} {:>8} {:>9} {:>10} {:>12} {:>12} {:>8}".format(
        "", "", "", "", "at once", "with >1", "at once", "host max", "(any host)", "min gap ms", "at once"))
    seen_cfg = set()
    verdicts = []
    for r in runs:
        key = (r["crawler"], r["config"])
        if key in seen_cfg and r["class"] == "fast":
            continue  # one repetition of each full-speed configuration is enough
        seen_cfg.add(key)
        a = audit(r["reqs"])
        if not a:
            continue
        max_req = max(v["req_conc"] for v in a.values())
        multi = sum(1 for v in a.values() if v["req_conc"] > 1)
        max_conn = max(v["conn_conc"] for v in a.values())
        conns = max(v["conns"] for v in a.values())
        gaps = [v["min_gap"] for v in a.values() if v["min_gap"] is not None]
        print("{:<14} {:<10} {:<34} {:>5} {:>9} {:>8} {:>9} {:>10} {:>12} {:>12} {:>8}".format(
            r["id"], r["crawler"], r["config"][:34], len(a), max_req, multi, max_conn, conns,
            fmt(min(gaps) if gaps else None, ".0f"), fmt(med(gaps) if gaps else None, ".0f"),
            "yes" if max_req <= 1 and max_conn <= 1 else "NO"))
        if r["crawler"] == "newscrawl":
            ok = max_req <= 1 and max_conn <= 1
            msg = "{}: at most 1 request in flight per host: {}".format(
                r["id"], "PASS" if ok else "FAIL (max %d requests, %d connections)" % (max_req, max_conn))
            if r["class"] == "polite" and gaps:
                # newscrawl counts the delay from the end of the response it received,
                # which is after nginx logged the end: the server-side gap is >= the delay.
                gap_ok = min(gaps) >= 999
                msg += "; >= 1 s between requests to a host: {} (min {} ms)".format(
                    "PASS" if gap_ok else "FAIL", min(gaps))
                ok = ok and gap_ok
            verdicts.append(msg)
    for v in verdicts:
        print("  " + v)

    # Issue 16's targets, on the full-speed runs (the polite ones wait by design).
    print()
    print("== issue 16 targets (B1, medians): pages/s over the active span >= {:.0f}x wget2's, CPU per"
          " canonical page <= {:.2f}x wget2's and <= {:.2f} ms, peak RSS <= {:.0f} MB".format(
              TARGET_RATE_X, TARGET_CPU_X, TARGET_CPU_MS, TARGET_RSS_MB))
    for row in rows:
        if row["crawler"] != "newscrawl" or row["class"] != "fast" or "rate" not in row:
            continue
        for rf in rows:
            if rf["crawler"] != "wget2" or rf["class"] != row["class"] or "rate" not in rf:
                continue
            print(goal_line(row, rf))

if __name__ == "__main__":
    main()
