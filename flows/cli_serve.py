"""`dateline serve`: run the configured sources on their cron schedules until stopped."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import click

from flows.config import ConfigError, load_config, require_enabled_sources
from flows.server import ServerError, prefect_api
from flows.settings import quiet_prefect_defaults

# Scheduled runs that start together wait this long (seconds) for the warehouse's single-writer lock.
SERVE_LOCK_WAIT = "900"


def _stop_on_sigterm() -> None:
    """Turn SIGTERM into a normal exit, so the local Prefect server is stopped too (Prefect's runner
    installs its own graceful handler once it has started)."""

    def stop(_signum: int, _frame: object) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)


@click.command("serve", help="Run the configured sources on their schedules until stopped (Ctrl-C).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The config file (default: $DATELINE_CONFIG, else ./dateline.toml).")
@click.option("--port", type=click.IntRange(1, 65535), default=None,
              help="Port of the local Prefect server started when PREFECT_API_URL is not set "
                   "(default: a free port).")
def serve_command(config_path: Path | None, port: int | None) -> None:
    """Serve one cron deployment per schedule against PREFECT_API_URL, else a local Prefect server."""
    try:
        config = load_config(config_path)
        require_enabled_sources(config)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None
    quiet_prefect_defaults()
    os.environ.setdefault("DATELINE_LOCK_WAIT", SERVE_LOCK_WAIT)
    _stop_on_sigterm()
    try:
        with prefect_api(config.paths.data, port) as api_url:
            click.echo(f"Prefect API: {api_url}", err=True)
            from flows.schedules import serve_all

            serve_all(config, api_url)
    except (ConfigError, ServerError) as error:
        raise click.ClickException(str(error)) from None
    except KeyboardInterrupt:
        click.echo("Stopped.", err=True)
