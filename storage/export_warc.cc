// --format warc: WARC/1.1 (ISO 28500:2017), each record its own gzip member
// (so tools can seek to one record), a `warcinfo` record opening every file,
// then per fetched page a `request` and a `response` record pointing at each
// other with WARC-Concurrent-To. A redirect hop is a page record of its own,
// so it is a response of its own. Failed and robots-denied fetches have no
// HTTP response and are left out.
//
// Pages stored with their exchange (page format 4, PageRecord::request...)
// are written as received:
// - the request block is the request as sent;
// - the response block is the status line and header fields as received,
//   then the body as received: its Content-Encoding (gzip, br...) kept;
// - WARC-IP-Address is the address the crawler connected to;
// - one exception, the chunked transfer coding: the store keeps the body
//   de-chunked (chunk boundaries are framing, not content), so a chunked
//   response is written with its body de-chunked, Transfer-Encoding renamed
//   X-Crawler-Transfer-Encoding and a Content-Length added (as Heritrix's
//   FetchHTTP2, Browsertrix and warcio's own writer do). The block then
//   parses as the HTTP message it says it is, and WARC-Payload-Digest (over
//   the payload: the body after transfer decoding, content coding kept, as
//   WARC 1.1 section 5.9 defines it) agrees with readers that digest the
//   bytes after the head, which is what warcio and most tools do.
// Pages stored before (formats 1-3) kept neither the request, the peer nor
// the body as received, so theirs is rebuilt: the body decoded, transfer and
// content codings renamed X-Crawler-* with a Content-Length of the decoded
// body (the convention of warcprox and Browsertrix, so readers do not decode
// twice), a request of request line and Host, and no WARC-IP-Address.
// The warcinfo record says so too.
// Record ids are name-based UUIDs of (url, fetch time, record type): the
// same store exports the same ids.
#include <openssl/evp.h>
#include <zlib.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <memory>
#include <utility>
#include <vector>

#include "common/ascii.h"
#include "common/rfc4648.h"
#include "storage/export_text.h"
#include "storage/export_writers.h"

namespace nc::storage {
namespace {

std::string Sha1(std::string_view a, std::string_view b = {}) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  EVP_MD_CTX_free);
  EVP_DigestInit_ex(context.get(), EVP_sha1(), nullptr);
  EVP_DigestUpdate(context.get(), a.data(), a.size());
  EVP_DigestUpdate(context.get(), b.data(), b.size());
  EVP_DigestFinal_ex(context.get(), digest.data(), &size);
  return std::string(reinterpret_cast<const char*>(digest.data()), size);
}

// RFC 4648 base32, as WARC digests are written ("sha1:" + 32 letters).
std::string Sha1Digest(std::string_view a, std::string_view b = {}) {
  return "sha1:" + rfc4648::Base32(Sha1(a, b), rfc4648::Padding::kPad);
}

// A name-based UUID (RFC 9562 version 5 layout over SHA-1 of `name`).
std::string RecordId(std::string_view name) {
  std::string hash = Sha1("newscrawl-warc-record\n", name);
  hash[6] = static_cast<char>((hash[6] & 0x0f) | 0x50);
  hash[8] = static_cast<char>((hash[8] & 0x3f) | 0x80);
  std::string out = "<urn:uuid:";
  char hex[3];
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    std::snprintf(hex, sizeof hex, "%02x", static_cast<unsigned char>(hash[i]));
    out.append(hex);
  }
  return out + ">";
}

// One gzip member of `data` (zlib, windowBits 31: gzip framing).
bool AppendGzipMember(std::string_view data, std::string* out) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return false;
  }
  const size_t start = out->size();
  out->resize(start + deflateBound(&stream, data.size()) + 32);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out->data() + start);
  stream.avail_out = static_cast<uInt>(out->size() - start);
  const int result = deflate(&stream, Z_FINISH);
  out->resize(start + stream.total_out);
  deflateEnd(&stream);
  return result == Z_STREAM_END;
}

bool FieldIs(std::string_view line, std::string_view name) {
  if (line.size() <= name.size() || line[name.size()] != ':') return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (ascii::ToLower(line[i]) != name[i]) return false;
  }
  return true;
}

std::string_view FieldValue(std::string_view line) {
  return ascii::TrimHttpSpace(line.substr(line.find(':') + 1));
}

// The header block `raw` (status line and fields, as received) with the
// fields `renamed` says are to be renamed X-Crawler-*, then Content-Length:
// `body_size` and the empty line.
std::string RewrittenHead(std::string_view raw, uint64_t body_size,
                          bool (*renamed)(std::string_view line)) {
  std::string head;
  for (std::string_view rest = raw; !rest.empty();) {
    const size_t eol = rest.find("\r\n");
    std::string_view line = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 2);
    if (renamed(line)) head.append("X-Crawler-");
    head.append(line).append("\r\n");
  }
  return head + "Content-Length: " + std::to_string(body_size) + "\r\n\r\n";
}

