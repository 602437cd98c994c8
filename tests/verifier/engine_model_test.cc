// The engine with the committed trained model (data/model/), as the server
// runs it: hand-written pairs for each verdict, the typed reasons a
// CONTRADICTED verdict carries, and the model file's failure modes.
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/verifier/model_pair_scorer.h"
#include "services/verifier/verification_engine.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"
#include "tests/verifier/engine_test_util.h"

namespace factcheck::verifier {
namespace {

using ::factcheck::verifier::testing::ArticleStatements;
using ::factcheck::verifier::testing::ExpectWellFormed;
using ::testing::HasSubstr;

constexpr std::string_view kBody =
    "The city council approved a 30% increase in the transit budget on "
    "Tuesday. Mayor Lena Ortiz said the money will fund twelve new bus "
    "routes.\n"
    "Construction of the harbour bridge will cost $45 million, officials "
    "said. The council rejected a plan to close the central library.";

class ModelEngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<std::unique_ptr<VerificationEngine>> engine =
        LoadVerificationEngine({});
    if (engine.ok()) engine_ = engine->release();
    load_status_ = new absl::Status(engine.status());
  }

  void SetUp() override {
    if (DefaultWordRelations() == nullptr) {
      GTEST_SKIP() << "WordNet is not installed";
    }
    ASSERT_NE(engine_, nullptr) << *load_status_;
    statements_ = ArticleStatements(kBody, "art");
    v1::Attribution* a = statements_[1].mutable_attribution();
    a->set_kind(v1::ATTRIBUTION_KIND_INDIRECT);
    a->mutable_speaker()->set_name("Lena Ortiz");
    a->mutable_speaker()->set_canonical_name("Lena Ortiz");
  }

  v1::VerifyResponse Verify(std::string_view claim) {
    v1::VerifyResponse r = engine_->Verify(claim, statements_, 3);
    ExpectWellFormed(r, claim, kBody);
    return r;
  }

  static const VerificationEngine* engine_;
  static absl::Status* load_status_;
  std::vector<v1::Statement> statements_;
};

const VerificationEngine* ModelEngineTest::engine_ = nullptr;
absl::Status* ModelEngineTest::load_status_ = nullptr;

TEST_F(ModelEngineTest, RestatedSentenceIsSupported) {
  const v1::VerifyResponse r =
      Verify("The city council approved a 30% increase in the transit budget");
  EXPECT_EQ(r.verdict(), v1::VERDICT_SUPPORTED) << r.DebugString();
  EXPECT_THAT(r.explanation(), HasSubstr("Supported"));
}

TEST_F(ModelEngineTest, ChangedNumberIsContradictedWithTheNumbers) {
  const v1::VerifyResponse r =
      Verify("The city council approved a 40% increase in the transit budget");
  ASSERT_EQ(r.verdict(), v1::VERDICT_CONTRADICTED) << r.DebugString();
  ASSERT_FALSE(r.mismatches().empty());
  EXPECT_EQ(r.mismatches(0).kind(), v1::MISMATCH_KIND_NUMBER);
  EXPECT_THAT(r.explanation(), HasSubstr("the claim says 40%"));
}

TEST_F(ModelEngineTest, UnrelatedClaimIsUnsupported) {
  const v1::VerifyResponse r =
      Verify("Astronomers discovered a comet near Jupiter");
  EXPECT_EQ(r.verdict(), v1::VERDICT_UNSUPPORTED) << r.DebugString();
  EXPECT_TRUE(r.mismatches().empty());
}

TEST_F(ModelEngineTest, SomeoneTheArticleNeverMentionsIsUnsupported) {
  for (std::string_view claim :
       {"Joe Biden attended the council meeting",
        "Governor Daniel Reyes opened the harbour bridge",
        "Lena Ortiz resigned on Sunday"}) {
    const v1::VerifyResponse r = Verify(claim);
    EXPECT_EQ(r.verdict(), v1::VERDICT_UNSUPPORTED) << claim << "\n"
                                                    << r.DebugString();
  }
}

TEST_F(ModelEngineTest, AddedNegationIsContradicted) {
  const v1::VerifyResponse r = Verify(
      "The city council did not approve an increase in the transit "
      "budget");
  ASSERT_EQ(r.verdict(), v1::VERDICT_CONTRADICTED) << r.DebugString();
  EXPECT_EQ(r.mismatches(0).kind(), v1::MISMATCH_KIND_NEGATION);
}

TEST_F(ModelEngineTest, WrongSpeakerIsExplainedAsAttribution) {
  const v1::VerifyResponse r = Verify(
      "Mayor Daniel Park said the money will fund twelve new bus "
      "routes");
  ASSERT_NE(r.verdict(), v1::VERDICT_SUPPORTED) << r.DebugString();
  bool attribution = false;
  for (const v1::Mismatch& m : r.mismatches()) {
    attribution = attribution || m.kind() == v1::MISMATCH_KIND_ATTRIBUTION;
  }
  if (r.verdict() == v1::VERDICT_CONTRADICTED) {
    EXPECT_TRUE(attribution) << r.DebugString();
    EXPECT_THAT(r.explanation(), HasSubstr("attributes this statement to"));
  }
}

