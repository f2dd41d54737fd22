// Reads WARC files written by `newscrawl export --format warc` with the npm
// `warcio` package (webrecorder's reader, independent of newscrawl) and
// checks them: every record's WARC-Block-Digest and every response's
// WARC-Payload-Digest (sha1, base32) recomputed with node's crypto, each
// request/response pair pointing at each other and naming the address
// connected to (WARC-IP-Address), every request block the request as sent
// (with its User-Agent), every response payload equal to `newscrawl cat
// --raw` of its URL (the body as received), and the content warcio decodes
// from it (Content-Encoding removed) equal to `newscrawl cat`.
//
// Usage: node warc_check.mjs WARCIO_DIR NEWSCRAWL STORE FILE.warc.gz...
// Prints one JSON line of counts; exits 1 with the first problem.
import { createReadStream } from "node:fs";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const [warcioDir, newscrawl, store, ...files] = process.argv.slice(2);
const require = createRequire(path.join(warcioDir, "package.json"));
const { WARCParser } = require("warcio");

function base32(bytes) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let out = "", buffer = 0, bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b; bits += 8;
    while (bits >= 5) { out += alphabet[(buffer >>> (bits - 5)) & 31]; bits -= 5; }
  }
  if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
  while (out.length % 8) out += "=";
  return out;
}
const sha1 = (bytes) => "sha1:" + base32(createHash("sha1").update(bytes).digest());
function fail(message) { console.error("warc_check: " + message); process.exit(1); }

const counts = { files: 0, warcinfo: 0, request: 0, response: 0, digests: 0, payloads: 0,
                 decoded: 0, ip: 0, coded: 0 };
const cat = (args) => execFileSync(newscrawl, ["cat", "--store", store, ...args],
                                   { maxBuffer: 1 << 30 });
const ids = new Map();  // record id -> { type, concurrent }
for (const file of files) {
  counts.files++;
  let first = true;
  // Raw blocks for the digests (parseHttp off: the block as stored).
  for await (const record of new WARCParser(createReadStream(file), { parseHttp: false })) {
    const type = record.warcType;
    if (first && type !== "warcinfo") fail(`${file}: first record is ${type}, not warcinfo`);
    first = false;
    counts[type] = (counts[type] ?? 0) + 1;
    const block = await record.readFully();
    if (record.warcHeader("WARC-Record-ID") === undefined) fail(`${file}: a ${type} without id`);
    ids.set(record.warcHeader("WARC-Record-ID"),
            { type, concurrent: record.warcHeader("WARC-Concurrent-To"),
              uri: record.warcTargetURI });
    if (type === "warcinfo") continue;
    if (record.warcBlockDigest !== sha1(block)) {
      fail(`${record.warcTargetURI}: ${type} block digest ${record.warcBlockDigest} != ${sha1(block)}`);
    }
    counts.digests++;
    if (record.warcHeader("WARC-IP-Address") !== undefined) counts.ip++;
    if (type === "request" && !/\r\nUser-Agent: [^\r]+\r\n/.test(Buffer.from(block).toString("latin1"))) {
      fail(`${record.warcTargetURI}: request block is not the request as sent (no User-Agent)`);
    }
    if (type !== "response") continue;
    const end = Buffer.from(block).indexOf("\r\n\r\n");
    if (end < 0) fail(`${record.warcTargetURI}: response block without an HTTP head`);
    const payload = block.subarray(end + 4);
    if (record.warcPayloadDigest !== sha1(payload)) {
      fail(`${record.warcTargetURI}: payload digest ${record.warcPayloadDigest} != ${sha1(payload)}`);
    }
    counts.digests++;
    const stored = cat(["--raw", record.warcTargetURI]);
    if (!stored.equals(Buffer.from(payload))) {
      fail(`${record.warcTargetURI}: payload (${payload.length} bytes) != newscrawl cat --raw (${stored.length})`);
    }
    counts.payloads++;
    if (/\r\ncontent-encoding: *gzip/i.test(Buffer.from(block.subarray(0, end)).toString("latin1"))) {
      counts.coded++;
    }
  }
  // The HTTP heads parsed by warcio itself, and the content it decodes.
  for await (const record of new WARCParser(createReadStream(file))) {
    if (record.warcType === "response" && !(record.httpHeaders?.statusCode >= 100)) {
      fail(`${record.warcTargetURI}: warcio found no HTTP status line`);
    }
    if (record.warcType === "response") {
      const content = Buffer.from(await record.readFully(true));
      const decoded = cat([record.warcTargetURI]);
      if (!decoded.equals(content)) {
        fail(`${record.warcTargetURI}: content warcio decodes (${content.length} bytes) != newscrawl cat (${decoded.length})`);
      }
      counts.decoded++;
    }
    if (record.warcType === "request" && record.httpHeaders?.method !== "GET") {
      fail(`${record.warcTargetURI}: warcio found no GET request line`);
    }
  }
}
for (const [id, record] of ids) {
  if (record.type !== "request" && record.type !== "response") continue;
  const other = ids.get(record.concurrent);
  const want = record.type === "request" ? "response" : "request";
  if (!other || other.type !== want || other.concurrent !== id || other.uri !== record.uri) {
    fail(`${record.uri}: ${record.type} ${id} is not paired with a ${want}`);
  }
}
console.log(JSON.stringify(counts));
