"""`make bench`: run every benchmark module and print its tables."""

from __future__ import annotations

import importlib
import sys

from benchmarks import BENCHMARKS, Table


def main() -> int:
    for name in BENCHMARKS:
        module = importlib.import_module(name)
        tables: list[Table] = module.run()
        for table in tables:
            print(table.render(), end="\n\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
