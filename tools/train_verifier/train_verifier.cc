// factcheck-train-verifier: trains the verdict model (data/model/).
//
//   factcheck-train-verifier --data=../shared/data [--news_articles=N]
//       [--out=data/model/verdict_model.txt] [--card=data/model/MODEL_CARD.md]
//
// 1. Examples: every row of <data>/dev/train/*.jsonl, plus news-domain pairs
//    generated from the Reuters articles of <data>/news/ (FactCC-style
//    corruptions, tools/news_pairs). Each example's evidence goes through
//    the ingest analysis, as inline evidence does in the service.
// 2. Features: the engine's features of the pair that decides the claim
//    (VerificationEngine::DecisiveFeatures), the same code the server runs.
// 3. Trees: XGBoost multi:softprob, fixed seed, one thread (deterministic).
//    Each source is weighted so that none outweighs --max_rows_per_source.
// 4. Thresholds: the engine runs the new model on <data>/dev/valid/*.jsonl;
//    the support/contradict thresholds that maximise the mean objective
//    (balanced accuracy for binary files, macro-F1 for 3-way) are stored in
//    the model. Valid data chooses thresholds only; it never trains trees.
// 5. Writes the model and a model card with the data, features and scores.

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "base/status_macros.h"
#include "bench/accuracy/labelled_data.h"
#include "bench/accuracy/metrics.h"
#include "bench/accuracy/verdict_labels.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "services/claims/ingest.h"
#include "services/verifier/lexical_pair_scorer.h"
#include "services/verifier/model/tree_model.h"
#include "services/verifier/model_pair_scorer.h"
#include "services/verifier/verification_engine.h"
#include "text/lexicon.h"
#include "text/normalize.h"
#include "tools/gbt_train/gbt_trainer.h"
#include "tools/news_pairs/news_pairs.h"
#include "tools/train_verifier/summary_pairs.h"

ABSL_FLAG(std::string, data, "../shared/data",
          "The shared data folder (dev/train, dev/valid, news).");
ABSL_FLAG(int, news_articles, 2000,
          "Reuters articles to generate news-domain pairs from (0 = none).");
ABSL_FLAG(std::string, out, "data/model/verdict_model.txt",
          "Where to write the model.");
ABSL_FLAG(std::string, card, "data/model/MODEL_CARD.md",
          "Where to write the model card.");
ABSL_FLAG(int, threads, 2, "Feature extraction threads.");
ABSL_FLAG(int, seed, 42, "Seed of the news pairs and the trees.");
ABSL_FLAG(int, rounds, 200, "Boosting rounds.");
ABSL_FLAG(int, max_depth, 6, "Tree depth.");
ABSL_FLAG(double, eta, 0.08, "Learning rate.");
ABSL_FLAG(std::string, dump_features, "",
          "Also write every train and valid example's features as TSV "
          "(source, label, features...) for analysis.");
ABSL_FLAG(std::vector<std::string>, source_weight,
          {"fever_nli.train.jsonl:0.3"},
          "SOURCE:FACTOR pairs scaling a source's total weight after the cap. "
          "FEVER's evidence sentences often omit the page's own name and it "
          "has no UNSUPPORTED class: at full weight it teaches that a claim "
          "naming someone the evidence never mentions is supported.");
ABSL_FLAG(int, max_rows_per_source, 5000,
          "Weight cap: a source with more rows gets weight cap/rows per row.");

