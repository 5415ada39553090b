"""Run every bench/bench_*.py in turn. Each prints its own measurements and ratios and exits non-zero on failure.

Usage: python bench/run.py [name-fragment ...]   (only the benchmarks whose file name contains a fragment)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if argv:
        scripts = [s for s in scripts if any(fragment in s.name for fragment in argv)]
    if not scripts:
        print("No benchmarks matched.")
        return 1
    failed = []
    for script in scripts:
        print(f"== {script.name}", flush=True)
        if subprocess.run([sys.executable, str(script)], cwd=HERE.parent, check=False).returncode != 0:
            failed.append(script.name)
    if failed:
        print(f"Failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
