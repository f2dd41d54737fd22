#include "crawler/cli/job_observer.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>

namespace nc {
namespace fs = std::filesystem;

namespace {

observe::CrawlMonitor::Options WritingOn(observe::IoThread& io,
                                         observe::CrawlMonitor::Options options) {
  options.io = &io;
  return options;
}

}  // namespace

JobObserver::JobObserver(const Clock& clock, observe::CrawlMonitor::Options options)
    : stats_(clock), monitor_(stats_, clock, WritingOn(io_, std::move(options))) {}

JobObserver::~JobObserver() {
  server_.reset();  // its thread reads the monitor
  stats_.SetEventLog(nullptr);
}

Result<std::unique_ptr<JobObserver>> JobObserver::Start(const ObserveFlags& flags,
                                                        const std::string& store_dir,
                                                        const Clock& clock) {
  using Progress = observe::CrawlMonitor::Progress;
  if (flags.log_format != "text" && flags.log_format != "json") {
    return MakeError("config.log_format",
                     "--log-format '" + flags.log_format + "': expected text or json");
  }
  std::optional<observe::StatusAddress> address;
  if (flags.status_addr) {
    auto parsed = observe::ParseStatusAddress(*flags.status_addr);
    if (!parsed.ok()) return parsed.error();
    address = *parsed;
  }
  const bool tty = isatty(STDERR_FILENO) == 1;
  observe::CrawlMonitor::Options options;
  if (flags.progress_for_testing) {
    options.progress = *flags.progress_for_testing;
  } else if (flags.quiet) {
    options.progress = Progress::kOff;
  } else {
    options.progress = tty && flags.log_format == "text" ? Progress::kTty : Progress::kJsonLines;
  }
  options.json_interval = FromSeconds(flags.stats_interval_seconds);
  options.status_file = fs::path(store_dir) / kStatusFileName;
  std::unique_ptr<JobObserver> observer(new JobObserver(clock, options));
  observer->tty_ = options.progress == Progress::kTty;

  observe::EventLog::Options log_options;
  if (!flags.quiet) {
    log_options.echo = flags.verbose >= 2   ? observe::EchoLevel::kAll
                       : flags.verbose == 1 ? observe::EchoLevel::kFailures
                                            : observe::EchoLevel::kNone;
  }
  log_options.io = &observer->io_;
  JobObserver* raw = observer.get();
  log_options.echo_sink = [raw](std::string_view line) { raw->monitor_.EchoLine(line); };
  auto log = observe::EventLog::Open(store_dir, std::move(log_options));
  if (!log.ok()) return log.error();
  observer->event_log_ = std::move(*log);
  observer->stats_.SetEventLog(observer->event_log_.get());

  if (address) {
    auto server = observe::StatusServer::Start(*address, [raw] { return raw->monitor_.Latest(); });
    if (!server.ok()) return server.error();
    observer->server_ = std::move(*server);
    std::fprintf(stderr, "newscrawl: status page on %s (metrics: %smetrics)\n",
                 observer->server_->Url().c_str(), observer->server_->Url().c_str());
  }
  return observer;
}

void JobObserver::Fill(JobRunOptions& options) {
  options.stats = &stats_;
  options.on_progress = [this](const CrawlProgress&) {
    monitor_.Tick();
    // The events of the last tick reach the file even in a slow crawl.
    if (event_log_) event_log_->WriteBuffered();
  };
  // A TTY line is redrawn four times a second; JSON lines and the status
  // file need no more than one tick a second.
  options.progress_interval =
      tty_ ? Duration(std::chrono::milliseconds(250)) : Duration(std::chrono::seconds(1));
}

void JobObserver::Finish() {
  monitor_.Finish();
  if (event_log_) event_log_->Flush();
}

}  // namespace nc
