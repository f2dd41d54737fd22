// export --format warc on stores built through the Store API: a page stored
// with its exchange (page format 4) is written as received (the request as
// sent, the head and the content-coded body as received, WARC-IP-Address),
// a chunked one de-chunked with Transfer-Encoding renamed; a page of an
// older format keeps the rebuilt form. Reading back with an independent
// reader (warcio) is in tests/integration/export_test.cc.
#include <gmock/gmock.h>
#include <zlib.h>

#include <map>
#include <sstream>

#include "storage/export.h"
#include "storage/schema.h"
#include "tests/storage/raw_lmdb.h"
#include "tests/storage/store_fixture.h"

namespace nc::storage::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The concatenated gzip members of a .warc.gz, decompressed.
std::string Gunzip(const std::string& data) {
  std::string out;
  size_t at = 0;
  while (at < data.size()) {
    z_stream stream{};
    EXPECT_EQ(inflateInit2(&stream, 31), Z_OK);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + at));
    stream.avail_in = static_cast<uInt>(data.size() - at);
    char buffer[16384];
    int result = Z_OK;
    while (result == Z_OK) {
      stream.next_out = reinterpret_cast<Bytef*>(buffer);
      stream.avail_out = sizeof buffer;
      result = inflate(&stream, Z_NO_FLUSH);
      out.append(buffer, sizeof buffer - stream.avail_out);
    }
    EXPECT_EQ(result, Z_STREAM_END);
    at += stream.total_in;
    inflateEnd(&stream);
    if (result != Z_STREAM_END) break;
  }
  return out;
}

struct WarcRecordText {
  std::map<std::string, std::string> fields;
  std::string block;
};

// The records of an uncompressed WARC file.
std::vector<WarcRecordText> ParseWarc(const std::string& text) {
  std::vector<WarcRecordText> records;
  size_t at = 0;
  while (at < text.size()) {
    const size_t head_end = text.find("\r\n\r\n", at);
    if (head_end == std::string::npos) break;
    WarcRecordText record;
    std::istringstream lines(text.substr(at, head_end - at));
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      const size_t colon = line.find(": ");
      if (colon != std::string::npos) record.fields[line.substr(0, colon)] = line.substr(colon + 2);
    }
    const size_t length = std::stoull(record.fields["Content-Length"]);
    record.block = text.substr(head_end + 4, length);
    at = head_end + 4 + length + 4;  // the block, then CRLF CRLF
    records.push_back(std::move(record));
  }
  return records;
}

constexpr std::string_view kRequest =
    "GET /a HTTP/1.1\r\nHost: a.test\r\nUser-Agent: newscrawl-test\r\n"
    "Accept-Encoding: gzip, deflate\r\nConnection: keep-alive\r\n\r\n";

class ExportWarcTest : public StoreTest {
 protected:
  std::vector<WarcRecordText> Export() {
    ExportOptions options;
    options.format = ExportFormat::kWarc;
    std::ostringstream out;
    Status s = storage::Export(*store_, options, out);
    EXPECT_TRUE(s.ok()) << s.error().message;
    return ParseWarc(Gunzip(out.str()));
  }

  // A page fetched with its exchange recorded, served with `headers` and
  // `received` (the body as transferred), decoding to `decoded`.
  void CommitExchange(const std::string& headers, const std::string& received,
                      const std::string& decoded) {
    QueuedUrl a = AddSeed("https://a.test/a");
    PageRecord page = Page("a.test", a, {}, decoded);
    page.response_headers = headers;
    page.request = std::string(kRequest);
    page.peer_address = "192.0.2.7";
    page.received_body_differs = received != decoded;
    if (page.received_body_differs) page.received_body = received;
    Commit({page});
  }

  const WarcRecordText* Find(const std::vector<WarcRecordText>& records, std::string_view type) {
    for (const WarcRecordText& record : records) {
      if (record.fields.at("WARC-Type") == type) return &record;
    }
    ADD_FAILURE() << "no " << type << " record";
    return nullptr;
  }
};

