#include "crawler/observe/crawl_monitor.h"

#include <fstream>
#include <iostream>
#include <system_error>

namespace nc::observe {

void RateWindow::Add(SteadyTime now, uint64_t pages, uint64_t bytes) {
  samples_.push_back({now, pages, bytes});
  // Keep one sample at or before the window's start, so the rate spans it.
  while (samples_.size() > 2 && samples_[1].at <= now - window_) samples_.pop_front();
}

double RateWindow::PagesPerSecond() const {
  if (samples_.size() < 2) return 0;
  const double seconds = ToSeconds(samples_.back().at - samples_.front().at);
  if (seconds <= 0) return 0;
  return static_cast<double>(samples_.back().pages - samples_.front().pages) / seconds;
}

double RateWindow::BytesPerSecond() const {
  if (samples_.size() < 2) return 0;
  const double seconds = ToSeconds(samples_.back().at - samples_.front().at);
  if (seconds <= 0) return 0;
  return static_cast<double>(samples_.back().bytes - samples_.front().bytes) / seconds;
}

CrawlMonitor::CrawlMonitor(CrawlStats& stats, const Clock& clock, Options options)
    : stats_(stats),
      clock_(clock),
      options_(std::move(options)),
      latest_(std::make_shared<StatsSnapshot>()) {
  const SteadyTime now = clock_.Now();
  last_json_line_ = now;
  rates_.Add(now, 0, 0);
}

void CrawlMonitor::Run(std::function<void()> job) {
  if (options_.io != nullptr) {
    options_.io->Post(std::move(job));
  } else {
    job();
  }
}

void CrawlMonitor::Emit(std::string_view text) const {
  if (options_.write) {
    options_.write(text);
  } else {
    std::cerr << text << std::flush;
  }
}

void CrawlMonitor::Write(std::string text) {
  Run([this, text = std::move(text)] { Emit(text); });
}

void CrawlMonitor::EchoLine(std::string_view line) {
  std::string text;
  if (tty_line_shown_) text = "\r\033[K";
  text += line;
  text += '\n';
  Write(std::move(text));
  // The progress line is drawn again on the next tick.
}

void CrawlMonitor::Publish(bool final) {
  const SteadyTime now = clock_.Now();
  auto snapshot = std::make_shared<StatsSnapshot>(stats_.Snapshot());
  rates_.Add(now, snapshot->PagesFetched(), snapshot->bytes);
  snapshot->pages_per_second = rates_.PagesPerSecond();
  snapshot->bytes_per_second = rates_.BytesPerSecond();
  {
    std::lock_guard lock(mutex_);
    latest_ = snapshot;
  }
  switch (options_.progress) {
    case Progress::kOff:
      break;
    case Progress::kTty:
      Write("\r" + RenderProgressLine(*snapshot) + "\033[K" + (final ? "\n" : ""));
      tty_line_shown_ = !final;
      break;
    case Progress::kJsonLines:
      if (final || now - last_json_line_ >= options_.json_interval) {
        last_json_line_ = now;
        Run([this, snapshot] { Emit(RenderStatsJsonLine(*snapshot) + "\n"); });
      }
      break;
  }
  if (!options_.status_file.empty() &&
      (final || !any_status_file_ || now - last_status_file_ >= options_.status_file_interval)) {
    any_status_file_ = true;
    last_status_file_ = now;
    Run([path = options_.status_file, snapshot] {
      (void)WriteFileAtomically(path, RenderStatusJson(*snapshot));
    });
  }
}

void CrawlMonitor::Tick() { Publish(/*final=*/false); }

void CrawlMonitor::Finish() {
  Publish(/*final=*/true);
  if (options_.io != nullptr) options_.io->Drain();
}

std::shared_ptr<const StatsSnapshot> CrawlMonitor::Latest() const {
  std::lock_guard lock(mutex_);
  return latest_;
}

bool WriteFileAtomically(const std::filesystem::path& path, std::string_view text) {
  std::filesystem::path temporary = path;
  temporary += ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out) return false;
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  return !ec;
}

}  // namespace nc::observe