namespace factcheck::train {
namespace {

namespace fs = std::filesystem;
namespace pb = google::protobuf;
using accuracy::Label;

struct Example {
  std::string source;
  std::string claim;
  // Index into the evidence texts (news pairs share their article).
  size_t evidence = 0;
  Label label = Label::kUnsupported;
};

struct Corpus {
  std::vector<std::string> evidence;
  std::vector<Example> examples;
};

// The candidates of inline evidence, as the service makes them; none for
// text it would refuse.
std::vector<v1::Statement> Candidates(const std::string& evidence) {
  absl::StatusOr<std::vector<v1::Statement>> statements =
      claims::AnalyzeRawText(evidence);
  return statements.ok() ? *std::move(statements)
                         : std::vector<v1::Statement>();
}

std::vector<std::string> JsonlFiles(const fs::path& dir) {
  std::vector<std::string> out;
  if (!fs::is_directory(dir)) return out;
  for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".jsonl") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

absl::Status AddLabelledFiles(const std::vector<std::string>& paths,
                              Corpus& corpus) {
  for (const std::string& path : paths) {
    FACTCHECK_ASSIGN_OR_RETURN(accuracy::LabelledFile file,
                               accuracy::ReadLabelledFile(path));
    const std::string source = accuracy::BaseName(path);
    for (accuracy::Row& row : file.rows) {
      if (row.ambiguous) continue;
      corpus.evidence.push_back(std::move(row.evidence));
      corpus.examples.push_back(
          {source, std::move(row.claim), corpus.evidence.size() - 1, row.gold});
    }
  }
  return absl::OkStatus();
}

// Reuters bodies of the first `limit` articles with a usable body.
std::vector<std::string> ReadNewsBodies(const std::string& path, size_t limit) {
  std::vector<std::string> out;
  std::ifstream in(path);
  std::string line;
  while (out.size() < limit && std::getline(in, line)) {
    pb::Struct s;
    if (!pb::util::JsonStringToMessage(line, &s).ok()) continue;
    auto it = s.fields().find("body");
    if (it == s.fields().end() || !it->second.has_string_value()) continue;
    absl::StatusOr<std::string> body =
        text::NormalizeBody(it->second.string_value());
    if (body.ok() && body->size() > 200) out.push_back(*std::move(body));
  }
  return out;
}

void AddNewsPairs(const std::vector<std::string>& bodies, uint64_t seed,
                  Corpus& corpus, std::map<std::string, int>& kinds) {
  news_pairs::ExtrinsicPool pool;
  for (const std::string& body : bodies) pool.AddArticle(body);
  absl::StatusOr<std::unique_ptr<text::Lexicon>> lexicon =
      text::Lexicon::Load();
  std::vector<std::string> others;
  for (const std::string& body : bodies) {
    for (std::string& s : UsableSentences(body)) others.push_back(std::move(s));
  }
  std::mt19937_64 rng(seed);
  // Summary data is often lower-cased and tokenised: so is this share of
  // the generated claims.
  std::bernoulli_distribution lowercase(0.3);
  auto add = [&](std::string source, std::string claim, Label label,
                 const std::string& kind) {
    if (lowercase(rng)) claim = LowercaseTokenized(claim);
    corpus.examples.push_back({std::move(source), std::move(claim),
                               corpus.evidence.size() - 1, label});
    ++kinds[kind];
  };
  for (const std::string& body : bodies) {
    const std::vector<news_pairs::NewsPair> pairs =
        news_pairs::GenerateNewsPairs(body, news_pairs::NewsPairOptions(), rng,
                                      pool,
                                      lexicon.ok() ? lexicon->get() : nullptr);
    if (pairs.empty()) continue;
    corpus.evidence.push_back(body);
    for (const news_pairs::NewsPair& p : pairs) {
      const std::optional<Label> label = accuracy::ParseLabel(p.label);
      if (!label) continue;
      add("news_pairs", p.claim, *label,
          absl::StrCat(p.label, " / ", p.corruption));
    }
    for (const SummaryPair& p : SummaryStylePairs(body, others, 2, rng)) {
      const std::optional<Label> label = accuracy::ParseLabel(p.label);
      if (!label) continue;
      add("summary_pairs", p.claim, *label,
          absl::StrCat(p.label, " / ", p.kind));
    }
  }
}

// Features of every example, on `threads` threads; candidates of each
// evidence text are analysed once.
std::vector<verifier::FeatureVector> Featurize(
    const Corpus& corpus, const verifier::VerificationEngine& engine,
    int threads) {
  std::vector<std::vector<size_t>> by_evidence(corpus.evidence.size());
  for (size_t i = 0; i < corpus.examples.size(); ++i) {
    by_evidence[corpus.examples[i].evidence].push_back(i);
  }
  std::vector<verifier::FeatureVector> out(corpus.examples.size());
  accuracy::ParallelFor(by_evidence.size(), threads, [&](size_t e) {
    if (by_evidence[e].empty()) return;
    const std::vector<v1::Statement> candidates =
        Candidates(corpus.evidence[e]);
    for (size_t i : by_evidence[e]) {
      out[i] = engine.DecisiveFeatures(corpus.examples[i].claim, candidates);
    }
  });
  return out;
}

// Per-row weights: each source counts at most `cap` rows in total, then
// its --source_weight factor.
std::vector<float> SourceWeights(const std::vector<Example>& examples,
                                 int cap) {
  std::map<std::string, int> counts;
  for (const Example& e : examples) ++counts[e.source];
  std::map<std::string, float> factors;
  for (const std::string& spec : absl::GetFlag(FLAGS_source_weight)) {
    const size_t colon = spec.rfind(':');
    float factor = 1;
    if (colon == std::string::npos ||
        !absl::SimpleAtof(spec.substr(colon + 1), &factor)) {
      std::cerr << "ignoring --source_weight " << spec << "\n";
      continue;
    }
    factors[spec.substr(0, colon)] = factor;
  }
  std::vector<float> out;
  out.reserve(examples.size());
  for (const Example& e : examples) {
    const auto f = factors.find(e.source);
    out.push_back(std::min(1.0f, static_cast<float>(cap) /
                                     static_cast<float>(counts[e.source])) *
                  (f == factors.end() ? 1.0f : f->second));
  }
  return out;
}

struct ValidFile {
  std::string name;
  bool binary = false;
  std::vector<Label> gold;
  std::vector<accuracy::ClassScoresRow> scores;
};

// Runs the engine with the trained model on every valid file.
absl::StatusOr<std::vector<ValidFile>> ScoreValid(
    const std::vector<std::string>& paths,
    const verifier::VerificationEngine& engine, int threads) {
  std::vector<ValidFile> out;
  for (const std::string& path : paths) {
    FACTCHECK_ASSIGN_OR_RETURN(accuracy::LabelledFile file,
                               accuracy::ReadLabelledFile(path));
    ValidFile v;
    v.name = accuracy::BaseName(path);
    std::vector<accuracy::Row> rows;
    for (accuracy::Row& r : file.rows) {
      if (r.ambiguous) continue;
      v.binary = v.binary || r.binary;
      rows.push_back(std::move(r));
    }
    v.gold.resize(rows.size());
    v.scores.resize(rows.size());
    accuracy::ParallelFor(rows.size(), threads, [&](size_t i) {
      const v1::VerifyResponse r =
          engine.Verify(rows[i].claim, Candidates(rows[i].evidence), 3);
      v.gold[i] = rows[i].gold;
      v.scores[i] = {r.scores().supported(), r.scores().contradicted(),
                     r.scores().unsupported()};
    });
    out.push_back(std::move(v));
  }
  return out;
}

std::string Card(const std::map<std::string, int>& sources,
                 const std::map<std::string, int>& kinds,
                 const std::vector<ValidFile>& valid,
                 const accuracy::TunedThresholds& chosen,
                 const gbt_train::GbtParams& params, size_t news_articles) {
  std::string out =
      "# Verdict model card\n\n"
      "`verdict_model.txt` is the verifier's default PairScorer: gradient-"
      "boosted trees (XGBoost `multi:softprob`, evaluated by our own "
      "runtime, `services/verifier/model/`) over the engine's alignment and "
      "detector features. Written by `factcheck-train-verifier`; do not edit "
      "by hand (the file carries a checksum).\n\n## Training data\n\n"
      "| source | examples |\n|---|---:|\n";
  for (const auto& [source, n] : sources) {
    absl::StrAppend(&out, "| ", source, " | ", n, " |\n");
  }
  absl::StrAppend(
      &out, "\n`news_pairs` are generated from the first ", news_articles,
      " usable Reuters-21578 articles of `../shared/data/news/` by "
      "`tools/news_pairs` (FactCC-style: real sentences as SUPPORTED, "
      "intrinsic corruptions as CONTRADICTED, extrinsic additions as "
      "UNSUPPORTED), evidence = the whole article:\n\n| label / corruption | "
      "pairs |\n|---|---:|\n");
  for (const auto& [kind, n] : kinds) {
    absl::StrAppend(&out, "| ", kind, " | ", n, " |\n");
  }
  absl::StrAppend(
      &out, "\nEach source's rows are weighted so that it counts at most ",
      absl::GetFlag(FLAGS_max_rows_per_source),
      " rows. Labels: SUPPORTED, CONTRADICTED, UNSUPPORTED.\n\n## Features\n\n",
      "In order (`services/verifier/pair_scorer.h`, `enum Feature`): `",
      absl::StrJoin(std::vector<std::string>(verifier::FeatureNames().begin(),
                                             verifier::FeatureNames().end()),
                    "`, `"),
      "`.\n\n## Trees\n\n",
      absl::StrFormat("%d rounds x 3 classes, depth %d, eta %.3g, subsample "
                      "%.2g, colsample %.2g, seed %d, one thread.\n\n",
                      params.num_rounds, params.max_depth, params.eta,
                      params.subsample, params.colsample_bytree, params.seed),
      "## Thresholds (chosen on dev/valid)\n\n",
      absl::StrFormat(
          "support %.2f, contradict %.2f: the pair maximising the mean "
          "objective over the valid files (%.3f).\n\n",
          chosen.support, chosen.contradict, chosen.objective),
      "| valid file | scoring | objective at the stored thresholds | ECE |\n"
      "|---|---|---:|---:|\n");
  for (const ValidFile& v : valid) {
    std::vector<Label> predicted;
    std::vector<bool> correct;
    std::vector<float> confidence;
    for (size_t i = 0; i < v.scores.size(); ++i) {
      const Label p =
          accuracy::DecideLabel(v.scores[i], chosen.support, chosen.contradict);
      predicted.push_back(p);
      const bool right = v.binary ? (p == Label::kSupported) ==
                                        (v.gold[i] == Label::kSupported)
                                  : p == v.gold[i];
      correct.push_back(right);
      confidence.push_back(v.scores[i][static_cast<int>(p)]);
    }
    absl::StrAppend(
        &out, absl::StrFormat(
                  "| %s | %s | %.3f | %.3f |\n", v.name,
                  v.binary ? "balanced accuracy" : "macro-F1",
                  accuracy::Objective(v.gold, predicted, v.binary),
                  accuracy::ExpectedCalibrationError(correct, confidence)));
  }
  absl::StrAppend(
      &out,
      "\nFull per-file scores, confusion matrices and valid-tuned thresholds: "
      "`docs/ACCURACY.md` (`scripts/accuracy-report.sh`).\n\n"
      "## Retrain\n\n```\ncmake --build build --target "
      "factcheck_train_verifier\nbuild/bin/factcheck-train-verifier "
      "--data=../shared/data\n```\n\nDeterministic: the same data, flags and "
      "build give the same bytes.\n");
  return out;
}

int Main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const fs::path data = absl::GetFlag(FLAGS_data);
  const int threads = std::max(1, absl::GetFlag(FLAGS_threads));
  const std::vector<std::string> train_files = JsonlFiles(data / "dev/train");
  const std::vector<std::string> valid_files = JsonlFiles(data / "dev/valid");
  if (train_files.empty() || valid_files.empty()) {
    std::cerr << "no dev/train or dev/valid JSONL under " << data << "\n";
    return 2;
  }
  Corpus corpus;
  if (absl::Status s = AddLabelledFiles(train_files, corpus); !s.ok()) {
    std::cerr << s << "\n";
    return 1;
  }
  std::map<std::string, int> kinds;
  const std::vector<std::string> bodies =
      ReadNewsBodies((data / "news/reuters21578.jsonl").string(),
                     static_cast<size_t>(absl::GetFlag(FLAGS_news_articles)));
  AddNewsPairs(bodies, static_cast<uint64_t>(absl::GetFlag(FLAGS_seed)), corpus,
               kinds);
  std::map<std::string, int> sources;
  for (const Example& e : corpus.examples) ++sources[e.source];
  for (const auto& [source, n] : sources) {
    std::cerr << "train: " << source << " " << n << " examples\n";
  }

