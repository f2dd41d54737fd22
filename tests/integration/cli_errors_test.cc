// Bad input on the command line gives a clear error and the documented exit
// code: 2 for usage and config errors, 1 for runtime failures.

#include <gtest/gtest.h>

#include <fstream>

#include "storage/schema.h"
#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"

namespace nc::testing {
namespace {

TEST(CliErrors, UnknownFlagIsAUsageError) {
  std::string err;
  EXPECT_EQ(RunNewscrawl({"crawl", "--store", "/tmp/x", "--seed", "http://a.test/", "--frobnicate"},
                         nullptr, &err),
            2);
  EXPECT_NE(err.find("--frobnicate"), std::string::npos) << err;
}

TEST(CliErrors, EverySubcommandHasHelp) {
  for (const char* sub : {"crawl", "resume", "status", "export", "cat", "demo", "fixture-site",
                          "robots-check", "url", "links", "extract"}) {
    std::string out;
    EXPECT_EQ(RunNewscrawl({sub, "--help"}, &out, nullptr), 0) << sub;
    EXPECT_NE(out.find("--help"), std::string::npos) << sub;
  }
}

TEST(CliErrors, ExtractPrintsTheArticleAsJson) {
  TempDir dir;
  std::ofstream(dir / "a.html")
      << "<html lang=fr><head><title>T</title></head><body><article><h1>Titre</h1>"
         "<p class=date>Publié le 16 avril 2019 à 10h05</p><p>Un paragraphe assez long, avec des "
         "virgules, pour être retenu comme corps de l'article.</p></article></body></html>";
  std::string out, err;
  ASSERT_EQ(RunNewscrawl({"extract", "--base", "https://ex.test/a.html", "--fetched-at",
                          "2026-04-20T12:00:00Z", (dir / "a.html").string()},
                         &out, &err),
            0)
      << err;
  EXPECT_NE(out.find("\"title\":\"Titre\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"iso\":\"2019-04-16T10:05:00\""), std::string::npos) << out;
  EXPECT_EQ(
      RunNewscrawl({"extract", "--fetched-at", "hier", (dir / "a.html").string()}, &out, &err), 2);
  EXPECT_EQ(RunNewscrawl({"extract", (dir / "missing.html").string()}, &out, &err), 1);
}

TEST(CliErrors, MissingStoreIsARuntimeError) {
  TempDir dir;
  std::string err;
  EXPECT_EQ(RunNewscrawl({"status", "--store", (dir / "nothing-here").string()}, nullptr, &err), 1);
  EXPECT_NE(err.find("nothing-here"), std::string::npos) << err;
}

TEST(CliErrors, DirectoryThatIsNotAStoreIsRefused) {
  TempDir dir;
  std::ofstream(dir / "data.mdb") << "this is not an LMDB file";
  std::ofstream(dir / "notes.txt") << "hello";
  for (const char* sub : {"status", "export", "resume"}) {
    std::string err;
    EXPECT_EQ(RunNewscrawl({sub, "--store", dir.path().string()}, nullptr, &err), 1) << sub;
    EXPECT_NE(err.find("not a newscrawl store"), std::string::npos) << sub << ": " << err;
  }
}

TEST(CliErrors, InvalidConfigNamesFileLineAndKey) {
  TempDir dir;
  const std::string config = (dir / "bad.toml").string();
  std::ofstream(config) << "[politeness]\nmin_delay = 1.0\nmax_in_flight_per_host = \"two\"\n";
  std::string err;
  EXPECT_EQ(RunNewscrawl({"crawl", "--store", (dir / "s").string(), "--seed", "http://a.test/",
                          "--config", config},
                         nullptr, &err),
            2);
  EXPECT_NE(err.find("bad.toml:3: key 'politeness.max_in_flight_per_host'"), std::string::npos)
      << err;
}

TEST(CliErrors, UnreadableConfigIsAConfigError) {
  TempDir dir;
  std::string err;
  EXPECT_EQ(RunNewscrawl({"crawl", "--store", (dir / "s").string(), "--seed", "http://a.test/",
                          "--config", (dir / "missing.toml").string()},
                         nullptr, &err),
            2);
  EXPECT_NE(err.find("missing.toml"), std::string::npos) << err;
}

TEST(CliErrors, InvalidSeedIsAConfigError) {
  TempDir dir;
  std::string err;
  EXPECT_EQ(RunNewscrawl({"crawl", "--store", (dir / "s").string(), "--seed", "mailto:x@y.test"},
                         nullptr, &err),
            2);
  EXPECT_NE(err.find("mailto:x@y.test"), std::string::npos) << err;
}

TEST(CliErrors, BadResolveIsAUsageError) {
  TempDir dir;
  std::string err;
  EXPECT_EQ(RunNewscrawl({"crawl", "--store", (dir / "s").string(), "--seed", "http://a.test/",
                          "--resolve", "a.test:notaport:127.0.0.1"},
                         nullptr, &err),
            2);
  EXPECT_NE(err.find("HOST:PORT:ADDR"), std::string::npos) << err;
}

TEST(CliErrors, StatusHostsRefusesARecordedConfigThatDoesNotParse) {
  TempDir dir;
  const std::string store_dir = (dir / "store").string();
  {
    auto store = storage::Store::Open(store_dir, storage::OpenMode::kCreate, {});
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->PutMeta(storage::schema::kConfigKey, "max_pages = [unclosed").ok());
  }
  std::string out, err;
  EXPECT_EQ(RunNewscrawl({"status", "--store", store_dir, "--hosts"}, &out, &err), 1) << err;
  EXPECT_NE(err.find("store " + store_dir), std::string::npos) << err;
  EXPECT_NE(err.find("recorded config does not parse"), std::string::npos) << err;
  // Without --hosts the config is not needed: status still reports the store.
  EXPECT_EQ(RunNewscrawl({"status", "--store", store_dir}, &out, &err), 0) << err;
}

// `newscrawl ARGS... FILE` with `html` in FILE: its standard output; a test
// failure unless it exits 0.
std::string RunOnPage(std::vector<std::string> args, const std::string& html) {
  TempDir dir;
  std::ofstream(dir / "page.html") << html;
  args.push_back((dir / "page.html").string());
  std::string out, err;
  EXPECT_EQ(RunNewscrawl(args, &out, &err), 0) << err;
  return out;
}

TEST(ToolCommands, LinksPrintsRoleResolvedUrlAndTextPerLink) {
  const std::string out = RunOnPage(
      {"links", "--base", "https://www.news.test/monde/"},
      "<html><body><nav><a href='/monde/'>Monde</a></nav><main><ul><li>"
      "<a href='a/b.html?utm_source=x'>Un titre d'article\tassez long</a></li></ul></main>"
      "<a href='https://social.test/share'>Partager</a><a href='mailto:x@y.test'>m</a>"
      "<footer><a href='/legal'>Mentions</a></footer></body></html>");
  EXPECT_EQ(out,
            "nav\thttps://www.news.test/monde/\tMonde\n"
            "headline\thttps://www.news.test/monde/a/b.html?utm_source=x\tUn titre d'article assez long\n"
            "external\thttps://social.test/share\tPartager\n"
            "footer\thttps://www.news.test/legal\tMentions\n");
}

TEST(ToolCommands, LinksExplainPrintsStructureAndEvidence) {
  const std::string out =
      RunOnPage({"links", "--explain", "--base", "https://www.news.test/"},
                "<nav><ul><li><a href='/a/2024/05/01/un-titre'>A</a></li>"
                "<li><a href='/a/2024/05/02/deux-titres'>B</a></li>"
                "<li><a href='/a/2024/05/03/trois-titres'>C</a></li></ul></nav>");
  EXPECT_NE(out.find("headline\thttps://www.news.test/a/2024/05/01/un-titre\tA\tstructure=nav "
                     "evidence=nav-block,list,url-date,teaser-group,topic-bar,promoted\n"),
            std::string::npos)
      << out;
}

TEST(ToolCommands, LinksConfigAppliesSiteRules) {
  TempDir dir;
  std::ofstream(dir / "page.html")
      << "<div class=promo><a href='/x'>Un titre assez long ici</a></div>"
         "<ul><li><a href='/y'>Un autre titre assez long</a></li></ul>";
  std::ofstream(dir / "c.toml") << "[[site]]\nhost = \"www.news.test\"\n"
                                   "headline = \"div.promo a\"\nnav = \"ul\"\n";
  std::string out, err;
  ASSERT_EQ(RunNewscrawl({"links", "--explain", "--config", (dir / "c.toml").string(), "--base",
                          "https://www.news.test/", (dir / "page.html").string()},
                         &out, &err),
            0)
      << err;
  EXPECT_NE(out.find("headline\thttps://www.news.test/x\tUn titre assez long ici\tstructure=other"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("site-rule(heuristic=other)"), std::string::npos) << out;
  EXPECT_NE(out.find("nav\thttps://www.news.test/y\t"), std::string::npos) << out;
  EXPECT_NE(out.find("site-rule(heuristic=headline)"), std::string::npos) << out;
  // A config that does not load is a usage error naming the problem.
  std::ofstream(dir / "bad.toml") << "[[site]]\nhost = \"www.news.test\"\nheadline = \"ul..x\"\n";
  EXPECT_EQ(RunNewscrawl({"links", "--config", (dir / "bad.toml").string(), "--base",
                          "https://www.news.test/", (dir / "page.html").string()},
                         &out, &err),
            2);
  EXPECT_NE(err.find("site[0].headline"), std::string::npos) << err;
}

TEST(ToolCommands, UrlPrintsResolvedAndCanonicalOrInvalid) {
  std::string out, err;
  ASSERT_EQ(RunNewscrawl({"url", "https://News.test/a/b", "../c?utm_medium=x&id=3#top"}, &out, &err), 0);
  EXPECT_EQ(out, "https://news.test/c?utm_medium=x&id=3#top\nhttps://news.test/c?id=3\n");
  EXPECT_EQ(RunNewscrawl({"url", "https://news.test/", "http://bad host/"}, &out, &err), 1);
  EXPECT_EQ(err.rfind("invalid: ", 0), 0u) << err;
}

// `url` prints the WHATWG href (userinfo kept, percent-encoded) and the key
// the crawler would store and request (never with userinfo); `links` prints
// links as the crawl records them, without credentials.
TEST(ToolCommands, UserinfoIsInTheHrefOnly) {
  std::string out, err;
  ASSERT_EQ(RunNewscrawl({"url", "https://news.test/", "//us er:p@ss@news.test/a#f"}, &out, &err), 0)
      << err;
  EXPECT_EQ(out, "https://us%20er:p%40ss@news.test/a#f\nhttps://news.test/a\n");
  out = RunOnPage({"links", "--base", "https://www.news.test/"},
                  "<html><body><main><a href='https://u:secret@www.news.test/a.html#x'>Un titre</a>"
                  "</main></body></html>");
  EXPECT_EQ(out.find("secret"), std::string::npos) << out;
  EXPECT_NE(out.find("\thttps://www.news.test/a.html#x\t"), std::string::npos) << out;
}

TEST(ToolCommands, RobotsCheckFollowsRobotsMainContract) {
  TempDir dir;
  std::ofstream(dir / "robots.txt") << "User-agent: *\nDisallow: /prive/\n";
  std::string out;
  EXPECT_EQ(RunNewscrawl({"robots-check", (dir / "robots.txt").string(), "newscrawl",
                          "https://x.test/prive/a"},
                         &out, nullptr),
            1);
  EXPECT_EQ(out, "DISALLOWED\n");
  EXPECT_EQ(RunNewscrawl({"robots-check", (dir / "robots.txt").string(), "newscrawl",
                          "https://x.test/public"},
                         &out, nullptr),
            0);
  EXPECT_EQ(out, "ALLOWED\n");
  EXPECT_EQ(RunNewscrawl({"robots-check", "only-one-arg"}, nullptr, nullptr), 2);
}

}  // namespace
}  // namespace nc::testing
