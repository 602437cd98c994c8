#include "text/unicode_internal.h"

#include <memory>
#include <mutex>

#include "unicode/brkiter.h"
#include "unicode/locid.h"
#include "unicode/uchar.h"
#include "unicode/utext.h"

namespace factcheck::text::internal {

char32_t DecodeUtf8(std::string_view s, size_t* i) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const size_t n = s.size();
  const uint8_t b0 = p[*i];
  if (b0 < 0x80) {
    ++*i;
    return b0;
  }
  int len = 0;
  char32_t c = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, c = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, c = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, c = b0 & 0x07, min = 0x10000;
  } else {
    ++*i;
    return 0xFFFD;
  }
  if (*i + len > n) {
    ++*i;
    return 0xFFFD;
  }
  for (int k = 1; k < len; ++k) {
    const uint8_t b = p[*i + k];
    if ((b & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFD;
    }
    c = (c << 6) | (b & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
    ++*i;
    return 0xFFFD;
  }
  *i += len;
  return c;
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

bool IsUpper(char32_t c) { return u_isupper(static_cast<UChar32>(c)); }
bool IsLower(char32_t c) { return u_islower(static_cast<UChar32>(c)); }
bool IsAlpha(char32_t c) { return u_isalpha(static_cast<UChar32>(c)); }
bool IsDigit(char32_t c) { return u_isdigit(static_cast<UChar32>(c)); }
bool IsSpace(char32_t c) {
  return u_isUWhiteSpace(static_cast<UChar32>(c)) || c == 0xFEFF;
}

namespace {

// Prototypes built once per process; each thread clones its own iterator
// (BreakIterator instances are not thread-safe, cloning is cheap). The
// mutex guards cloning: ICU only promises const-safety of clone().
struct Prototypes {
  std::unique_ptr<icu::BreakIterator> sentence;
  std::unique_ptr<icu::BreakIterator> word;
  std::mutex mu;
};

Prototypes& GetPrototypes() {
  static Prototypes* const protos = [] {
    auto* p = new Prototypes;
    UErrorCode status = U_ZERO_ERROR;
    const icu::Locale locale("en_US");
    p->sentence.reset(
        icu::BreakIterator::createSentenceInstance(locale, status));
    status = U_ZERO_ERROR;
    p->word.reset(icu::BreakIterator::createWordInstance(locale, status));
    return p;
  }();
  return *protos;
}

icu::BreakIterator* ThreadIterator(BreakKind kind) {
  thread_local std::unique_ptr<icu::BreakIterator> sentence;
  thread_local std::unique_ptr<icu::BreakIterator> word;
  std::unique_ptr<icu::BreakIterator>& slot =
      kind == BreakKind::kSentence ? sentence : word;
  if (slot == nullptr) {
    Prototypes& p = GetPrototypes();
    std::lock_guard<std::mutex> lock(p.mu);
    const auto& proto = kind == BreakKind::kSentence ? p.sentence : p.word;
    if (proto != nullptr) slot.reset(proto->clone());
  }
  return slot.get();
}

}  // namespace

void ForEachBreakSegment(
    std::string_view s, BreakKind kind,
    absl::FunctionRef<void(size_t begin, size_t end, int32_t rule_status)> fn) {
  if (s.empty()) return;
  icu::BreakIterator* bi = ThreadIterator(kind);
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, s.data(), static_cast<int64_t>(s.size()),
                             &status);
  if (bi == nullptr || U_FAILURE(status)) {
    // ICU data missing: degrade to one segment rather than lose the text.
    if (ut != nullptr) utext_close(ut);
    fn(0, s.size(), 0);
    return;
  }
  bi->setText(ut, status);
  if (U_FAILURE(status)) {
    utext_close(ut);
    fn(0, s.size(), 0);
    return;
  }
  // UText over UTF-8 uses byte offsets as native indices.
  int32_t prev = bi->first();
  for (int32_t next = bi->next(); next != icu::BreakIterator::DONE;
       prev = next, next = bi->next()) {
    fn(static_cast<size_t>(prev), static_cast<size_t>(next),
       bi->getRuleStatus());
  }
  // Detach the iterator from `ut` before it is closed.
  icu::UnicodeString empty;
  bi->setText(empty);
  utext_close(ut);
}

}  // namespace factcheck::text::internal