  const std::shared_ptr<const text::WordRelations> relations =
      verifier::DefaultWordRelations();
  if (relations == nullptr) {
    std::cerr << "WordNet is missing: install wordnet-base\n";
    return 1;
  }
  const verifier::VerificationEngine featurizer(
      std::make_unique<verifier::LexicalPairScorer>(), relations);
  const std::vector<verifier::FeatureVector> features =
      Featurize(corpus, featurizer, threads);
  std::cerr << "features: " << features.size() << " rows\n";
  if (const std::string dump = absl::GetFlag(FLAGS_dump_features);
      !dump.empty()) {
    Corpus valid_corpus;
    if (absl::Status s = AddLabelledFiles(valid_files, valid_corpus); !s.ok()) {
      std::cerr << s << "\n";
      return 1;
    }
    const std::vector<verifier::FeatureVector> valid_features =
        Featurize(valid_corpus, featurizer, threads);
    std::ofstream out(dump);
    out << "source\tlabel\t"
        << absl::StrJoin(
               std::vector<std::string>(verifier::FeatureNames().begin(),
                                        verifier::FeatureNames().end()),
               "\t")
        << "\n";
    auto write = [&](const Corpus& c,
                     const std::vector<verifier::FeatureVector>& f) {
      for (size_t i = 0; i < f.size(); ++i) {
        out << c.examples[i].source << "\t"
            << accuracy::LabelName(c.examples[i].label) << "\t"
            << absl::StrJoin(f[i], "\t") << "\n";
      }
    };
    write(corpus, features);
    write(valid_corpus, valid_features);
  }