TEST_F(ExportWarcTest, ContentCodedBodyIsWrittenAsReceivedWithTheRequestAndPeer) {
  const std::string gzipped("\x1f\x8b\x08\x00gzip-bytes", 14);
  const std::string headers =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
      "Content-Length: 14\r\n";
  CommitExchange(headers, gzipped, "<html>decoded</html>");
  const std::vector<WarcRecordText> records = Export();
  ASSERT_EQ(records.size(), 3u);
  const WarcRecordText* response = Find(records, "response");
  const WarcRecordText* request = Find(records, "request");
  ASSERT_TRUE(response && request);
  EXPECT_EQ(response->block, headers + "\r\n" + gzipped);
  EXPECT_EQ(request->block, kRequest);
  EXPECT_EQ(response->fields.at("WARC-IP-Address"), "192.0.2.7");
  EXPECT_EQ(request->fields.at("WARC-IP-Address"), "192.0.2.7");
  EXPECT_THAT(records[0].block, HasSubstr("the exchange as it happened"));
}

TEST_F(ExportWarcTest, ChunkedBodyIsWrittenDechunkedWithTransferEncodingRenamed) {
  const std::string headers =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n";
  const std::string gzipped("\x1f\x8b\x08\x00gz", 6);
  CommitExchange(headers, gzipped, "decoded");
  const std::vector<WarcRecordText> records = Export();
  const WarcRecordText* response = Find(records, "response");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->block,
            "HTTP/1.1 200 OK\r\nX-Crawler-Transfer-Encoding: chunked\r\n"
            "Content-Encoding: gzip\r\nContent-Length: 6\r\n\r\n" +
                gzipped);
}

TEST_F(ExportWarcTest, IdentityBodyIsStoredOnceAndWrittenAsReceived) {
  const std::string headers = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n";
  CommitExchange(headers, "hello", "hello");
  Result<std::optional<StoredPage>> page = store_->GetPage("https://a.test/a");
  ASSERT_TRUE(page.ok() && page->has_value());
  EXPECT_TRUE((*page)->exchange_recorded);
  EXPECT_EQ((*page)->body_as_received, "hello");
  EXPECT_EQ((*page)->request, kRequest);
  EXPECT_EQ((*page)->peer_address, "192.0.2.7");
  const std::vector<WarcRecordText> records = Export();
  const WarcRecordText* response = Find(records, "response");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->block, headers + "\r\nhello");
}

// A page stored before the exchange was kept (format 3): the body decoded,
// codings renamed, a rebuilt request, no WARC-IP-Address.
TEST_F(ExportWarcTest, PageOfAnOlderFormatKeepsTheRebuiltForm) {
  QueuedUrl a = AddSeed("https://a.test/a");
  Commit({Page("a.test", a, {}, "decoded")});
  store_.reset();
  std::string value;
  schema::PageHeader h;
  h.http_status = 200;
  h.body_size = 7;
  h.response_headers = "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n";
  schema::EncodePageHeader(h, &value);
  // Format 3: the format byte, and without the four exchange fields.
  value[0] = 3;
  value.resize(value.size() - 3);  // empty request, empty peer, flag 0
  value += CompressBody("decoded", 3);
  WithRawLmdb(dir_.path() / "store", [&](lmdb::Txn& txn) {
    ASSERT_TRUE(RawDb(txn, schema::kPagesDb).Put(txn, schema::IdKey(1), value).ok());
  });
  store_ = OpenStore(OpenMode::kOpenExisting);
  const std::vector<WarcRecordText> records = Export();
  const WarcRecordText* response = Find(records, "response");
  const WarcRecordText* request = Find(records, "request");
  ASSERT_TRUE(response && request);
  EXPECT_EQ(response->block,
            "HTTP/1.1 200 OK\r\nX-Crawler-Content-Encoding: gzip\r\nContent-Length: 7\r\n\r\n"
            "decoded");
  EXPECT_EQ(request->block, "GET /a HTTP/1.1\r\nHost: a.test\r\n\r\n");
  EXPECT_EQ(response->fields.count("WARC-IP-Address"), 0u);
  Result<std::optional<StoredPage>> page = store_->GetPage("https://a.test/a");
  ASSERT_TRUE(page.ok() && page->has_value());
  EXPECT_FALSE((*page)->exchange_recorded);
}

TEST_F(ExportWarcTest, UnknownReceivedBodyFlagIsCorrupt) {
  std::string value;
  schema::PageHeader h;
  schema::EncodePageHeader(h, &value);
  value.back() = 2;
  Result<schema::DecodedPage> page = schema::DecodePage(value);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().message, "pages value: unknown received-body flag 2");
}

}  // namespace
}  // namespace nc::storage::testing
