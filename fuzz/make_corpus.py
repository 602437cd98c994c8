#!/usr/bin/env python3
"""Writes the seed corpora under fuzz/corpus/<target>/ (run from anywhere).

The texts are written for the seeds; request seeds are text-format protos
encoded with `protoc --encode` and framed as fuzz_requests reads them (a kind
byte, a 16-bit little-endian length, the message). Deterministic: running it
again rewrites the same files.
"""
import base64
import os
import struct
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "corpus")

ARTICLES = {
    "library": (
        "Library reopens after flood repairs\n"
        "The Milltown public library reopened on Saturday, 14 months after a "
        "flood damaged its ground floor.\n"
        "Repairs cost about $1.2 million, according to the county.\n"
        "\"Children were reading on the steps within an hour,\" librarian "
        "Ana Ferreira said.\n"
        "She said visits were up 30% compared with the same week in 2022.\n"),
    "election": (
        "Turnout falls in regional vote\n\n"
        "Turnout in the Northvale regional election fell to 41.5 percent, "
        "down from 48 percent four years ago.\n"
        "Officials blamed heavy rain. Dr. Lee Park, a political scientist at "
        "Northvale University, said the drop was \"not unusual\" for a "
        "mid-term vote.\n"
        "The governor, Ruth Adeyemi, did not comment.\n"),
    "unicode": (
        "Cafe\u0301 owners\u00a0say rents doubled\r\n"
        "\u201cWe can\u2019t stay,\u201d said Jo\u00e3o Silva, who runs a "
        "caf\u00e9 on Rua Nova.\r\n"
        "Rents rose from \u20ac900 to \u20ac1,800 a month between 2019 and "
        "2024 \u2014 a rise of 100%.\t\r\n"
        "\u4e1c\u4eac and Z\u00fcrich were cited as examples.\r\n"),
    "scraped": (
        "The club didn\\'t confirm the fee.Analysts suggest it was nearly "
        "\u00a340m . only 13 % of fans approved -LRB- a poll said -RRB- .\n"
        "``It is a record,\\'\\' the chairman said last week.\n"),
}

CLAIMS = {
    "number": "The library repairs cost $1.2 million.",
    "changed_number": "Turnout fell to 35 percent in Northvale.",
    "speaker": "Ana Ferreira said visits were down 30%.",
    "compound": "The library reopened on Saturday; repairs cost $2 million, "
                "and visits rose by a third.",
    "negation": "The governor did not comment on the election.",
    "lowercase": "rents doubled in two years according to cafe owners",
    "unicode": "Jo\u00e3o Silva said rents rose to \u20ac1,800.",
    "dates": "The flood happened 14 months before 3 March 2024.",
}

SEED_BODY = (
    "Harbour town votes to expand ferry service\n"
    "The Port Ellery council voted 7 to 2 on Monday to add three ferry "
    "crossings a day from June 2025.\n")

# fuzz_requests kinds, in the order of its Kind enum.
KINDS = {
    "IngestArticleRequest": 0, "GetArticleRequest": 1,
    "ListArticlesRequest": 2, "DeleteArticleRequest": 3,
    "GetStatementRequest": 4, "ListStatementsRequest": 5,
    "SearchStatementsRequest": 6, "AddStatementRequest": 7,
    "VerifyRequest": 8, "VerifyBatchRequest": 9,
}
PROTO_FILE = {k: "factcheck/v1/claims_service.proto" for k in KINDS}
PROTO_FILE["VerifyRequest"] = "factcheck/v1/verifier_service.proto"
PROTO_FILE["VerifyBatchRequest"] = "factcheck/v1/verifier_service.proto"


def q(s):
    """A text-format string literal."""
    out = []
    for b in s.encode("utf-8"):
        c = chr(b)
        if c in "\\\"":
            out.append("\\" + c)
        elif 32 <= b < 127:
            out.append(c)
        else:
            out.append("\\%03o" % b)
    return '"' + "".join(out) + '"'


def encode(message, text):
    return subprocess.run(
        ["protoc", "--proto_path=" + os.path.join(ROOT, "proto"),
         "--encode=factcheck.v1." + message, PROTO_FILE[message]],
        input=text.encode(), capture_output=True, check=True).stdout


def frame(requests):
    data = b""
    for message, text in requests:
        body = encode(message, text)
        data += bytes([KINDS[message]]) + struct.pack("<H", len(body)) + body
    return data


def fdp_string(s):
    """A string as FuzzedDataProvider::ConsumeRandomLengthString reads it."""
    return s.replace(b"\\", b"\\\\") + b"\\n"


