"""The README documents every command, and its reference is the current `--help` output."""

from __future__ import annotations

import click

from flows.cli import main
from flows.docs import iter_commands, updated_readme
from tests.conftest import REPO


def test_every_command_and_option_has_help_text() -> None:
    for name, command in iter_commands(main):
        assert command.help, f"{name} has no help text"
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.opts} has no help text"


def test_every_command_appears_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, _ in iter_commands(main):
        assert f"`{name}`" in readme, f"{name} missing from README.md"


def test_readme_reference_is_current() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert updated_readme(readme, main) == readme, "run `make docs` to regenerate the CLI reference"
