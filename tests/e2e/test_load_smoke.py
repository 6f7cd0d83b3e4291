"""A few seconds of the load bench (tests/bench/load.py) as a smoke check: the generator sends
mixed traffic through the gateway and nothing it saw accepted is lost or applied twice."""

import pytest

from tests.bench.load import run

pytestmark = pytest.mark.stack


async def test_short_mixed_load_loses_and_duplicates_nothing() -> None:
    summary = await run(seconds=8, rate=3, users=2, faults=[], settle_seconds=60)

    assert summary["requests"] >= 10, summary
    assert summary["by_kind"].get("beneficiary_edit", {}).get("requests", 0) > 0, summary
    # Every check compared something real: the setup logins at least sent one SMS each.
    sms = next(c for c in summary["checks"] if c["item"] == "SMS per login")
    assert sms["accepted"] >= 2
    for check in summary["checks"]:
        assert check["lost"] == 0, check
        assert check["duplicated"] == 0, check
    # On a quiet stack nothing fails; a few errors would still not be losses.
    assert summary["errors"] <= summary["requests"] // 10, summary["by_kind"]
