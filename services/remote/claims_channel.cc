#include "services/remote/claims_channel.h"

#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "base/file.h"
#include "base/status_macros.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"
#include "grpcpp/support/client_interceptor.h"
#include "services/common/client_credentials.h"

namespace factcheck::remote {
namespace {

using grpc::experimental::ClientInterceptorFactoryInterface;
using grpc::experimental::ClientRpcInfo;
using grpc::experimental::InterceptionHookPoints;
using grpc::experimental::Interceptor;
using grpc::experimental::InterceptorBatchMethods;

// Connection attempts to a restarted server: quick first retry, at most a
// second apart (gRPC's default grows to two minutes).
constexpr int kMinReconnectBackoffMs = 100;
constexpr int kMaxReconnectBackoffMs = 1000;

// Adds the bearer token to every call's initial metadata, so that stub
// calls and health checks alike carry it.
class BearerTokenInterceptor final : public Interceptor {
 public:
  explicit BearerTokenInterceptor(const std::string* value) : value_(value) {}

  void Intercept(InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->emplace(common::kAuthorizationKey,
                                                 *value_);
    }
    methods->Proceed();
  }

 private:
  const std::string* value_;
};

class BearerTokenInterceptorFactory final
    : public ClientInterceptorFactoryInterface {
 public:
  explicit BearerTokenInterceptorFactory(std::string token)
      : value_(absl::StrCat(common::kBearerPrefix, token)) {}

  Interceptor* CreateClientInterceptor(ClientRpcInfo* /*info*/) override {
    return new BearerTokenInterceptor(&value_);
  }

 private:
  const std::string value_;
};

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::Channel>> OpenClaimsChannel(
    const ClaimsChannelOptions& options) {
  if (options.target.empty()) {
    return absl::InvalidArgumentError(
        "claims_target: empty; use host:port of a ClaimsService");
  }
  common::ClientTlsFiles tls;
  tls.root_ca_file = options.tls_ca_file;
  tls.flag_prefix = "claims_";
  FACTCHECK_ASSIGN_OR_RETURN(
      std::shared_ptr<grpc::ChannelCredentials> credentials,
      common::MakeChannelCredentials(tls));

  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, kMinReconnectBackoffMs);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, kMinReconnectBackoffMs);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, kMaxReconnectBackoffMs);
  args.SetMaxReceiveMessageSize(static_cast<int>(options.max_message_bytes));
  args.SetMaxSendMessageSize(static_cast<int>(options.max_message_bytes));

  std::vector<std::unique_ptr<ClientInterceptorFactoryInterface>> interceptors;
  if (!options.token_file.empty()) {
    FACTCHECK_ASSIGN_OR_RETURN(
        std::string text,
        ReadFileToString(options.token_file, "claims_token_file"));
    std::string token = text.substr(0, text.find('\n'));
    absl::StripAsciiWhitespace(&token);
    if (token.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("claims_token_file: the first line of \"",
                       options.token_file, "\" is empty; put the token there"));
    }
    interceptors.push_back(
        std::make_unique<BearerTokenInterceptorFactory>(std::move(token)));
  }
  return grpc::experimental::CreateCustomChannelWithInterceptors(
      options.target, credentials, args, std::move(interceptors));
}

}  // namespace factcheck::remote
