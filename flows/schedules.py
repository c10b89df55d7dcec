"""When the pipeline runs: one cron deployment of `dateline-pipeline` per schedule in `dateline.toml`.

Enabled sources that share a schedule share a deployment (one flow run reads them all, so runs that would
start together do not queue on the warehouse's single-writer lock): the sources on the default schedule form
the deployment `default`; a source with its own schedule gives its name to its deployment (with
`-and-N-more` when others share that schedule). Each deployment runs at most one flow run at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

from prefect import serve
from prefect.deployments.runner import RunnerDeployment
from prefect.schedules import Cron
from prefect.settings import PREFECT_API_URL, temporary_settings
from prefect.types.entrypoint import EntrypointType

from flows.config import Config, require_enabled_sources
from flows.pipeline import dateline_pipeline

DEFAULT_DEPLOYMENT = "default"


@dataclass(frozen=True)
class ScheduleGroup:
    """The enabled sources that run on one cron schedule, and the deployment's name."""

    name: str
    cron: str
    sources: tuple[str, ...]
    tags: tuple[str, ...]


def schedule_groups(config: Config) -> list[ScheduleGroup]:
    """Group the enabled sources by schedule, in the order the config first lists each schedule."""
    by_cron: dict[str, list] = {}
    for source in config.sources:
        if source.enabled:
            by_cron.setdefault(config.schedule_of(source), []).append(source)
    groups = []
    for cron, sources in by_cron.items():
        if cron == config.default_schedule:
            name = DEFAULT_DEPLOYMENT
        elif len(sources) == 1:
            name = sources[0].name
        else:
            name = f"{sources[0].name}-and-{len(sources) - 1}-more"
        tags = sorted({tag for source in sources for tag in source.tags})
        groups.append(ScheduleGroup(name, cron, tuple(s.name for s in sources), tuple(tags)))
    return groups


def deployment_parameters(config: Config, group: ScheduleGroup) -> dict:
    """The pipeline's parameters for a group: its source names, the config file and the paths (absolute)."""
    return {
        "inputs": [],
        "sources": list(group.sources),
        "config_path": str(config.path.resolve()) if config.path else None,
        "db_path": str(config.paths.db.resolve()),
        "charts_dir": str(config.paths.charts.resolve()),
    }


def build_deployments(config: Config) -> list[RunnerDeployment]:
    """A cron deployment of `dateline-pipeline` per schedule group."""
    return [
        dateline_pipeline.to_deployment(
            name=group.name,
            schedules=[Cron(group.cron, timezone=config.timezone)],
            parameters=deployment_parameters(config, group),
            tags=["dateline", *group.tags],
            description=f"Read {', '.join(group.sources)} on '{group.cron}' ({config.timezone}).",
            concurrency_limit=1,
            entrypoint_type=EntrypointType.MODULE_PATH,
        )
        for group in schedule_groups(config)
    ]


def serve_all(config: Config, api_url: str) -> None:
    """Serve the deployments of `config` on the Prefect server at `api_url` until interrupted (Ctrl-C or
    SIGTERM); their schedules are paused then."""
    require_enabled_sources(config)
    with temporary_settings(updates={PREFECT_API_URL: api_url}):
        serve(*build_deployments(config), print_starting_message=True)