def write(target, name, data):
    folder = os.path.join(OUT, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def main():
    for name, body in ARTICLES.items():
        write("fuzz_ingest_analysis", name, body)
    write("fuzz_ingest_analysis", "invalid_utf8",
          b"Prices rose \xc3\x28 sharply.\n\xed\xa0\x80 surrogate.\n")

    for name, claim in CLAIMS.items():
        write("fuzz_claim_analysis", name, claim)
    write("fuzz_claim_analysis", "evidence_text", ARTICLES["library"])

    # Keys as the store writes them (storage/key_codec.h).
    statement_key = b"milltown-library\0" + struct.pack(">I", 3)
    write("fuzz_key_codec", "statement_key", statement_key)
    write("fuzz_key_codec", "statement_id", b"milltown-library:000003")
    write("fuzz_key_codec", "posting_key", b"flood\0" + statement_key)
    write("fuzz_key_codec", "speaker_key",
          b"ana ferreira\0milltown-library:000003")
    write("fuzz_key_codec", "time_key",
          struct.pack(">Q", (1700000000000000 ^ (1 << 63)) & (2**64 - 1))
          + b"milltown-library")
    write("fuzz_key_codec", "posting_value", struct.pack("<II", 2, 17))
    write("fuzz_key_codec", "int64", struct.pack("<q", -42))
    write("fuzz_key_codec", "round_trip",
          fdp_string(b"northvale.2024_a") + fdp_string(b"turnout")
          + fdp_string("Turnout fell to 41.5 percent.".encode())
          + struct.pack("<QQIIqq", 7, 8, 3, 12, 5, -5))

    # Page tokens as ClaimsCore issues them, and the listings it uses.
    for name, listing, position in [
            ("articles", b"articles", b"milltown-library"),
            ("by_article", b"statements-by-article", b"northvale:000002"),
            ("by_speaker", b"statements-by-speaker", b"northvale:000001")]:
        fingerprint = b"cbf29ce484222325"
        raw = b"pt1\0" + listing + b"\0" + fingerprint + b"\0" + position
        token = base64.urlsafe_b64encode(raw).rstrip(b"=")
        write("fuzz_page_token", name,
              fdp_string(listing) + fdp_string(fingerprint)
              + fdp_string(position) + token)

    article = ARTICLES["election"]
    write("fuzz_requests", "ingest_then_verify", frame([
        ("IngestArticleRequest",
         'article { id: "northvale" body: %s publisher: "Northvale Post" '
         'published_at { seconds: 1700000000 } authors: "K. Obi" '
         'labels { key: "desk" value: "politics" } }' % q(article)),
        ("VerifyRequest",
         'claim: "Turnout fell to 35 percent." article_ids: "northvale" '
         'max_evidence: 2 request_id: "r1"'),
        ("VerifyRequest",
         'claim: "Ruth Adeyemi said the drop was not unusual." '
         'archive { max_candidates: 5 }'),
    ]))
    write("fuzz_requests", "verify_inline", frame([
        ("VerifyRequest",
         'claim: %s evidence_text: %s' % (q(CLAIMS["speaker"]),
                                          q(ARTICLES["library"]))),
    ]))
    write("fuzz_requests", "verify_batch_archive", frame([
        ("VerifyBatchRequest",
         'claims: "The council voted 7 to 2." '
         'claims: "Ferries will run from June 2024." '
         'archive { filter { publisher: "Ellery Gazette" } } '
         'max_evidence: 5'),
    ]))
    write("fuzz_requests", "paging", frame([
        ("ListArticlesRequest", 'page_size: 1'),
        ("ListStatementsRequest", 'article_id: "seed" page_size: 1'),
        ("ListStatementsRequest", 'speaker: "Osei" page_size: 1'),
        ("SearchStatementsRequest",
         'query: "ferry crossings" max_results: 2 article_ids: "seed"'),
        ("SearchStatementsRequest", 'query: "waited decade" speaker: "Maya"'),
    ]))
    write("fuzz_requests", "add_get_delete", frame([
        ("AddStatementRequest",
         'article_id: "seed" text: "Tickets will cost $3.50." '
         'attribution { kind: ATTRIBUTION_KIND_ACCORDING_TO '
         'speaker { name: "Bluewater" } cue: "according to" }'),
        ("GetStatementRequest", 'id: "seed:000001"'),
        ("GetArticleRequest", 'id: "seed"'),
        ("DeleteArticleRequest", 'id: "seed"'),
        ("SearchStatementsRequest", 'query: "ferry"'),
    ]))
    write("fuzz_requests", "ingest_twice", frame([
        ("IngestArticleRequest", 'article { body: %s }' % q(SEED_BODY)),
        ("IngestArticleRequest",
         'article { id: "other" body: %s language: "en" }'
         % q(ARTICLES["unicode"])),
        ("IngestArticleRequest",
         'article { id: "seed" body: "A different body." }'),
    ]))


if __name__ == "__main__":
    main()