TEST_F(ModelEngineTest, CompoundClaimIsSupportedOnlyWhenEveryPartIs) {
  const v1::VerifyResponse r = Verify(
      "The council approved a 30% increase in the transit budget. The "
      "council approved a plan to close the central library.");
  EXPECT_NE(r.verdict(), v1::VERDICT_SUPPORTED) << r.DebugString();
  ASSERT_EQ(r.subclaims_size(), 2);
  EXPECT_EQ(r.subclaims(0).verdict(), v1::VERDICT_SUPPORTED);
  EXPECT_NE(r.subclaims(1).verdict(), v1::VERDICT_SUPPORTED);
}

TEST_F(ModelEngineTest, ContradictedAlwaysCitesItsEvidence) {
  for (std::string_view claim :
       {"The city council approved a 40% increase in the transit budget",
        "Construction of the harbour bridge will cost $60 million",
        "The council did not reject a plan to close the central library"}) {
    const v1::VerifyResponse r = Verify(claim);
    if (r.verdict() != v1::VERDICT_CONTRADICTED) continue;
    ASSERT_FALSE(r.evidence().empty()) << claim;
    EXPECT_EQ(r.evidence(0).relation(), v1::EVIDENCE_RELATION_CONTRADICTS);
  }
}

TEST_F(ModelEngineTest, ScoresAreProbabilities) {
  const v1::VerifyResponse r = Verify("Twelve new bus routes are planned");
  const v1::VerdictScores& s = r.scores();
  EXPECT_NEAR(s.supported() + s.contradicted() + s.unsupported(), 1.0, 1e-4);
  EXPECT_GE(r.confidence(), 0.0f);
  EXPECT_LE(r.confidence(), 1.0f);
}

TEST(ModelLoadingTest, MissingModelFileIsNotFoundAndNamesThePath) {
  EngineConfig config;
  config.model_path = "/nonexistent/verdict_model.txt";
  const absl::StatusOr<std::unique_ptr<VerificationEngine>> engine =
      LoadVerificationEngine(config);
  EXPECT_EQ(engine.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(engine.status().message(),
              HasSubstr("/nonexistent/verdict_model.txt"));
}

TEST(ModelLoadingTest, CorruptModelFileIsRefused) {
  const factcheck::testing::TempDir dir;
  const std::string path = (dir.path() / "model.txt").string();
  std::ofstream(path) << "factcheck-gbt 1\nclasses 3\nchecksum 0\n";
  EngineConfig config;
  config.model_path = path;
  const absl::StatusOr<std::unique_ptr<VerificationEngine>> engine =
      LoadVerificationEngine(config);
  EXPECT_FALSE(engine.ok());
  EXPECT_THAT(engine.status().message(), HasSubstr("verdict model"));
}

TEST(ModelLoadingTest, ModelForOtherFeaturesIsRefused) {
  GbtModelSpec spec;
  spec.feature_names = {"coverage", "something_else"};
  GbtTree leaf;
  leaf.nodes.push_back(GbtNode{});
  for (int c = 0; c < 3; ++c) {
    leaf.class_index = c;
    spec.trees.push_back(leaf);
  }
  absl::StatusOr<TreeEnsemble> model = TreeEnsemble::FromSpec(spec);
  ASSERT_TRUE(model.ok()) << model.status();
  const absl::StatusOr<std::unique_ptr<ModelPairScorer>> scorer =
      ModelPairScorer::Create(*std::move(model));
  EXPECT_EQ(scorer.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(scorer.status().message(), HasSubstr("retrain"));
}

TEST(ModelLoadingTest, StoredThresholdsAreUsedUnlessOverridden) {
  const absl::StatusOr<std::unique_ptr<VerificationEngine>> stored =
      LoadVerificationEngine({});
  ASSERT_TRUE(stored.ok()) << stored.status();
  EngineConfig config;
  config.support_threshold = 0.9f;
  config.contradict_threshold = 0.8f;
  const absl::StatusOr<std::unique_ptr<VerificationEngine>> overridden =
      LoadVerificationEngine(config);
  ASSERT_TRUE(overridden.ok()) << overridden.status();
  EXPECT_FLOAT_EQ((*overridden)->thresholds().support, 0.9f);
  EXPECT_FLOAT_EQ((*overridden)->thresholds().contradict, 0.8f);
  EXPECT_GT((*stored)->thresholds().support, 0.0f);
  EXPECT_LT((*stored)->thresholds().support, 1.0f);
}

}  // namespace
}  // namespace factcheck::verifier
