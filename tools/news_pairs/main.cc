// factcheck-news-pairs: training pairs for the verdict model from unlabelled
// news articles (tools/news_pairs/news_pairs.h).
//
//   factcheck-news-pairs --news=reuters21578.jsonl --out=pairs.jsonl
//       --max_articles=300 --seed=1
//
// Input: one JSON object a line with "id" and "body". Output: one pair a
// line, {"id","article_id","claim","label","corruption","source_sentence",
// "evidence","detail"}, evidence being the (normalised) article body. Prints
// the counts per label and per corruption kind.

#include <cstdint>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "text/lexicon.h"
#include "text/normalize.h"
#include "tools/news_pairs/news_pairs.h"

ABSL_FLAG(std::string, news, "", "input JSONL of articles (id, body)");
ABSL_FLAG(std::string, out, "", "output JSONL of pairs");
ABSL_FLAG(int, max_articles, 0, "articles to read (0: all)");
ABSL_FLAG(uint64_t, seed, 1, "random seed");
ABSL_FLAG(int, max_sentences, 4, "check-worthy sentences used per article");
ABSL_FLAG(std::string, wordnet_dir,
          std::string(factcheck::text::kDefaultWordNetDir),
          "WordNet 3.0 folder (antonyms; empty to go without)");

namespace factcheck::news_pairs {
namespace {

namespace pb = google::protobuf;

struct Article {
  std::string id;
  std::string body;
};

std::string StringField(const pb::Struct& s, const std::string& name) {
  auto it = s.fields().find(name);
  return it != s.fields().end() && it->second.has_string_value()
             ? it->second.string_value()
             : "";
}

std::string JsonString(const std::string& s) {
  pb::Value v;
  v.set_string_value(s);
  std::string out;
  (void)pb::util::MessageToJsonString(v, &out);
  return out;
}

// Reads up to `limit` articles (0: all); counts the lines it cannot use.
std::vector<Article> ReadArticles(std::istream& in, int limit, int* bad) {
  std::vector<Article> articles;
  std::string line;
  while ((limit <= 0 || static_cast<int>(articles.size()) < limit) &&
         std::getline(in, line)) {
    if (line.empty()) continue;
    pb::Struct s;
    if (!pb::util::JsonStringToMessage(line, &s).ok()) {
      ++*bad;
      continue;
    }
    absl::StatusOr<std::string> body =
        text::NormalizeBody(StringField(s, "body"));
    const std::string id = StringField(s, "id");
    if (!body.ok() || body->empty() || id.empty()) {
      ++*bad;
      continue;
    }
    articles.push_back({id, *std::move(body)});
  }
  return articles;
}

int Main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const std::string news_path = absl::GetFlag(FLAGS_news);
  const std::string out_path = absl::GetFlag(FLAGS_out);
  if (news_path.empty() || out_path.empty()) {
    std::cerr << "usage: factcheck-news-pairs --news=FILE.jsonl "
                 "--out=FILE.jsonl [--max_articles=N] [--seed=S] "
                 "[--max_sentences=N] [--wordnet_dir=DIR]\n";
    return 2;
  }
  std::ifstream in(news_path);
  if (!in) {
    std::cerr << news_path << ": cannot read\n";
    return 1;
  }
  std::ofstream out(out_path);
  if (!out) {
    std::cerr << out_path << ": cannot write\n";
    return 1;
  }
  std::unique_ptr<text::Lexicon> lexicon;
  if (!absl::GetFlag(FLAGS_wordnet_dir).empty()) {
    absl::StatusOr<std::unique_ptr<text::Lexicon>> loaded =
        text::Lexicon::Load(absl::GetFlag(FLAGS_wordnet_dir));
    if (loaded.ok()) {
      lexicon = *std::move(loaded);
    } else {
      std::cerr << "no WordNet (" << loaded.status()
                << "): no antonyms, aux-only negation\n";
    }
  }

  int bad = 0;
  const std::vector<Article> articles =
      ReadArticles(in, absl::GetFlag(FLAGS_max_articles), &bad);
  // Names and amounts of every article read; each article's own are
  // skipped when it is corrupted.
  ExtrinsicPool pool;
  for (const Article& a : articles) pool.AddArticle(a.body);

  NewsPairOptions opts;
  opts.max_sentences_per_article =
      static_cast<size_t>(std::max(1, absl::GetFlag(FLAGS_max_sentences)));
  std::map<std::string, int> by_label;
  std::map<std::string, int> by_kind;
  size_t total = 0;
  for (size_t i = 0; i < articles.size(); ++i) {
    const Article& a = articles[i];
    // One generator per article: an article's pairs do not depend on how
    // many articles come before it.
    std::seed_seq seq{static_cast<uint64_t>(absl::GetFlag(FLAGS_seed)),
                      static_cast<uint64_t>(i)};
    std::mt19937_64 rng(seq);
    const std::vector<NewsPair> pairs =
        GenerateNewsPairs(a.body, opts, rng, pool, lexicon.get());
    for (size_t k = 0; k < pairs.size(); ++k) {
      const NewsPair& p = pairs[k];
      out << absl::StrFormat(
          "{\"id\":%s,\"article_id\":%s,\"claim\":%s,\"label\":\"%s\","
          "\"corruption\":\"%s\",\"source_sentence\":%d,\"evidence\":%s,"
          "\"detail\":%s}\n",
          JsonString(absl::StrCat(a.id, ":", k)), JsonString(a.id),
          JsonString(p.claim), p.label, p.corruption, p.source_sentence,
          JsonString(a.body), JsonString(p.detail));
      ++by_label[p.label];
      ++by_kind[p.corruption];
      ++total;
    }
  }
  out.close();
  if (!out) {
    std::cerr << out_path << ": write failed\n";
    return 1;
  }
  std::cout << absl::StrFormat("articles %d (unreadable %d), pairs %d\n",
                               articles.size(), bad, total);
  for (const auto& [label, n] : by_label) {
    std::cout << absl::StrFormat("  %-13s %6d  %5.1f%%\n", label, n,
                                 total ? 100.0 * n / total : 0.0);
  }
  for (const auto& [kind, n] : by_kind) {
    std::cout << absl::StrFormat("  %-17s %6d\n", kind, n);
  }
  return 0;
}

}  // namespace
}  // namespace factcheck::news_pairs

int main(int argc, char** argv) {
  return factcheck::news_pairs::Main(argc, argv);
}
