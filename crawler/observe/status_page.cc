// The live status page served at `/` by StatusServer. Self-contained (no
// external resources: the page must work on a machine without network).
// It polls /status.json once a second and redraws in place; every value
// from the crawl (host names, URLs, reasons come from the web) is inserted
// as text, never as HTML.
#include "crawler/observe/status_server.h"

namespace nc::observe {

std::string_view StatusPageHtml() {
  static constexpr std::string_view kHtml = R"HTML(<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>newscrawl status</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222;background:#fafafa}
h1{font-size:1.3em;margin:0 0 .3em} h2{font-size:1.05em;margin:1.2em 0 .4em}
#line{font-family:monospace;background:#fff;border:1px solid #ddd;padding:.4em .6em;
  white-space:pre-wrap}
.totals{display:flex;flex-wrap:wrap;gap:.6em}
.totals div{background:#fff;border:1px solid #ddd;border-radius:4px;padding:.4em .8em;min-width:8em}
.totals b{display:block;font-size:1.3em}
table{border-collapse:collapse;background:#fff;width:100%}
th,td{border:1px solid #ddd;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#eee} td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.parked td{background:#fff3f0} tr.done td{color:#888}
#state{color:#666}
</style></head>
<body>
<h1>newscrawl</h1>
<div id="state">connecting&hellip;</div>
<p id="line"></p>
<div class="totals" id="totals"></div>
<h2>Hosts</h2>
<table id="hosts"><thead><tr><th>host</th><th>state</th><th>queued</th><th>fetched</th>
<th>failed</th><th>delay</th><th>why</th><th>next request in</th><th>parked</th>
<th>robots.txt</th></tr></thead><tbody></tbody></table>
<h2>Recent errors</h2>
<table id="errors"><thead><tr><th>time</th><th>host</th><th>URL</th><th>reason</th></tr></thead>
<tbody></tbody></table>
<script>
"use strict";
function cell(row, text, cls) {
  const td = document.createElement("td");
  td.textContent = String(text);
  if (cls) td.className = cls;
  row.appendChild(td);
}
function total(box, label, value) {
  const div = document.createElement("div");
  const b = document.createElement("b");
  b.textContent = String(value);
  div.appendChild(b);
  div.appendChild(document.createTextNode(label));
  box.appendChild(div);
}
function mb(bytes) { return (bytes / 1e6).toFixed(1) + " MB"; }
function render(s) {
  document.getElementById("state").textContent =
      "updated " + new Date(s.t).toLocaleTimeString() + (s.resumed ? " (resumed job)" : "");
  document.getElementById("line").textContent = s.progress_line;
  const totals = document.getElementById("totals");
  totals.replaceChildren();
  total(totals, "fetched", s.fetched);
  total(totals, "pages/s (10 s)", s.pages_per_second.toFixed(1));
  total(totals, "queued", s.queued);
  total(totals, "in flight", s.in_flight);
  total(totals, "hosts active / waiting / parked",
        s.hosts_active + " / " + s.hosts_waiting + " / " + s.hosts_parked);
  total(totals, "errors", s.errors);
  total(totals, "robots-denied", s.robots_denied);
  total(totals, "stored pages", s.stored_pages);
  total(totals, "stored bodies", mb(s.stored_bytes));
  total(totals, "received", mb(s.bytes_received));
  total(totals, "elapsed", s.elapsed_seconds.toFixed(0) + " s");
  const hosts = document.querySelector("#hosts tbody");
  hosts.replaceChildren();
  for (const h of s.hosts) {
    const tr = document.createElement("tr");
    tr.className = h.state;
    tr.dataset.host = h.host;
    cell(tr, h.host);
    cell(tr, h.state);
    cell(tr, h.queued + (h.more_in_store ? "+" : ""), "n");
    cell(tr, h.fetched, "n");
    cell(tr, h.failed, "n");
    cell(tr, h.delay_seconds.toFixed(2) + " s", "n");
    cell(tr, h.delay_reason);
    cell(tr, h.state === "done" ? "-" : h.next_allowed_in_seconds.toFixed(1) + " s", "n");
    cell(tr, h.parked_reason || "-");
    cell(tr, h.robots_state);
    hosts.appendChild(tr);
  }
  const errors = document.querySelector("#errors tbody");
  errors.replaceChildren();
  for (const e of s.recent_errors.slice().reverse()) {
    const tr = document.createElement("tr");
    cell(tr, new Date(e.t).toLocaleTimeString());
    cell(tr, e.host);
    cell(tr, e.url);
    cell(tr, e.reason);
    errors.appendChild(tr);
  }
}
async function poll() {
  try {
    const response = await fetch("/status.json", {cache: "no-store"});
    render(await response.json());
  } catch (e) {
    document.getElementById("state").textContent = "not reachable: " + e;
  }
  setTimeout(poll, 1000);
}
poll();
</script>
</body></html>
)HTML";
  return kHtml;
}

}  // namespace nc::observe
