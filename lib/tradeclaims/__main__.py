"""Command line: python -m tradeclaims {data,check-data} ..."""

import argparse
import sys

from tradeclaims import build, paths
from tradeclaims.errors import InputError


def cmd_data(args) -> int:
    data = build.build()
    build.write(data)
    print(f"wrote {paths.relative(paths.TRADE_CSV)}: {len(data)} observations from "
          f"{data.source_id.nunique()} sources; {paths.relative(paths.DATAPACKAGE)}")
    return 0


def cmd_check_data(args) -> int:
    built = build.to_csv_text(build.build())
    committed = paths.TRADE_CSV.read_text(encoding="utf-8") if paths.TRADE_CSV.exists() else ""
    if built != committed:
        print(f"{paths.relative(paths.TRADE_CSV)} is not what the sources build: run `make data`",
              file=sys.stderr)
        return 1
    print(f"{paths.relative(paths.TRADE_CSV)} matches its sources")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tradeclaims", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("data", help="build data/trade.csv and data/datapackage.json"
                        ).set_defaults(run=cmd_data)
    commands.add_parser("check-data", help="fail if data/trade.csv differs from a fresh build"
                        ).set_defaults(run=cmd_check_data)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
