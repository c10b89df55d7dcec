"""Print, as JSON, the start and end of a flow run and of each of its task runs, read from the Prefect API.

Run as `python -m bench.prefect_times FLOW_RUN_ID` with the `PREFECT_HOME` (or `PREFECT_API_URL`) of the run:
with no server configured, Prefect starts its temporary server on that home's database.
"""

from __future__ import annotations

import asyncio
import json
import sys

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

PAGE = 200  # the server's largest page


async def run_times(flow_run_id: str) -> dict[str, object]:
    """The flow run's start and end, and every task run's name, start and end (ISO timestamps)."""
    async with get_client() as client:
        flow_run = await client.read_flow_run(flow_run_id)
        only_this_run = FlowRunFilter(id=FlowRunFilterId(any_=[flow_run.id]))
        task_runs: list = []
        while page := await client.read_task_runs(
            flow_run_filter=only_this_run, offset=len(task_runs), limit=PAGE
        ):
            task_runs.extend(page)
    return {
        "flow_run": {"start": _iso(flow_run.start_time), "end": _iso(flow_run.end_time)},
        "task_runs": [
            {"name": run.name, "start": _iso(run.start_time), "end": _iso(run.end_time)} for run in task_runs
        ],
    }


def _iso(moment) -> str | None:
    return moment.isoformat() if moment is not None else None


if __name__ == "__main__":
    print(json.dumps(asyncio.run(run_times(sys.argv[1]))))
