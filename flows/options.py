"""Command-line option parsing shared by several `dateline` commands."""

from __future__ import annotations

from datetime import date

import click


def parse_dct_option(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    """Click callback: a `--dct` value as a date, or a usage error naming the bad value."""
    if value is None:
        return None
    from extractors.timex import check_dct

    try:
        return check_dct(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None
