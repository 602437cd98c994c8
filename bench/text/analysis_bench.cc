// Throughput of the analysis in bytes of article text per second, on one
// core: sentences, + tokens, + quantities and dates, and the whole ingest
// analysis (claims::AnalyzeBody). The baseline, measured in the same run, is a
// raw pass over the same bytes (counting UTF-8 code points); the summary
// prints each stage's MB/s and how many times slower than the raw pass it is.
//
//   bench_text_analysis [--benchmark_filter=...]
//
// The bodies are the first kBodies of the Reuters-21578 JSONL in the shared
// data folder (FACTCHECK_NEWS_CORPUS overrides the path); without it every
// benchmark is skipped with a message.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "base/string_view.h"
#include "benchmark/benchmark.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "services/claims/ingest.h"
#include "text/dates.h"
#include "text/normalize.h"
#include "text/quantities.h"
#include "text/segmenter.h"
#include "text/tokenizer.h"

namespace factcheck {
namespace {

constexpr size_t kBodies = 400;

struct Article {
  std::string body;  // NormalizeBody'd
  std::optional<absl::Time> published;
};

struct Corpus {
  std::vector<Article> articles;
  int64_t bytes = 0;
  std::string error;  // why there are no articles
};

// "26-FEB-1987 15:01:01.79" -> a time; absent when unreadable.
std::optional<absl::Time> ParseReutersDate(const std::string& s) {
  absl::Time t;
  std::string err;
  if (!absl::ParseTime("%d-%b-%Y %H:%M:%S", AsAbsl(s.substr(0, 20)),
                       absl::UTCTimeZone(), &t, &err)) {
    return std::nullopt;
  }
  return t;
}

Corpus LoadCorpus() {
  Corpus c;
  const char* env = std::getenv("FACTCHECK_NEWS_CORPUS");
  const std::string path = env != nullptr ? env : FACTCHECK_NEWS_CORPUS;
  std::ifstream in(path);
  if (!in) {
    c.error = "news corpus not found at " + path +
              " (set FACTCHECK_NEWS_CORPUS); skipping";
    return c;
  }
  std::string line;
  while (c.articles.size() < kBodies && std::getline(in, line)) {
    google::protobuf::Struct row;
    if (!google::protobuf::util::JsonStringToMessage(line, &row).ok()) continue;
    const auto& f = row.fields();
    auto body = f.find("body");
    if (body == f.end() || body->second.string_value().empty()) continue;
    absl::StatusOr<std::string> normal =
        text::NormalizeBody(body->second.string_value());
    if (!normal.ok()) continue;
    Article a;
    a.body = std::move(*normal);
    if (auto date = f.find("date"); date != f.end()) {
      a.published = ParseReutersDate(date->second.string_value());
    }
    c.bytes += static_cast<int64_t>(a.body.size());
    c.articles.push_back(std::move(a));
  }
  if (c.articles.empty()) c.error = "no article bodies in " + path;
  return c;
}

const Corpus& GetCorpus() {
  static const Corpus* corpus = new Corpus(LoadCorpus());
  return *corpus;
}

// The corpus, or null after skipping `state` with the reason.
const Corpus* CorpusOrSkip(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  if (c.articles.empty()) {
    state.SkipWithError(c.error.c_str());
    return nullptr;
  }
  return &c;
}

// Runs `analyse` over every body per iteration and reports bytes/s.
template <typename Fn>
void RunOverCorpus(benchmark::State& state, Fn analyse) {
  const Corpus* corpus = CorpusOrSkip(state);
  if (corpus == nullptr) return;
  const Corpus& c = *corpus;
  for (auto _ : state) {
    for (const Article& a : c.articles) analyse(a);
  }
  state.SetBytesProcessed(state.iterations() * c.bytes);
  state.counters["articles"] = static_cast<double>(c.articles.size());
}

// Baseline: touch every byte once, counting UTF-8 code points.
void BM_RawCodePoints(benchmark::State& state) {
  RunOverCorpus(state, [](const Article& a) {
    int64_t n = 0;
    for (char ch : a.body) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
    benchmark::DoNotOptimize(n);
  });
}

void BM_Sentences(benchmark::State& state) {
  RunOverCorpus(state, [](const Article& a) {
    benchmark::DoNotOptimize(text::SplitSentences(a.body));
  });
}

// Calls `per_sentence(sentence, tokens, base)` for each sentence's tokens.
template <typename Fn>
void ForEachSentence(const Article& a, Fn per_sentence) {
  for (const text::Sentence& s : text::SplitSentences(a.body)) {
    const std::string_view sentence =
        std::string_view(a.body).substr(s.span.begin, s.span.size());
    const std::vector<text::Token> tokens =
        text::Tokenize(sentence, s.span.begin);
    per_sentence(sentence, tokens, s.span.begin);
  }
}

void BM_SentencesTokens(benchmark::State& state) {
  RunOverCorpus(state, [](const Article& a) {
    ForEachSentence(a, [](std::string_view, const auto& tokens, uint32_t) {
      benchmark::DoNotOptimize(tokens.data());
    });
  });
}

void BM_SentencesTokensQuantitiesDates(benchmark::State& state) {
  RunOverCorpus(state, [](const Article& a) {
    ForEachSentence(
        a, [&](std::string_view sentence, const auto& tokens, uint32_t base) {
          const std::vector<text::Quantity> quantities =
              text::ExtractQuantities(sentence, tokens, base);
          benchmark::DoNotOptimize(text::ExtractDates(
              sentence, tokens, quantities, base, a.published));
        });
  });
}

// Tokens of every sentence of the corpus, made once, to time the quantity
// and date passes on their own.
struct TokenizedSentence {
  std::string_view text;
  std::vector<text::Token> tokens;
  uint32_t base = 0;
  std::optional<absl::Time> published;
  std::vector<text::Quantity> quantities;
};

const std::vector<TokenizedSentence>& GetTokenized() {
  static const auto* sentences = [] {
    auto* out = new std::vector<TokenizedSentence>;
    for (const Article& a : GetCorpus().articles) {
      ForEachSentence(
          a, [&](std::string_view sentence, const auto& tokens, uint32_t base) {
            out->push_back({sentence, tokens, base, a.published,
                            text::ExtractQuantities(sentence, tokens, base)});
          });
    }
    return out;
  }();
  return *sentences;
}

template <typename Fn>
void RunOverTokenized(benchmark::State& state, Fn analyse) {
  const Corpus* corpus = CorpusOrSkip(state);
  if (corpus == nullptr) return;
  const std::vector<TokenizedSentence>& sentences = GetTokenized();
  for (auto _ : state) {
    for (const TokenizedSentence& s : sentences) analyse(s);
  }
  state.SetBytesProcessed(state.iterations() * corpus->bytes);
}

void BM_QuantitiesOnly(benchmark::State& state) {
  RunOverTokenized(state, [](const TokenizedSentence& s) {
    benchmark::DoNotOptimize(text::ExtractQuantities(s.text, s.tokens, s.base));
  });
}

void BM_DatesOnly(benchmark::State& state) {
  RunOverTokenized(state, [](const TokenizedSentence& s) {
    benchmark::DoNotOptimize(text::ExtractDates(s.text, s.tokens, s.quantities,
                                                s.base, s.published));
  });
}

void BM_IngestAnalyzeBody(benchmark::State& state) {
  RunOverCorpus(state, [](const Article& a) {
    benchmark::DoNotOptimize(claims::AnalyzeBody(a.body, a.published));
  });
}

BENCHMARK(BM_RawCodePoints);
BENCHMARK(BM_Sentences)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SentencesTokens)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SentencesTokensQuantitiesDates)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_QuantitiesOnly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DatesOnly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_IngestAnalyzeBody)->Unit(benchmark::kMillisecond);

// Console output plus a summary: MB/s per benchmark (the median when
// repeated) and the ratio to the raw pass measured in the same run.
class SummaryReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& r : runs) {
      auto it = r.counters.find("bytes_per_second");
      if (r.error_occurred || it == r.counters.end()) continue;
      // With --benchmark_repetitions the median stands for the benchmark.
      if (r.run_type == Run::RT_Aggregate && r.aggregate_name != "median") {
        continue;
      }
      rates_[r.run_name.str()] = it->second.value;
    }
  }

  void Finalize() override {
    ConsoleReporter::Finalize();
    const auto raw = rates_.find("BM_RawCodePoints");
    if (rates_.empty()) return;
    std::printf("\nThroughput on one core (MB = 1e6 bytes of article text):\n");
    for (const auto& [name, rate] : rates_) {
      std::printf("  %-36s %10.2f MB/s", name.c_str(), rate / 1e6);
      if (raw != rates_.end() && name != raw->first && rate > 0) {
        std::printf("   %8.0fx slower than the raw pass", raw->second / rate);
      }
      std::printf("\n");
    }
  }

 private:
  std::map<std::string, double> rates_;
};

}  // namespace
}  // namespace factcheck

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  factcheck::SummaryReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
