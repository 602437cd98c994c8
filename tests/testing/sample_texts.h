#ifndef FACTCHECK_TESTS_TESTING_SAMPLE_TEXTS_H_
#define FACTCHECK_TESTS_TESTING_SAMPLE_TEXTS_H_

// Article texts written for the tests, shared by the in-process gRPC and the
// end-to-end tests.

namespace factcheck::testing {

// A short news text: narrator sentences with numbers, a direct quote, and
// reported speech.
inline constexpr char kArticleBody[] =
    "Modi and Xi meet at SCO summit\n"
    "\n"
    "Indian Prime Minister Narendra Modi met Chinese President Xi Jinping in "
    "Tianjin on Sunday. The discussions come less than a week after "
    "Washington imposed steep 50% tariffs on Indian exports. Trade between "
    "India and China reached $99.2 billion last year.\n"
    "\n"
    "\u201CThe two countries should be partners rather than rivals,\u201D Xi "
    "said. Modi said that India was committed to progressing relations on "
    "the basis of mutual trust.";

}  // namespace factcheck::testing

#endif  // FACTCHECK_TESTS_TESTING_SAMPLE_TEXTS_H_