bool IsTransferCoding(std::string_view line) {
  return FieldIs(line, "transfer-encoding") && FieldValue(line) != "identity";
}

bool IsContentCoding(std::string_view line) {
  return FieldIs(line, "content-encoding") && FieldValue(line) != "identity" &&
         !FieldValue(line).empty();
}

bool HasField(std::string_view raw, bool (*matches)(std::string_view line)) {
  for (std::string_view rest = raw; !rest.empty();) {
    const size_t eol = rest.find("\r\n");
    if (matches(rest.substr(0, eol))) return true;
    rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 2);
  }
  return false;
}

std::string AsReceived(std::string_view raw) {
  std::string head(raw);
  if (!head.ends_with("\r\n")) head.append("\r\n");
  return head + "\r\n";
}

// The HTTP head of the response block of a page stored with its exchange,
// for its body as received: as received, but for a chunked transfer coding
// (see the top).
std::string ExchangeResponseHead(const PageView& page, uint64_t body_size) {
  std::string_view raw = page.response_headers;
  if (!HasField(raw, IsTransferCoding)) return AsReceived(raw);
  return RewrittenHead(raw, body_size, [](std::string_view line) {
    return IsTransferCoding(line) || FieldIs(line, "content-length");
  });
}

// The HTTP head of the response block of a page stored before the exchange
// was kept, for its decoded body (see the top).
std::string RebuiltResponseHead(const PageView& page, uint64_t body_size) {
  std::string_view raw = page.response_headers;
  if (raw.empty()) {  // no header block stored: the minimum a reader needs
    std::string head = "HTTP/1.1 " + std::to_string(page.http_status) + " \r\n";
    if (!page.content_type.empty())
      head += "Content-Type: " + std::string(page.content_type) + "\r\n";
    return head + "Content-Length: " + std::to_string(body_size) + "\r\n\r\n";
  }
  if (!HasField(raw, IsTransferCoding) && !HasField(raw, IsContentCoding)) return AsReceived(raw);
  return RewrittenHead(raw, body_size, [](std::string_view line) {
    return FieldIs(line, "transfer-encoding") || FieldIs(line, "content-encoding") ||
           FieldIs(line, "content-length");
  });
}

// One gzip-compressed WARC record.
struct WarcRecord {
  std::vector<std::pair<std::string, std::string>> fields;  // after WARC/1.1, before Content-Length
  std::string_view head;                                    // the block: head + body
  std::string_view body;
};

bool AppendRecord(const WarcRecord& record, std::string* out) {
  std::string text = "WARC/1.1\r\n";
  for (const auto& [name, value] : record.fields) text += name + ": " + value + "\r\n";
  text += "Content-Length: " + std::to_string(record.head.size() + record.body.size()) + "\r\n\r\n";
  text.append(record.head).append(record.body).append("\r\n\r\n");
  return AppendGzipMember(text, out);
}

constexpr std::string_view kWarcinfoNotes =
    "description: Request and response blocks are the exchange as it happened: the request "
    "as sent, the response status line, header fields and body as received (content coding "
    "kept), WARC-IP-Address the address connected to. A chunked response is written "
    "de-chunked: Transfer-Encoding renamed X-Crawler-Transfer-Encoding and a Content-Length "
    "added. Pages stored by newscrawl before it kept the exchange have a rebuilt request "
    "(request line and Host), no WARC-IP-Address and the body decoded, with "
    "Transfer-Encoding, Content-Encoding and Content-Length renamed X-Crawler-* and a "
    "Content-Length of the decoded size.\r\n";

std::string WarcinfoBlock(std::string_view filename) {
  std::string block =
      "software: newscrawl\r\nformat: WARC File Format 1.1\r\n"
      "conformsTo: http://iipc.github.io/warc-specifications/specifications/"
      "warc-format/warc-1.1/\r\n";
  if (!filename.empty()) block += "filename: " + std::string(filename) + "\r\n";
  return block + std::string(kWarcinfoNotes);
}

// The request as the crawler sends it, from the URL ("GET /path?q HTTP/1.1").
std::string RequestHead(std::string_view url) {
  std::string_view rest =
      url.substr(url.find("://") == std::string_view::npos ? 0 : url.find("://") + 3);
  const size_t slash = rest.find_first_of("/?#");
  std::string_view host = rest.substr(0, slash);
  std::string_view target = slash == std::string_view::npos ? "/" : rest.substr(slash);
  if (const size_t hash = target.find('#'); hash != std::string_view::npos)
    target = target.substr(0, hash);
  std::string path(target.empty() || target.front() != '/' ? "/" + std::string(target) : target);
  return "GET " + path + " HTTP/1.1\r\nHost: " + std::string(host) + "\r\n\r\n";
}

}  // namespace

