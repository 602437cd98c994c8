// FactcheckServer wiring: option validation, health per service name,
// server reflection, sample loading, and persistence across a restart.

#include <fstream>
#include <memory>
#include <set>
#include <string>

#include "factcheck/v1/claims_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "grpcpp/completion_queue.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"
#include "gtest/gtest.h"
#include "services/common/health_client.h"
#include "services/server/server.h"
#include "tests/grpc/test_server.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace factcheck {
namespace {

using ::grpc::health::v1::HealthCheckResponse;
using ::testing::HasSubstr;
using testing::StatusIs;

TEST(ServerOptionsTest, UnknownServiceIsInvalidArgument) {
  testing::CapturingLogSink log;
  auto options = testing::TestServerOptions(&log);
  options.services = {"claims", "archive"};
  EXPECT_THAT(server::FactcheckServer::Start(options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "valid services are claims, verifier"));
}

TEST(ServerOptionsTest, VerifierAloneIsInvalidArgumentForNow) {
  testing::CapturingLogSink log;
  auto options = testing::TestServerOptions(&log);
  options.services = {"verifier"};
  EXPECT_THAT(server::FactcheckServer::Start(options),
              StatusIs(absl::StatusCode::kInvalidArgument, "--claims_target"));
}

TEST(ServerOptionsTest, UnbindableAddressIsUnavailable) {
  testing::CapturingLogSink log;
  auto options = testing::TestServerOptions(&log);
  options.listen = "256.1.1.1:0";
  EXPECT_THAT(server::FactcheckServer::Start(options),
              StatusIs(absl::StatusCode::kUnavailable, "cannot listen"));
}

TEST(ServerHealthTest, ReportsServingPerHostedService) {
  testing::CapturingLogSink log;
  auto options = testing::TestServerOptions(&log);
  options.services = {"claims"};
  FC_ASSERT_OK_AND_ASSIGN(auto server, server::FactcheckServer::Start(options));
  auto channel = testing::ChannelTo(server->port());
  FC_ASSERT_OK_AND_ASSIGN(auto overall,
                          common::CheckHealth(channel, "", absl::Seconds(10)));
  EXPECT_EQ(overall, HealthCheckResponse::SERVING);
  FC_ASSERT_OK_AND_ASSIGN(
      auto claims, common::CheckHealth(channel, common::kClaimsHealthName,
                                       absl::Seconds(10)));
  EXPECT_EQ(claims, HealthCheckResponse::SERVING);
  EXPECT_THAT(common::CheckHealth(channel, common::kVerifierHealthName,
                                  absl::Seconds(10)),
              StatusIs(absl::StatusCode::kNotFound, ""));

  server->Shutdown(absl::Seconds(1));
  EXPECT_FALSE(common::CheckHealth(channel, "", absl::Seconds(2)).ok());
}

TEST(ServerHealthTest, BothServicesServing) {
  testing::CapturingLogSink log;
  FC_ASSERT_OK_AND_ASSIGN(auto server, server::FactcheckServer::Start(
                                           testing::TestServerOptions(&log)));
  auto channel = testing::ChannelTo(server->port());
  FC_EXPECT_OK(common::WaitForServing(channel, common::kClaimsHealthName,
                                      absl::Seconds(10)));
  FC_EXPECT_OK(common::WaitForServing(channel, common::kVerifierHealthName,
                                      absl::Seconds(10)));
}

// Lists the services through server reflection. The reflection messages are
// compiled into libgrpc++_reflection (no header installed), so they are
// built from the generated descriptor pool and sent with a generic stub.
absl::StatusOr<std::set<std::string>> ReflectedServices(
    const std::shared_ptr<grpc::Channel>& channel) {
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  const auto* request_type = pool->FindMessageTypeByName(
      "grpc.reflection.v1alpha.ServerReflectionRequest");
  const auto* response_type = pool->FindMessageTypeByName(
      "grpc.reflection.v1alpha.ServerReflectionResponse");
  if (request_type == nullptr || response_type == nullptr) {
    return absl::InternalError("reflection messages are not linked in");
  }
  auto* factory = google::protobuf::MessageFactory::generated_factory();
  std::unique_ptr<google::protobuf::Message> request(
      factory->GetPrototype(request_type)->New());
  request->GetReflection()->SetString(
      request.get(), request_type->FindFieldByName("list_services"), "*");
  std::string bytes = request->SerializeAsString();
  grpc::Slice slice(bytes);
  grpc::ByteBuffer out_buffer(&slice, 1);

  grpc::CompletionQueue cq;
  grpc::GenericStub stub(channel);
  auto context = testing::Context();
  auto call = stub.PrepareCall(
      context.get(),
      "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", &cq);
  grpc::ByteBuffer in_buffer;
  grpc::Status status;
  auto step = [&](auto start) -> bool {
    void* tag = nullptr;
    bool ok = false;
    start();
    return cq.Next(&tag, &ok) && ok;
  };
  void* const kTag = reinterpret_cast<void*>(1);
  bool ok = step([&] { call->StartCall(kTag); }) &&
            step([&] { call->Write(out_buffer, kTag); }) &&
            step([&] { call->WritesDone(kTag); }) &&
            step([&] { call->Read(&in_buffer, kTag); });
  step([&] { call->Finish(&status, kTag); });
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        status.error_message());
  }
  if (!ok) return absl::InternalError("reflection stream failed");

  std::vector<grpc::Slice> slices;
  if (!in_buffer.Dump(&slices).ok()) return absl::InternalError("dump");
  std::string answer;
  for (const grpc::Slice& s : slices) {
    answer.append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  std::unique_ptr<google::protobuf::Message> response(
      factory->GetPrototype(response_type)->New());
  if (!response->ParseFromString(answer)) {
    return absl::InternalError("cannot parse the reflection response");
  }
  const auto* list_field =
      response_type->FindFieldByName("list_services_response");
  const google::protobuf::Message& list =
      response->GetReflection()->GetMessage(*response, list_field);
  const auto* service_field = list.GetDescriptor()->FindFieldByName("service");
  const auto* name_field =
      service_field->message_type()->FindFieldByName("name");
  std::set<std::string> names;
  for (int i = 0; i < list.GetReflection()->FieldSize(list, service_field);
       ++i) {
    const auto& service =
        list.GetReflection()->GetRepeatedMessage(list, service_field, i);
    names.insert(service.GetReflection()->GetString(service, name_field));
  }
  return names;
}

