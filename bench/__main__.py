"""Right Help's performance targets, as ratios against a baseline measured in the same run.

    .venv/bin/python -m bench            full run
    .venv/bin/python -m bench --quick    fewer repeats (CI)
    .venv/bin/python -m bench suggestions   only the indicator suggestions' report

Each benchmark times the product's code and a baseline doing the least work that could give
the same answer, on the same machine, in the same process; the ratio is what the target
bounds, so the numbers mean the same on a laptop and on a CI runner. The exit code is 1
when a ratio is over its limit.
"""

from __future__ import annotations

import argparse
import sys

from bench.cases import CASES
from bench.timing import measure


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, for CI")
    parser.add_argument("names", nargs="*", help="run only these benchmarks")
    args = parser.parse_args(argv)
    repeats = 3 if args.quick else 7

    header = f"{'benchmark':<34} {'product':>11} {'baseline':>11} {'ratio':>7} {'limit':>6}"
    print(header)
    print("-" * len(header))
    over = []
    for case in CASES:
        if args.names and case.name not in args.names:
            continue
        setup = case.quick_setup if args.quick and case.quick_setup else case.setup
        product, baseline = setup()
        product_time = measure(product, repeats)
        baseline_time = measure(baseline, repeats)
        ratio = product_time / baseline_time
        verdict = "" if ratio <= case.limit else "  OVER"
        if verdict:
            over.append(case.name)
        print(
            f"{case.name:<34} {product_time * 1e6:>9.1f}us {baseline_time * 1e6:>9.1f}us "
            f"{ratio:>7.2f} {case.limit:>6.1f}{verdict}"
        )
        print(f"    {case.description}")
    if not args.names or "suggestions" in args.names:
        # Quality and cost of indicator suggestions on the held-aside notes (bench/suggestions.py).
        from bench.suggestions import measure as measure_suggestions

        report = measure_suggestions("report", repeats=1 if args.quick else 3)
        print()
        print("\n".join(report.lines()))
        over += report.failures()
    if over:
        print(f"\nOver the limit: {', '.join(over)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