Status WriteWarc(const GraphSource& snapshot, const ExportOptions& options, ExportSink& first) {
  ExportSink* sink = &first;
  std::unique_ptr<ExportSink> rolled;
  uint64_t file_bytes = 0;
  int file_index = 0;
  std::string filename = options.warc_files.name ? options.warc_files.name(0) : "";
  const std::string export_time =
      export_text::IsoTime(std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count());
  const auto start_file = [&](std::string_view name) {
    const std::string info = WarcinfoBlock(name);
    WarcRecord record;
    record.fields = {{"WARC-Type", "warcinfo"},
                     {"WARC-Date", export_time},
                     {"WARC-Record-ID", RecordId("warcinfo\n" + std::string(name))},
                     {"Content-Type", "application/warc-fields"}};
    if (!name.empty()) record.fields.emplace_back("WARC-Filename", std::string(name));
    record.head = info;
    const size_t before = sink->buffer().size();
    if (!AppendRecord(record, &sink->buffer())) return false;
    file_bytes = sink->buffer().size() - before;
    return true;
  };
  if (!start_file(filename)) return MakeError("export.write", "gzip compression failed");

  Status error;
  const auto fail = [&error](Error e) {
    error = std::move(e);
    return false;
  };
  Status status = snapshot.ForEachUrl(
      [&](const UrlView& url) {
        if (url.page == nullptr || url.page->kind != FetchKind::kFetched) return true;
        if (!options.filter.KeepsUrl(url.url) || !options.filter.KeepsPage(*url.page)) return true;
        const PageView& page = *url.page;
        // The payload: the body as received, or for older pages the decoded one.
        std::string decoded;
        std::string_view payload;
        if (page.exchange_recorded && page.received_body_differs) {
          payload = page.received_body;
        } else {
          Result<std::string> body = PageBody(page);
          if (!body) return fail(body.error());
          decoded = std::move(*body);
          payload = decoded;
        }
        // Roll over at a record boundary, never inside a request/response pair.
        if (options.warc_files.max_size != 0 && file_bytes >= options.warc_files.max_size &&
            options.warc_files.open) {
          if (Status s = sink->Finish(); !s) return fail(s.error());
          ++file_index;
          std::ostream* next = options.warc_files.open(file_index);
          if (next == nullptr) {
            return fail(MakeError("export.write",
                                  "cannot open WARC file " + options.warc_files.name(file_index)));
          }
          rolled = std::make_unique<ExportSink>(*next);
          sink = rolled.get();
          if (!start_file(options.warc_files.name(file_index))) {
            return fail(MakeError("export.write", "gzip compression failed"));
          }
        }
        const std::string date = export_text::IsoTime(page.fetch_start_ms);
        const std::string key = std::string(url.url) + "\n" + std::to_string(page.fetch_start_ms);
        const std::string request_id = RecordId("request\n" + key);
        const std::string response_id = RecordId("response\n" + key);
        const bool exact = page.exchange_recorded && !page.response_headers.empty();
        const std::string head = exact ? ExchangeResponseHead(page, payload.size())
                                       : RebuiltResponseHead(page, payload.size());
        const std::string request = page.exchange_recorded && !page.request.empty()
                                        ? std::string(page.request)
                                        : RequestHead(url.url);

        // The two records of the exchange, each naming the other; `digests`
        // follow the shared fields, the peer's address comes after them.
        const auto exchange_record = [&](const char* type, const std::string& id,
                                         const std::string& other_id,
                                         std::vector<std::pair<std::string, std::string>> digests) {
          WarcRecord record;
          record.fields = {{"WARC-Type", type},
                           {"WARC-Record-ID", id},
                           {"WARC-Date", date},
                           {"WARC-Target-URI", std::string(url.url)},
                           {"WARC-Concurrent-To", other_id},
                           {"Content-Type", std::string("application/http; msgtype=") + type}};
          for (auto& digest : digests) record.fields.push_back(std::move(digest));
          if (!page.peer_address.empty()) {
            record.fields.emplace_back("WARC-IP-Address", std::string(page.peer_address));
          }
          return record;
        };
        WarcRecord response = exchange_record("response", response_id, request_id,
                                              {{"WARC-Payload-Digest", Sha1Digest(payload)},
                                               {"WARC-Block-Digest", Sha1Digest(head, payload)}});
        if (page.body_truncated) response.fields.emplace_back("WARC-Truncated", "length");
        response.head = head;
        response.body = payload;
        WarcRecord request_record = exchange_record("request", request_id, response_id,
                                                    {{"WARC-Block-Digest", Sha1Digest(request)}});
        request_record.head = request;
        const size_t before = sink->buffer().size();
        if (!AppendRecord(request_record, &sink->buffer()) ||
            !AppendRecord(response, &sink->buffer())) {
          return fail(MakeError("export.write", "gzip compression failed"));
        }
        file_bytes += sink->buffer().size() - before;
        return sink->Flush();
      },
      GraphSource::UrlPass::kPagesOnly);
  if (!status) return status;
  if (!error) return error;
  if (rolled) return rolled->Finish();
  return Status::Ok();
}

}  // namespace nc::storage
