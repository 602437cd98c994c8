// Speed of the verification engine on one core (issue 4 targets):
//   - at least 10,000 claim-sentence pairs per second: AnalyzePair plus the
//     verdict model's Classify, on analysed claim and sentence;
//   - an article-scoped Verify against a 30-statement article in at most
//     1 ms (median of the repetitions).
// The baseline, measured in the same run, is text::Tokenize of the same
// sentences: the summary prints every figure as a multiple of one sentence's
// tokenisation too, so runs on a busy machine stay comparable.
// BM_VerifyWorkOnAnalysedUnits estimates what Verify would cost with its
// candidates analysed ahead of time (the engine analyses them per request).
//
//   bench_verifier [--benchmark_filter=...] [--benchmark_repetitions=N]
//
// The article and claims below are written for this benchmark (plain news
// prose with names, numbers, quotes and attribution). The engine is the one
// the server loads: the committed verdict model and WordNet from
// /usr/share/wordnet; without them the benchmarks that need them are skipped
// with the loader's message.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "factcheck/v1/verifier_service.pb.h"
#include "services/claims/ingest.h"
#include "services/verifier/claim_analysis.h"
#include "services/verifier/model/tree_model.h"
#include "services/verifier/model_pair_scorer.h"
#include "services/verifier/pair_analysis.h"
#include "services/verifier/verification_engine.h"
#include "text/normalize.h"
#include "text/tokenizer.h"

