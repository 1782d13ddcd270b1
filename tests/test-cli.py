#!/usr/bin/env python3
# test-cli.py — segments-cli as a store owner's script would use it.
#
# Copyright 2026 The Segments authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import stat
import subprocess
import sys
import tempfile
import unittest

CLI = os.environ.get("SEGMENTS_CLI") or sys.argv[1]


def run(*args, check=True):
    result = subprocess.run([CLI, *args], capture_output=True, text=True,
                            env={**os.environ, "LC_ALL": "C.UTF-8"})
    if check and result.returncode != 0:
        raise AssertionError(f"{args} failed ({result.returncode}): {result.stderr}")
    return result


class CliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def test_new_store(self):
        store = self.path("My Shop.segments")
        run("new", store, "--name", "My Shop", "--currency", "eur")
        self.assertEqual(stat.S_IMODE(os.stat(store).st_mode), 0o600)
        stats = json.loads(run("stats", store, "--json").stdout)
        self.assertEqual(stats["store"], "My Shop")
        self.assertEqual(stats["currency"], "EUR")
        for key in ("contacts", "buyers", "orders", "revenue"):
            self.assertEqual(stats[key], 0, key)

    def test_new_refuses_existing(self):
        store = self.path("shop.segments")
        run("new", store)
        result = run("new", store, check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("already exists", result.stderr)

    def test_bad_currency(self):
        result = run("new", self.path("x.segments"), "--currency", "dollars", check=False)
        self.assertEqual(result.returncode, 2)
        self.assertIn("currency", result.stderr)
        self.assertFalse(os.path.exists(self.path("x.segments")))

    def test_demo_stats(self):
        store = self.path("demo.segments")
        run("demo", store, "--as-of", "2026-06-30")
        stats = json.loads(run("stats", store, "--as-of", "2026-06-30", "--json").stdout)
        self.assertEqual(stats["contacts"], 2000)
        self.assertGreater(stats["orders"], 7000)
        self.assertLess(stats["buyers"], 2000)
        self.assertGreater(stats["revenue"], 100000)
        self.assertEqual(stats["as_of"], "2026-06-30")
        # As of an earlier day there is less history.
        earlier = json.loads(run("stats", store, "--as-of", "2025-06-30", "--json").stdout)
        self.assertLess(earlier["orders"], stats["orders"])
        self.assertLess(earlier["revenue"], stats["revenue"])
        # The same day gives the same store.
        again = self.path("again.segments")
        run("demo", again, "--as-of", "2026-06-30")
        self.assertEqual(json.loads(run("stats", again, "--as-of", "2026-06-30", "--json").stdout),
                         stats)

    def test_not_a_store(self):
        path = self.path("orders.csv")
        with open(path, "w") as f:
            f.write("Name,Email\n#1001,ann@example.com\n")
        result = run("stats", path, "--json", check=False)
        self.assertEqual(result.returncode, 1)
        self.assertIn("orders.csv", result.stderr)
        self.assertIn("not a Segments store", result.stderr)
        self.assertEqual(result.stdout, "")
        with open(path) as f:
            self.assertEqual(f.read(), "Name,Email\n#1001,ann@example.com\n")

    def test_missing_store(self):
        result = run("stats", self.path("nope.segments"), check=False)
        self.assertEqual(result.returncode, 1)
        self.assertIn("nope.segments", result.stderr)

    def test_bad_date(self):
        store = self.path("s.segments")
        run("new", store)
        result = run("stats", store, "--as-of", "31/12/2024", check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("YYYY-MM-DD", result.stderr)

    def test_unknown_command(self):
        result = run("frobnicate", check=False)
        self.assertEqual(result.returncode, 2)
        self.assertIn("frobnicate", result.stderr)

    def test_help_lists_commands(self):
        out = run("--help").stdout
        for command in ("new", "demo", "stats"):
            self.assertIn(command, out)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]], verbosity=2)
