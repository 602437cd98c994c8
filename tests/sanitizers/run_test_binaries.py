#!/usr/bin/env python3
"""Runs every CTest test of a build, one process per GoogleTest binary.

gtest_discover_tests registers each test as its own ctest entry, so plain
ctest starts one process per test (~580), each paying the binary's start-up
(WordNet alone takes seconds under TSan). This runner reads the tests ctest
knows (ctest --show-only=json-v1), runs each binary once with a --gtest_filter
naming exactly its ctest tests, and checks every one of them in the binary's
XML report. Tests that are not GoogleTest cases run through ctest itself, so
their properties (SKIP_RETURN_CODE, TIMEOUT...) still apply.

Fails (exit 1) when a test fails, a registered test did not run (a crash, a
binary that was not built), a binary times out, or any process left a
sanitizer report in --report-dir (set log_path there in *SAN_OPTIONS, so the
reports of child processes such as the e2e tests' factcheckd count too).
"""

import argparse
import concurrent.futures
import json
import os
import pathlib
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree

_FILTER_FLAG = "--gtest_filter="
# Properties of gtest_discover_tests entries this runner honours (LABELS and
# TIMEOUT do not change what passes; one process per binary gets --timeout).
# Any other one (WILL_FAIL...) would change a test's meaning: the run stops.
_GTEST_PROPERTIES = {
    "WORKING_DIRECTORY", "SKIP_REGULAR_EXPRESSION", "ENVIRONMENT", "DISABLED",
    "LABELS", "TIMEOUT"
}


def _properties(test):
    return {p["name"]: p["value"] for p in test.get("properties", [])}


def _load_tests(build_dir):
    listing = subprocess.run(
        ["ctest", "--test-dir", build_dir, "--show-only=json-v1"],
        check=True, capture_output=True, text=True).stdout
    return json.loads(listing)["tests"]


class Group:
    """One process: a gtest binary with its ctest tests, or one ctest test."""

    def __init__(self, command, cwd, env, plain_name=None):
        self.command = command
        self.cwd = cwd
        self.env = env
        self.gtest_names = {}  # gtest full name -> ctest name
        self.plain_name = plain_name  # set for a test ctest runs itself

    @property
    def label(self):
        return self.plain_name or pathlib.Path(self.command[0]).name


def _group_tests(tests, build_dir):
    groups = {}
    errors = []
    disabled = 0
    for test in tests:
        name = test["name"]
        props = _properties(test)
        if props.get("DISABLED"):
            disabled += 1
            continue
        command = test.get("command")
        if not command or name.endswith("_NOT_BUILT"):
            errors.append(f"{name}: no command (test binary not built?)")
            continue
        filters = [a for a in command[1:] if a.startswith(_FILTER_FLAG)]
        if len(filters) != 1:
            # Not a discovered gtest case: ctest runs it, by exact name.
            exact = "^" + re.sub(r"([][.*+?^$(){}|\\])", r"\\\1", name) + "$"
            groups[(name,)] = Group(
                ["ctest", "--test-dir", build_dir, "--output-on-failure",
                 "-R", exact], None, (), plain_name=name)
            continue
        unknown = set(props) - _GTEST_PROPERTIES
        if unknown:
            errors.append(
                f"{name}: unsupported test properties {sorted(unknown)}")
            continue
        cwd = props.get("WORKING_DIRECTORY")
        env = tuple(props.get("ENVIRONMENT", []))
        group = groups.setdefault((command[0], cwd, env),
                                  Group([command[0]], cwd, env))
        group.gtest_names[filters[0][len(_FILTER_FLAG):]] = name
    return list(groups.values()), errors, disabled


def _run_group(group, log_dir, timeout_s):
    log_path = log_dir / f"{group.label}.log"
    xml_path = log_dir / f"{group.label}.xml"
    command = list(group.command)
    if group.gtest_names:
        xml_path.unlink(missing_ok=True)
        command += [
            _FILTER_FLAG + ":".join(sorted(group.gtest_names)),
            f"--gtest_output=xml:{xml_path}"
        ]
    env = dict(os.environ)
    env.update(entry.split("=", 1) for entry in group.env)
    start = time.monotonic()
    with open(log_path, "w") as log:
        try:
            rc = subprocess.run(command, cwd=group.cwd, env=env, stdout=log,
                                stderr=subprocess.STDOUT, timeout=timeout_s,
                                check=False).returncode
        except subprocess.TimeoutExpired:
            rc = "timeout"
    return group, rc, time.monotonic() - start, log_path, xml_path