TEST(ServerReflectionTest, ListsTheServices) {
  testing::CapturingLogSink log;
  FC_ASSERT_OK_AND_ASSIGN(auto server, server::FactcheckServer::Start(
                                           testing::TestServerOptions(&log)));
  FC_ASSERT_OK_AND_ASSIGN(
      std::set<std::string> names,
      ReflectedServices(testing::ChannelTo(server->port())));
  EXPECT_THAT(names,
              ::testing::IsSupersetOf(
                  {"factcheck.v1.ClaimsService", "factcheck.v1.VerifierService",
                   "grpc.health.v1.Health",
                   "grpc.reflection.v1alpha.ServerReflection"}));
}

TEST(ServerSamplesTest, LoadsSamplesWithSidecarsIdempotently) {
  testing::TempDir dir;
  const std::string samples = dir.Sub("samples");
  std::filesystem::create_directories(samples);
  std::ofstream(samples + "/one.txt") << testing::kArticleBody;
  std::ofstream(samples + "/one.json")
      << R"({"title": "Modi and Xi meet", "publisher": "Example News",
            "published_at": "2025-08-31T12:00:00Z",
            "authors": ["A. Writer", "B. Editor"], "note": "ignored"})";
  std::ofstream(samples + "/two.txt") << "A second sample. It has 2 lines.";
  std::ofstream(samples + "/notes.md") << "not an article";

  testing::CapturingLogSink log;
  auto options = testing::TestServerOptions(&log);
  options.in_memory_store = false;
  options.data_dir = dir.Sub("data");
  options.load_samples = true;
  options.samples_dir = samples;
  for (int run = 0; run < 2; ++run) {  // The second start finds them stored.
    FC_ASSERT_OK_AND_ASSIGN(auto server,
                            server::FactcheckServer::Start(options));
    auto stub = v1::ClaimsService::NewStub(testing::ChannelTo(server->port()));
    v1::ListArticlesResponse listed;
    ASSERT_TRUE(stub->ListArticles(testing::Context().get(),
                                   v1::ListArticlesRequest(), &listed)
                    .ok());
    ASSERT_EQ(listed.articles_size(), 2) << "run " << run;
    bool found = false;
    for (const v1::Article& article : listed.articles()) {
      if (article.title() != "Modi and Xi meet") continue;
      found = true;
      EXPECT_EQ(article.publisher(), "Example News");
      EXPECT_EQ(article.published_at().seconds(), 1756641600);
      EXPECT_THAT(article.authors(),
                  ::testing::ElementsAre("A. Writer", "B. Editor"));
    }
    EXPECT_TRUE(found);
    server->Shutdown(absl::Seconds(1));
  }
}

TEST(ServerSamplesTest, MalformedSidecarFailsStart) {
  testing::TempDir dir;
  std::ofstream(dir.Sub("bad.txt")) << "Some text. With 2 sentences.";
  std::ofstream(dir.Sub("bad.json")) << R"({"published_at": "yesterday"})";
  testing::CapturingLogSink log;
  auto options = testing::TestServerOptions(&log);
  options.load_samples = true;
  options.samples_dir = dir.path().string();
  EXPECT_THAT(server::FactcheckServer::Start(options),
              StatusIs(absl::StatusCode::kInvalidArgument, "published_at"));
}

TEST(ServerPersistenceTest, ArticlesSurviveARestart) {
  testing::TempDir dir;
  testing::CapturingLogSink log;
  auto options = testing::TestServerOptions(&log);
  options.in_memory_store = false;
  options.data_dir = dir.Sub("data");
  {
    FC_ASSERT_OK_AND_ASSIGN(auto server,
                            server::FactcheckServer::Start(options));
    auto stub = v1::ClaimsService::NewStub(testing::ChannelTo(server->port()));
    v1::IngestArticleRequest request;
    request.mutable_article()->set_id("kept");
    request.mutable_article()->set_body(testing::kArticleBody);
    v1::IngestArticleResponse response;
    ASSERT_TRUE(
        stub->IngestArticle(testing::Context().get(), request, &response).ok());
    server->Shutdown(absl::Seconds(1));
  }
  FC_ASSERT_OK_AND_ASSIGN(auto server, server::FactcheckServer::Start(options));
  auto stub = v1::ClaimsService::NewStub(testing::ChannelTo(server->port()));
  v1::GetArticleRequest get;
  get.set_id("kept");
  v1::Article article;
  ASSERT_TRUE(stub->GetArticle(testing::Context().get(), get, &article).ok());
  EXPECT_EQ(article.body(), testing::kArticleBody);
}

TEST(ServerPersistenceTest, SecondServerOnTheSameDataDirFails) {
  testing::TempDir dir;
  testing::CapturingLogSink log;
  auto options = testing::TestServerOptions(&log);
  options.in_memory_store = false;
  options.data_dir = dir.Sub("data");
  FC_ASSERT_OK_AND_ASSIGN(auto first, server::FactcheckServer::Start(options));
  EXPECT_FALSE(server::FactcheckServer::Start(options).ok());
}

}  // namespace
}  // namespace factcheck
