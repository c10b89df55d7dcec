"""The README's command-line reference, generated from the commands' `--help` (`python -m flows.docs`)."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import click

START = "<!-- cli-reference:start -->"
END = "<!-- cli-reference:end -->"


def iter_commands(group: click.Group, prefix: str = "dateline") -> Iterator[tuple[str, click.Command]]:
    """Every command under `group`, depth first, with its full name."""
    yield prefix, group
    for name in sorted(group.commands):
        command = group.commands[name]
        if isinstance(command, click.Group):
            yield from iter_commands(command, f"{prefix} {name}")
        else:
            yield f"{prefix} {name}", command


def cli_reference(group: click.Group) -> str:
    """Markdown with the `--help` text of every command, as the top group's context settings make it."""
    sections = []
    settings = {"terminal_width": 100, "max_content_width": 100, **group.context_settings}
    for name, command in iter_commands(group):
        with click.Context(command, info_name=name, **settings) as ctx:
            help_text = command.get_help(ctx)
        sections.append(f"### `{name}`\n\n```\n{help_text}\n```\n")
    return "\n".join(sections)


def updated_readme(readme: str, group: click.Group) -> str:
    """The README text with its reference section regenerated."""
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(readme):
        raise ValueError(f"README has no {START} … {END} section")
    return pattern.sub(lambda _: f"{START}\n{cli_reference(group)}{END}", readme)


def main() -> None:
    """Rewrite README.md's command-line reference in place."""
    from flows.cli import main as dateline

    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    path.write_text(updated_readme(path.read_text(encoding="utf-8"), dateline), encoding="utf-8")


if __name__ == "__main__":
    main()