def _gtest_results(xml_path):
    """gtest full name -> "passed" | "failed" | "skipped"."""
    results = {}
    if not xml_path.exists():
        return results
    for case in ElementTree.parse(xml_path).iter("testcase"):
        full_name = f"{case.get('classname')}.{case.get('name')}"
        if case.find("failure") is not None or case.find("error") is not None:
            results[full_name] = "failed"
        elif (case.get("status") == "notrun" or
              case.get("result") == "skipped" or
              case.find("skipped") is not None):
            results[full_name] = "skipped"
        else:
            results[full_name] = "passed"
    return results


def _tail(path, lines=60):
    text = path.read_text(errors="replace").splitlines()
    return "\n".join(text[-lines:])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--log-dir", required=True, type=pathlib.Path)
    parser.add_argument("--report-dir", required=True, type=pathlib.Path,
                        help="where *SAN_OPTIONS log_path writes reports")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=1500,
                        help="seconds per process (ctest's default)")
    args = parser.parse_args()
    # Absolute: each binary runs in its own working directory.
    args.log_dir = args.log_dir.resolve()
    args.log_dir.mkdir(parents=True, exist_ok=True)

    tests = _load_tests(args.build_dir)
    groups, errors, disabled = _group_tests(tests, args.build_dir)
    # Biggest binaries first so the slowest start early.
    groups.sort(key=lambda g: -len(g.gtest_names))
    counts = {"passed": 0, "failed": 0, "skipped": 0, "missing": 0}
    not_passed = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = [
            pool.submit(_run_group, g, args.log_dir, args.timeout)
            for g in groups
        ]
        for future in concurrent.futures.as_completed(futures):
            group, rc, seconds, log_path, xml_path = future.result()
            problems = [f"exit status {rc}"] if rc != 0 else []
            if group.gtest_names:
                results = _gtest_results(xml_path)
                for gtest_name, ctest_name in sorted(group.gtest_names.items()):
                    outcome = results.get(gtest_name, "missing")
                    counts[outcome] += 1
                    if outcome in ("failed", "missing"):
                        not_passed.append(f"{ctest_name} ({outcome})")
            elif rc != 0:
                counts["failed"] += 1
                not_passed.append(f"{group.plain_name} (failed)")
            elif "***Skipped" in log_path.read_text(errors="replace"):
                counts["skipped"] += 1
            else:
                counts["passed"] += 1
            tests_here = len(group.gtest_names) or 1
            status = "FAILED: " + ", ".join(problems) if problems else "ok"
            print(f"{seconds:7.1f}s  {group.label} ({tests_here} tests): "
                  f"{status}", flush=True)
            if problems:
                print(_tail(log_path), flush=True)
                errors.append(
                    f"{group.label}: {', '.join(problems)} (log {log_path})")

    reports = sorted(p for p in args.report_dir.glob("*") if p.is_file()) \
        if args.report_dir.exists() else []
    for report in reports:
        print(f"==== sanitizer report {report}", flush=True)
        print(report.read_text(errors="replace"), flush=True)
    if reports:
        errors.append(f"{len(reports)} sanitizer report(s) in "
                      f"{args.report_dir}")

    ran = counts["passed"] + counts["failed"]
    print(f"tests: {len(tests)} registered, {ran} run ({counts['passed']} "
          f"passed, {counts['failed']} failed), {counts['skipped']} skipped, "
          f"{counts['missing']} did not run, {disabled} disabled; "
          f"{len(groups)} processes")
    for name in not_passed:
        print(f"  not passed: {name}")
    for error in errors:
        print(f"ERROR: {error}")
    return 1 if errors or not_passed else 0


if __name__ == "__main__":
    sys.exit(main())
