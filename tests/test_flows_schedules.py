"""`flows.schedules`: cron deployments built from `dateline.toml`, and the work-pool `prefect.yaml`."""

from __future__ import annotations

import inspect
from datetime import datetime

import yaml
from cronsim import CronSim

from flows.config import load_config, parse_config
from flows.schedules import DEFAULT_DEPLOYMENT, build_deployments, deployment_parameters, schedule_groups
from tests.conftest import REPO

EXAMPLE = REPO / "dateline.example.toml"


def _feed(name: str, **extra: object) -> dict:
    return {"name": name, "kind": "rss", "url": f"https://example.org/{name}.xml", **extra}


def test_enabled_sources_are_grouped_by_schedule():
    groups = schedule_groups(load_config(EXAMPLE))
    assert [(group.name, group.cron, group.sources) for group in groups] == [
        (DEFAULT_DEPLOYMENT, "0 * * * *", ("world-wire", "partner-batch")),
        ("city-desk", "*/30 6-22 * * *", ("city-desk",)),
        ("watchlist", "15 7 * * *", ("watchlist",)),
    ]  # "archive" is disabled
    assert groups[0].tags == ("partner", "wire", "world")


def test_sources_sharing_a_custom_schedule_share_a_deployment():
    config = parse_config({"sources": [
        _feed("morning-a", schedule="0 7 * * *"), _feed("morning-b", schedule="0 7 * * *"),
        _feed("morning-c", schedule="0 7 * * *"),
    ]})
    [group] = schedule_groups(config)
    assert group.name == "morning-a-and-2-more" and group.sources == ("morning-a", "morning-b", "morning-c")


def test_deployments_carry_the_cron_zone_sources_and_absolute_paths(tmp_path, monkeypatch):
    monkeypatch.delenv("DATELINE_DB", raising=False)
    monkeypatch.delenv("DATELINE_CHARTS_DIR", raising=False)
    config_file = tmp_path / "dateline.toml"
    config_file.write_text(
        '[schedule]\ndefault = "5 * * * *"\ntimezone = "Europe/Paris"\n'
        '[paths]\ndb = "store/news.duckdb"\n'
        '[[sources]]\nname = "wire"\nkind = "rss"\nurl = "https://example.org/rss"\ntags = ["world"]\n',
        encoding="utf-8",
    )
    config = load_config(config_file)
    [deployment] = build_deployments(config)
    assert deployment.name == DEFAULT_DEPLOYMENT
    [schedule] = deployment.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("5 * * * *", "Europe/Paris")
    assert deployment.parameters == {
        "inputs": [], "sources": ["wire"], "config_path": str(config_file.resolve()),
        "db_path": str(tmp_path / "store" / "news.duckdb"), "charts_dir": str(config.paths.charts.resolve()),
    }
    assert deployment.entrypoint == "flows.pipeline.dateline_pipeline"
    assert deployment.concurrency_limit == 1
    assert set(deployment.tags) == {"dateline", "world"}


def test_deployment_parameters_are_parameters_of_the_pipeline_flow():
    from flows.pipeline import dateline_pipeline

    accepted = set(inspect.signature(dateline_pipeline.fn).parameters)
    for group in schedule_groups(load_config(EXAMPLE)):
        assert set(deployment_parameters(load_config(EXAMPLE), group)) <= accepted


def test_prefect_yaml_deploys_the_pipeline_on_sources_of_the_example_config():
    from prefect.flows import load_flow_from_entrypoint

    project = yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8"))
    example = load_config(EXAMPLE)
    assert project["deployments"]
    for deployment in project["deployments"]:
        flow = load_flow_from_entrypoint(str(REPO / deployment["entrypoint"]))
        assert flow.name == "dateline-pipeline"
        assert set(deployment["parameters"]) <= set(inspect.signature(flow.fn).parameters)
        for name in deployment["parameters"]["sources"]:
            assert example.source(name).enabled
        for schedule in deployment["schedules"]:
            CronSim(schedule["cron"], datetime(2025, 1, 1))  # raises on a bad cron
        assert deployment["work_pool"]["name"]

