#!/bin/sh
# run-fuzzer.sh — a short libFuzzer run as a meson test
#
# Copyright 2026 The Segments authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   run-fuzzer.sh FUZZER SEED-DIR WORK-DIR SECONDS [LIBFUZZER-OPTION...]
#
# New inputs go to WORK-DIR (in the build tree), never to the seed corpus in
# the source tree; a crash leaves its input there as crash-*, named in the log.
set -eu
fuzzer=$1 seeds=$2 work=$3 seconds=$4
shift 4
mkdir -p "$work/corpus"
exec "$fuzzer" -max_total_time="$seconds" -print_final_stats=1 \
  -artifact_prefix="$work/" "$@" "$work/corpus" "$seeds"