  std::vector<float> rows;
  std::vector<int> labels;
  rows.reserve(features.size() * verifier::kFeatureCount);
  for (size_t i = 0; i < features.size(); ++i) {
    rows.insert(rows.end(), features[i].begin(), features[i].end());
    labels.push_back(static_cast<int>(corpus.examples[i].label));
  }
  gbt_train::GbtParams params;
  params.num_rounds = absl::GetFlag(FLAGS_rounds);
  params.max_depth = absl::GetFlag(FLAGS_max_depth);
  params.eta = absl::GetFlag(FLAGS_eta);
  params.seed = absl::GetFlag(FLAGS_seed);
  std::vector<std::string> names(verifier::FeatureNames().begin(),
                                 verifier::FeatureNames().end());
  std::vector<std::pair<std::string, std::string>> metadata = {
      {"trained_on", absl::StrJoin(sources, ",", absl::PairFormatter(":"))},
      {"seed", absl::StrCat(params.seed)},
  };
  absl::StatusOr<std::string> model_text = gbt_train::TrainGbt(
      rows, verifier::kFeatureCount, labels,
      SourceWeights(corpus.examples, absl::GetFlag(FLAGS_max_rows_per_source)),
      names, params, metadata);
  if (!model_text.ok()) {
    std::cerr << model_text.status() << "\n";
    return 1;
  }

