"""Build the static site into build/ (or the folder given): python freeze.py [--site DIR] [--out DIR]."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from ptguide.errors import ContentError

BUG_REPORT = ("This is a bug in PT Guide, not a mistake in your content. Nothing was changed in {out}/. "
              "Please report it as an issue on the PT Guide repository you copied (GitHub: Issues > New issue), "
              "with the command you ran and the lines below; they hold no patient data.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build PT Guide into a folder of static files.")
    parser.add_argument("--site", type=Path, help="content folder to build (default: site/, or $PTGUIDE_SITE)")
    parser.add_argument("--out", type=Path, default=Path("build"), help="output folder (default: build/)")
    args = parser.parse_args(argv)
    if args.site:
        os.environ["PTGUIDE_SITE"] = str(args.site)

    from ptguide import create_app
    from ptguide.freezing import freeze_site
    from ptguide.hosting import shared_origin_notice

    try:
        app = create_app()
        report = freeze_site(app, args.out)
    except ContentError as err:
        count = len(err.problems)
        print(f"The build stopped: {count} problem{'s' * (count != 1)} in the content. "
              f"Nothing was changed in {args.out}/.\n", file=sys.stderr)
        for problem in err.problems:
            print(f"  {problem}\n", file=sys.stderr)
        return 2
    except Exception:
        print(BUG_REPORT.format(out=args.out) + "\n", file=sys.stderr)
        traceback.print_exc()
        return 3
    for warning in app.extensions["ptguide"]["warnings"]:
        print(f"Warning (the build went ahead): {warning}\n", file=sys.stderr)
    notice = shared_origin_notice(app.extensions["ptguide"]["settings"]["base_url"], os.environ)
    if notice:
        print(notice, file=sys.stderr)
    print(report.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