namespace factcheck {
namespace {

using verifier::AnalyzedText;
using verifier::PairAnalysis;

// A fictional local news story: a headline and 29 sentences.
constexpr std::string_view kArticle =
    R"(Marlow Bay port wins $640 million expansion deal
The Marlow Bay Port Authority signed a $640 million contract on Monday to deepen the harbour and build two new container berths, officials said.
The project, led by the Dutch dredging firm Van Heel Marine, is due to finish in 2029.
Port director Amara Okafor said the deal would let the port handle ships carrying up to 14,000 containers.
"For twenty years we have turned away the largest vessels, and that ends now," Okafor told reporters at the signing ceremony.
The port handled 1.2 million containers last year, up 9% from 2023.
About 3,400 people work at the port, and the authority expects to add 800 jobs once the berths open.
Governor Daniel Reyes, who attended the ceremony, called the contract the largest public works investment in the state's history.
The state will pay $210 million of the cost, with the rest coming from federal grants and port revenue bonds.
Critics have raised concerns about the effect of the dredging on the bay's oyster beds.
The Marlow Bay Shellfish Cooperative, which represents 62 family businesses, filed a complaint with the state environmental agency in March.
"Nobody asked the people who actually work on this water," said Helen Pruitt, the cooperative's chairwoman.
Pruitt said oyster harvests had already fallen by a third since the last dredging project in 2015.
The environmental agency said it would review the complaint but did not expect to delay the work.
Van Heel Marine said it would use silt curtains to limit sediment drifting toward the oyster beds.
The company has carried out similar projects in Rotterdam, Antwerp and Singapore.
Dredging is scheduled to begin in September and to run for about 18 months.
The two berths will add 900 metres of quay wall and eight ship-to-shore cranes.
Okafor said the cranes would be electric and that the port aimed to cut its carbon emissions by 40% by 2030.
City council member Rafael Ortiz welcomed the deal but warned that truck traffic on Harbor Road was already heavy.
He said the council would ask the state for $35 million to build a rail link to the new terminal.
"If every new container leaves on a truck, Harbor Road will be gridlocked by 2030," Ortiz said.
The port authority did not comment on the rail proposal.
Shipping analysts said the expansion could help Marlow Bay compete with larger ports along the coast.
"This puts Marlow Bay on the map for the big alliances," said Priya Natarajan, an analyst at Coastline Freight Research.
Natarajan estimated that the port's container volume could double within a decade of the berths opening.
The contract was approved by the port's board in a 5-2 vote last week.
The two board members who voted against it, Gordon Hale and Lisa Chen, said the cost estimates were too optimistic.
Hale pointed to the 2015 project, which ran 30% over budget and finished a year late.
Okafor said the new contract includes penalties of $150,000 for each day of delay.
)";

// News-like claims of about 15 words, each with a number and a name:
// restated, number changed, never said, misattributed.
constexpr std::string_view kClaims[] = {
    "Amara Okafor said the expanded port will handle ships carrying up to "
    "14,000 containers.",
    "The Marlow Bay Port Authority signed a $460 million contract on Monday "
    "to deepen the harbour.",
    "Governor Daniel Reyes promised 2,000 new jobs at the port once the two "
    "new berths open.",
    "Helen Pruitt said oyster harvests in Marlow Bay have fallen by half since "
    "the 2015 dredging.",
};
constexpr size_t kClaimCount = std::size(kClaims);
constexpr size_t kExpectedStatements = 30;

// Where a statement starts in its body, as the engine reads it.
uint32_t BaseOf(const v1::Statement& s) {
  return s.span().end() > s.span().begin() ? s.span().begin() : 0;
}

// The lower-cased speaker of a statement, as the engine's units carry it.
std::string SpeakerOf(const v1::Statement& s) {
  const v1::Speaker& speaker = s.attribution().speaker();
  return absl::AsciiStrToLower(!speaker.canonical_name().empty()
                                   ? speaker.canonical_name()
                                   : speaker.name());
}

// The engine, the model and the article, analysed once.
struct Fixture {
  std::string error;  // why the benchmarks cannot run; empty when they can
  std::string body;   // NormalizeBody'd article
  std::vector<v1::Statement> statements;
  std::unique_ptr<verifier::VerificationEngine> engine;
  std::unique_ptr<verifier::ModelPairScorer> scorer;
  std::shared_ptr<const text::WordRelations> relations;
  std::vector<AnalyzedText> claims;     // AnalyzeClaim, with relations
  std::vector<AnalyzedText> sentences;  // AnalyzeText of each statement
  // The engine's units: the sentences, then windows of adjacent pairs.
  std::vector<AnalyzedText> units;
  // pairs[c][s]: claim c against sentence s, with the claim's context.
  std::vector<std::vector<PairAnalysis>> pairs;
};

// Statements as ingest stores them: AnalyzeBody on the normalised body,
// ids "<article>:<n>".
std::vector<v1::Statement> ArticleStatements(std::string_view body) {
  std::vector<v1::Statement> out;
  for (storage::IndexedStatement& s : claims::AnalyzeBody(body)) {
    v1::Statement& st = out.emplace_back(std::move(s.statement));
    st.set_article_id("marlow-bay-port");
    st.set_id(absl::StrCat("marlow-bay-port:", out.size() - 1));
  }
  return out;
}

Fixture BuildFixture() {
  Fixture f;
  absl::StatusOr<std::string> body = text::NormalizeBody(kArticle);
  if (!body.ok()) {
    f.error = std::string(body.status().message());
    return f;
  }
  f.body = *std::move(body);
  f.statements = ArticleStatements(f.body);
  if (f.statements.size() != kExpectedStatements) {
    std::fprintf(stderr, "warning: the article has %zu statements, not %zu\n",
                 f.statements.size(), kExpectedStatements);
  }
  absl::StatusOr<std::unique_ptr<verifier::VerificationEngine>> engine =
      verifier::LoadVerificationEngine({});
  if (!engine.ok()) {
    f.error = std::string(engine.status().message());
    return f;
  }
  f.engine = *std::move(engine);
  absl::StatusOr<verifier::TreeEnsemble> model =
      verifier::TreeEnsemble::LoadFile(verifier::DefaultModelPath());
  if (!model.ok()) {
    f.error = std::string(model.status().message());
    return f;
  }
  absl::StatusOr<std::unique_ptr<verifier::ModelPairScorer>> scorer =
      verifier::ModelPairScorer::Create(*std::move(model));
  if (!scorer.ok()) {
    f.error = std::string(scorer.status().message());
    return f;
  }
  f.scorer = *std::move(scorer);
  // Loaded once per process: the same relations the engine holds.
  f.relations = verifier::DefaultWordRelations();
  for (const v1::Statement& s : f.statements) {
    AnalyzedText a =
        verifier::AnalyzeText(s.text(), BaseOf(s), f.relations.get());
    a.speaker = SpeakerOf(s);
    f.sentences.push_back(std::move(a));
  }
  f.units = f.sentences;
  for (size_t i = 0; i + 1 < f.statements.size(); ++i) {
    const v1::Statement& a = f.statements[i];
    const v1::Statement& b = f.statements[i + 1];
    AnalyzedText window = verifier::AnalyzeParts(
        {{BaseOf(a), a.text()}, {BaseOf(b), b.text()}}, f.relations.get());
    if (SpeakerOf(a) == SpeakerOf(b)) window.speaker = SpeakerOf(a);
    f.units.push_back(std::move(window));
  }
  for (std::string_view claim : kClaims) {
    f.claims.push_back(verifier::AnalyzeClaim(claim, 0, f.relations.get()));
    std::vector<PairAnalysis>& pairs = f.pairs.emplace_back();
    for (const AnalyzedText& s : f.sentences) {
      pairs.push_back(verifier::AnalyzePair(f.claims.back(), s));
    }
    verifier::AddClaimContext(f.claims.back(), pairs);
  }
  return f;
}

const Fixture& GetFixture() {
  static const Fixture* fixture = new Fixture(BuildFixture());
  return *fixture;
}

// The fixture, or null after skipping `state` with the reason.
const Fixture* FixtureOrSkip(benchmark::State& state) {
  const Fixture& f = GetFixture();
  if (!f.error.empty()) {
    state.SkipWithError(f.error.c_str());
    return nullptr;
  }
  return &f;
}

// Baseline: ICU tokenisation of each sentence (items: sentences).
void BM_TokenizeSentence(benchmark::State& state) {
  const Fixture* f = FixtureOrSkip(state);
  if (f == nullptr) return;
  for (auto _ : state) {
    for (const v1::Statement& s : f->statements) {
      benchmark::DoNotOptimize(text::Tokenize(s.text(), BaseOf(s)));
    }
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(f->statements.size()));
}

// Items: claims.
void BM_AnalyzeClaim(benchmark::State& state) {
  const Fixture* f = FixtureOrSkip(state);
  if (f == nullptr) return;
  for (auto _ : state) {
    for (std::string_view claim : kClaims) {
      benchmark::DoNotOptimize(
          verifier::AnalyzeClaim(claim, 0, f->relations.get()));
    }
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(kClaimCount));
}

// Items: sentences.
void BM_AnalyzeEvidenceSentence(benchmark::State& state) {
  const Fixture* f = FixtureOrSkip(state);
  if (f == nullptr) return;
  for (auto _ : state) {
    for (const v1::Statement& s : f->statements) {
      benchmark::DoNotOptimize(
          verifier::AnalyzeText(s.text(), BaseOf(s), f->relations.get()));
    }
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(f->statements.size()));
}

// Runs `per_pair(claim_index, sentence_index)` over every claim-sentence
// pair per iteration and reports items = pairs.
template <typename Fn>
void RunOverPairs(benchmark::State& state, Fn per_pair) {
  const Fixture* f = FixtureOrSkip(state);
  if (f == nullptr) return;
  for (auto _ : state) {
    for (size_t c = 0; c < f->claims.size(); ++c) {
      for (size_t s = 0; s < f->sentences.size(); ++s) per_pair(*f, c, s);
    }
  }
  state.SetItemsProcessed(
      state.iterations() *
      static_cast<int64_t>(f->claims.size() * f->sentences.size()));
}

// AnalyzePair on an analysed claim and sentence.
void BM_AnalyzePair(benchmark::State& state) {
  RunOverPairs(state, [](const Fixture& f, size_t c, size_t s) {
    benchmark::DoNotOptimize(
        verifier::AnalyzePair(f.claims[c], f.sentences[s]));
  });
}

// The verdict model on precomputed pair features.
void BM_ClassifyPair(benchmark::State& state) {
  RunOverPairs(state, [](const Fixture& f, size_t c, size_t s) {
    benchmark::DoNotOptimize(
        f.scorer->Classify(f.claims[c], f.sentences[s], f.pairs[c][s]));
  });
}

// The issue's per-pair figure: AnalyzePair then Classify.
void BM_AnalyzePairAndClassify(benchmark::State& state) {
  RunOverPairs(state, [](const Fixture& f, size_t c, size_t s) {
    const PairAnalysis pair =
        verifier::AnalyzePair(f.claims[c], f.sentences[s]);
    benchmark::DoNotOptimize(
        f.scorer->Classify(f.claims[c], f.sentences[s], pair));
  });
}

// The same with the sentence analysed for every pair, as Verify does today
// (it analyses its candidates per request).
void BM_PairWithSentenceAnalysis(benchmark::State& state) {
  RunOverPairs(state, [](const Fixture& f, size_t c, size_t s) {
    const v1::Statement& st = f.statements[s];
    const AnalyzedText sentence =
        verifier::AnalyzeText(st.text(), BaseOf(st), f.relations.get());
    const PairAnalysis pair = verifier::AnalyzePair(f.claims[c], sentence);
    benchmark::DoNotOptimize(f.scorer->Classify(f.claims[c], sentence, pair));
  });
}

// One Verify of claim `state.range(0)` against the whole article.
void BM_VerifyArticle30(benchmark::State& state) {
  const Fixture* f = FixtureOrSkip(state);
  if (f == nullptr) return;
  const std::string_view claim = kClaims[state.range(0)];
  v1::Verdict verdict = v1::VERDICT_UNSPECIFIED;
  for (auto _ : state) {
    v1::VerifyResponse r = f->engine->Verify(claim, f->statements, 3);
    verdict = r.verdict();
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["statements"] = static_cast<double>(f->statements.size());
  state.SetLabel(v1::Verdict_Name(verdict));
}

// The same with nothing cached: every iteration gives the statements new
// ids, so the engine analyses the article again (the first claim checked
// against an article). BM_VerifyArticle30 is the warm case: later claims
// against the same article reuse the cached analyses.
void BM_VerifyArticle30Cold(benchmark::State& state) {
  const Fixture* f = FixtureOrSkip(state);
  if (f == nullptr) return;
  const std::string_view claim = kClaims[state.range(0)];
  std::vector<v1::Statement> statements = f->statements;
  int64_t round = 0;
  for (auto _ : state) {
    state.PauseTiming();
    ++round;
    for (v1::Statement& s : statements) {
      s.set_id(absl::StrCat(s.id(), "-", round));
    }
    state.ResumeTiming();
    v1::VerifyResponse r = f->engine->Verify(claim, statements, 3);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

// What Verify would cost if its candidates came analysed (units cached per
// statement): AnalyzeClaim, AnalyzePair against every unit, the claim's
// context, and the model on the best-aligned units (the decisive one and
// the evidence). An estimate of the engine's floor, not the engine itself.
void BM_VerifyWorkOnAnalysedUnits(benchmark::State& state) {
  const Fixture* f = FixtureOrSkip(state);
  if (f == nullptr) return;
  constexpr size_t kClassified = 4;  // decisive + max_evidence 3
  const std::string_view claim = kClaims[state.range(0)];
  for (auto _ : state) {
    const AnalyzedText analysed =
        verifier::AnalyzeClaim(claim, 0, f->relations.get());
    std::vector<PairAnalysis> pairs;
    pairs.reserve(f->units.size());
    for (const AnalyzedText& unit : f->units) {
      pairs.push_back(verifier::AnalyzePair(analysed, unit));
    }
    verifier::AddClaimContext(analysed, pairs);
    std::vector<size_t> order(pairs.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::partial_sort(order.begin(), order.begin() + kClassified, order.end(),
                      [&](size_t a, size_t b) {
                        return pairs[a].coverage_with_mismatches >
                               pairs[b].coverage_with_mismatches;
                      });
    for (size_t i = 0; i < kClassified; ++i) {
      benchmark::DoNotOptimize(
          f->scorer->Classify(analysed, f->units[order[i]], pairs[order[i]]));
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["units"] = static_cast<double>(f->units.size());
}

BENCHMARK(BM_TokenizeSentence);
BENCHMARK(BM_AnalyzeClaim);
BENCHMARK(BM_AnalyzeEvidenceSentence);
BENCHMARK(BM_AnalyzePair);
BENCHMARK(BM_ClassifyPair);
BENCHMARK(BM_AnalyzePairAndClassify);
BENCHMARK(BM_PairWithSentenceAnalysis);
BENCHMARK(BM_VerifyArticle30)
    ->DenseRange(0, static_cast<int64_t>(kClaimCount) - 1)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_VerifyArticle30Cold)
    ->DenseRange(0, static_cast<int64_t>(kClaimCount) - 1)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_VerifyWorkOnAnalysedUnits)
    ->DenseRange(0, static_cast<int64_t>(kClaimCount) - 1)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true)
    ->Unit(benchmark::kMicrosecond);

// The issue's targets.
constexpr double kTargetPairsPerSecond = 10000;
constexpr double kTargetVerifySeconds = 1e-3;

// Console output plus a summary: the CPU time per item of each benchmark
// (the median when repeated), as a multiple of one sentence's tokenisation
// measured in the same run, and the two targets (Verify also by wall time).
class SummaryReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& r : runs) {
      auto it = r.counters.find("items_per_second");
      if (r.error_occurred || it == r.counters.end() || it->second.value <= 0) {
        continue;
      }
      // With repetitions the median stands for the benchmark.
      if (r.run_type == Run::RT_Aggregate && r.aggregate_name != "median") {
        continue;
      }
      std::string name = r.run_name.function_name;
      if (!r.run_name.args.empty())
        absl::StrAppend(&name, "/", r.run_name.args);
      // items_per_second is counted on CPU time.
      cpu_seconds_per_item_[name] = 1.0 / it->second.value;
      wall_seconds_[name] = r.GetAdjustedRealTime() /
                            benchmark::GetTimeUnitMultiplier(r.time_unit);
    }
  }

  void Finalize() override {
    ConsoleReporter::Finalize();
    if (cpu_seconds_per_item_.empty()) return;
    const auto baseline = cpu_seconds_per_item_.find("BM_TokenizeSentence");
    std::printf("\nCPU time per item on one core (median where repeated):\n");
    for (const auto& [name, seconds] : cpu_seconds_per_item_) {
      std::printf("  %-30s %9.2f us %9.0f /s", name.c_str(), seconds * 1e6,
                  1.0 / seconds);
      if (baseline != cpu_seconds_per_item_.end()) {
        std::printf(" %8.2fx a sentence's tokenisation",
                    seconds / baseline->second);
      }
      std::printf("\n");
    }
    std::printf("\nTargets (issue 4):\n");
    const auto pair = cpu_seconds_per_item_.find("BM_AnalyzePairAndClassify");
    if (pair != cpu_seconds_per_item_.end()) {
      const double rate = 1.0 / pair->second;
      std::printf(
          "  pairs/s/core (AnalyzePair + Classify): %.0f, target "
          ">= %.0f: %s\n",
          rate, kTargetPairsPerSecond,
          rate >= kTargetPairsPerSecond ? "met" : "NOT met");
    }
    for (const auto& [name, seconds] : cpu_seconds_per_item_) {
      if (name.rfind("BM_VerifyArticle30/", 0) != 0) continue;
      // One Verify per iteration: the wall time is per Verify too.
      const double wall = wall_seconds_[name];
      std::printf(
          "  %s median: %.3f ms CPU, %.3f ms wall, target <= %.1f "
          "ms: %s\n",
          name.c_str(), seconds * 1e3, wall * 1e3, kTargetVerifySeconds * 1e3,
          seconds <= kTargetVerifySeconds ? "met" : "NOT met");
    }
  }

 private:
  std::map<std::string, double> cpu_seconds_per_item_;
  std::map<std::string, double> wall_seconds_;
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