  // Thresholds: run the real engine with the new model on valid.
  absl::StatusOr<verifier::TreeEnsemble> model =
      verifier::TreeEnsemble::Parse(*model_text);
  if (!model.ok()) {
    std::cerr << model.status() << "\n";
    return 1;
  }
  absl::StatusOr<std::unique_ptr<verifier::ModelPairScorer>> scorer =
      verifier::ModelPairScorer::Create(*model);
  if (!scorer.ok()) {
    std::cerr << scorer.status() << "\n";
    return 1;
  }
  // Probabilities do not depend on the thresholds: score once, tune after.
  const verifier::VerificationEngine engine(*std::move(scorer), relations);
  absl::StatusOr<std::vector<ValidFile>> valid =
      ScoreValid(valid_files, engine, threads);
  if (!valid.ok()) {
    std::cerr << valid.status() << "\n";
    return 1;
  }
  std::vector<std::vector<Label>> gold;
  std::vector<std::vector<accuracy::ClassScoresRow>> scores;
  std::vector<bool> binary;
  for (const ValidFile& v : *valid) {
    gold.push_back(v.gold);
    scores.push_back(v.scores);
    binary.push_back(v.binary);
  }
  const accuracy::TunedThresholds chosen =
      accuracy::TuneThresholds(gold, scores, binary, accuracy::DecideLabel);
  std::cerr << absl::StrFormat(
      "thresholds: support %.2f contradict %.2f (mean objective %.3f)\n",
      chosen.support, chosen.contradict, chosen.objective);

  absl::StatusOr<verifier::TreeEnsemble> final_model = model->WithMetadataFirst(
      {{"threshold_support", absl::StrFormat("%.2f", chosen.support)},
       {"threshold_contradict", absl::StrFormat("%.2f", chosen.contradict)}});
  if (!final_model.ok()) {
    std::cerr << final_model.status() << "\n";
    return 1;
  }
  const std::string final_text = final_model->ToText();
  std::ofstream(absl::GetFlag(FLAGS_out), std::ios::binary) << final_text;
  std::ofstream(absl::GetFlag(FLAGS_card), std::ios::binary)
      << Card(sources, kinds, *valid, chosen, params, bodies.size());
  std::cerr << "wrote " << absl::GetFlag(FLAGS_out) << " and "
            << absl::GetFlag(FLAGS_card) << "\n";
  return 0;
}

}  // namespace
}  // namespace factcheck::train

int main(int argc, char** argv) { return factcheck::train::Main(argc, argv); }
