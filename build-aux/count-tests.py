#!/usr/bin/env python3
# build-aux/count-tests.py — counts the test cases of one run for build-aux/check
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   count-tests.py TESTLOG.json          a `meson test` run (meson-logs/testlog.json)
#   count-tests.py --tap NAME FILE RC    one program's TAP output in FILE, its exit status RC
#
# Prints "FAILED: …" per failed case, then "passed failed skipped" as the last line.
# Every case counts: a GTest program speaks TAP (tests/meson.build) and each of its
# "ok"/"not ok" lines is one case; a test without TAP output (a validator, a script) is
# one case; "1..0 # SKIP reason" is one skipped case. A program that crashes or stops
# before its plan (a sanitizer report ends it) counts what did not run, at least one
# case, as failed.
import json
import re
import sys

RESULT_RE = re.compile(r"^(not ok|ok)\b\s*(\d+)?\s*-?\s*([^#]*?)\s*(#\s*(\w+).*)?$")
PLAN_RE = re.compile(r"^1\.\.(\d+)")
PASSING = ("OK", "EXPECTEDFAIL")


class Tally:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0

    def add(self, name, result, stdout):
        plan = None
        cases = []
        for out in (stdout or "").splitlines():
            m = PLAN_RE.match(out)
            if m:
                plan = int(m.group(1))
                continue
            m = RESULT_RE.match(out)
            if m:
                directive = (m.group(5) or "").upper()
                cases.append((m.group(1), m.group(3) or m.group(2) or "?", directive))
        if not cases and not plan:
            # Not a TAP program, or one that skipped as a whole: one case.
            if result == "SKIP" or (plan == 0 and result in PASSING):
                self.skipped += 1
            elif result in PASSING:
                self.passed += 1
            else:
                self.failed += 1
                print(f"FAILED: {name} ({result})")
            return
        case_failures = 0
        for status, case, directive in cases:
            if directive == "SKIP":
                self.skipped += 1
            elif status == "ok" or directive == "TODO":
                self.passed += 1
            else:
                self.failed += 1
                case_failures += 1
                print(f"FAILED: {name}: {case}")
        missing = max(0, (plan or 0) - len(cases))
        if result not in PASSING + ("SKIP",) and case_failures == 0:
            # Crashed, timed out, a sanitizer or leak report: what did not finish failed.
            missing = max(missing, 1)
        if missing:
            self.failed += missing
            print(f"FAILED: {name} ({result}; {missing} case(s) did not finish)")


def main(argv):
    tally = Tally()
    if len(argv) == 5 and argv[1] == "--tap":
        name, path, status = argv[2], argv[3], int(argv[4])
        with open(path, encoding="utf-8", errors="replace") as f:
            tally.add(name, "OK" if status == 0 else f"exit status {status}", f.read())
    elif len(argv) == 2:
        with open(argv[1], encoding="utf-8", errors="replace") as f:
            for line in f:
                try:
                    t = json.loads(line)
                except ValueError:
                    continue
                tally.add(t.get("name", "?"), t.get("result"), t.get("stdout"))
    else:
        sys.exit("usage: count-tests.py TESTLOG.json | --tap NAME FILE STATUS")
    print(tally.passed, tally.failed, tally.skipped)


if __name__ == "__main__":
    main(sys.argv)
