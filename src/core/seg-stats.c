/* seg-stats.c — the little statistics the dashboard needs
 *
 * Copyright 2026 The Segments authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "seg-stats"

#include "config.h"

#include <math.h>
#include <string.h>

#include "seg-stats.h"

/**
 * seg_stats_normal_cdf:
 * @z: a standard score
 *
 * Returns: P(Z ≤ @z) for a standard normal Z
 */
double
seg_stats_normal_cdf (double z)
{
  /* erfc keeps its precision far into the tails, where 1 - erf would not. */
  return 0.5 * erfc (-z / G_SQRT2);
}

/**
 * seg_stats_two_proportion_test:
 * @successes_a: opens (or orders) of variant A
 * @trials_a: recipients of variant A
 * @successes_b: opens (or orders) of variant B
 * @trials_b: recipients of variant B
 * @test: (out caller-allocates): the result
 *
 * The two-proportion z-test with a pooled proportion, two-sided: the
 * textbook test for "is B's rate really different from A's?".
 *
 * Returns: %TRUE when the test could be computed (@test->valid)
 */
gboolean
seg_stats_two_proportion_test (gint64             successes_a,
                               gint64             trials_a,
                               gint64             successes_b,
                               gint64             trials_b,
                               SegProportionTest *test)
{
  double pooled, se;

  g_return_val_if_fail (test != NULL, FALSE);

  memset (test, 0, sizeof *test);
  test->p_value = 1.0;

  if (trials_a <= 0 || trials_b <= 0 || successes_a < 0 || successes_b < 0 ||
      successes_a > trials_a || successes_b > trials_b)
    return FALSE;

  test->rate_a = (double) successes_a / trials_a;
  test->rate_b = (double) successes_b / trials_b;

  pooled = (double) (successes_a + successes_b) / (trials_a + trials_b);
  se = sqrt (pooled * (1 - pooled) * (1.0 / trials_a + 1.0 / trials_b));
  if (!(se > 0))
    return FALSE;

  test->z = (test->rate_b - test->rate_a) / se;
  test->p_value = 2 * seg_stats_normal_cdf (-fabs (test->z));
  test->p_value = CLAMP (test->p_value, 0, 1);
  test->valid = TRUE;

  return TRUE;
}
