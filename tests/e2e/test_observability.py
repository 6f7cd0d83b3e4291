"""deploy/observability/: the files parse, every alert is labelled and explained, and (on the
running stack) every metric a dashboard or an alert uses is exported by some scrape target."""

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

OBSERVABILITY = Path(__file__).resolve().parents[2] / "deploy" / "observability"
DASHBOARDS = sorted((OBSERVABILITY / "grafana" / "dashboards").glob("*.json"))
PROVISIONING = sorted((OBSERVABILITY / "grafana" / "provisioning").rglob("*.yml"))

# PromQL words that look like metric names but are not (functions are recognised by their "(").
KEYWORDS = {
    "and",
    "or",
    "unless",
    "by",
    "without",
    "on",
    "ignoring",
    "group_left",
    "group_right",
    "bool",
    "offset",
    "inf",
    "nan",
    "sum",
    "min",
    "max",
    "avg",
    "count",
    "stddev",
    "stdvar",
    "topk",
    "bottomk",
    "quantile",
    "count_values",
    "group",
    "limitk",
    "limit_ratio",
    "atan2",
}
HISTOGRAM_SUFFIXES = ("_bucket", "_sum", "_count")


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def alert_rules() -> list[dict[str, Any]]:
    return [
        rule
        for group in load_yaml(OBSERVABILITY / "alerts.yml")["groups"]
        for rule in group["rules"]
    ]


def dashboard_expressions() -> list[tuple[str, str]]:
    found = []
    for path in DASHBOARDS:
        for panel in json.loads(path.read_text(encoding="utf-8"))["panels"]:
            for target in panel.get("targets", []):
                found.append((f"{path.name}: {panel['title']}", target["expr"]))
    return found


def all_expressions() -> list[tuple[str, str]]:
    alerts = [(f"alerts.yml: {rule['alert']}", rule["expr"]) for rule in alert_rules()]
    return alerts + dashboard_expressions()


def metric_names(expr: str) -> set[str]:
    """Metric names of a PromQL expression: identifiers used bare or before ``{`` or ``[``,
    without label matchers, grouping label lists, strings, durations, numbers, functions and
    keywords."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'', '""', expr)  # strings
    text = re.sub(r"\{[^}]*\}", "{}", text)  # label matchers
    text = re.sub(r"\[[^\]]*\]", "[]", text)  # ranges and subqueries
    text = re.sub(r"\$\{?\w+\}?", "", text)  # Grafana variables
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", r"\1", text)
    names = set()
    for match in re.finditer(r"(?<![\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?", text):
        name, call = match.group(1), match.group(2)
        if call or name.lower() in KEYWORDS:
            continue
        names.add(name)
    return names


def test_metric_names_are_parsed_out_of_promql() -> None:
    expr = (
        'histogram_quantile(0.99, sum by (service, le) (rate(x_seconds_bucket{a="b{c}"}[5m])))'
        " / on () group_left sum without (pod) (y_total) > bool 3 and z offset 5m"
        " unless count(w[$__rate_interval]) or vector(time()) % 24 >= 9 < 18 and 1e-9 > -Inf"
    )
    assert metric_names(expr) == {"x_seconds_bucket", "y_total", "z", "w"}


def test_files_parse_and_every_alert_has_severity_and_summary() -> None:
    prometheus = load_yaml(OBSERVABILITY / "prometheus.yml")
    assert prometheus["rule_files"] == ["alerts.yml"]
    assert {job["job_name"] for job in prometheus["scrape_configs"]} == {
        "gateway",
        "services",
        "workers",
    }
    for path in PROVISIONING:
        assert load_yaml(path)["apiVersion"] == 1, path
    rules = alert_rules()
    assert {rule["alert"] for rule in rules} >= {
        "GuichetHighErrorRate",
        "GuichetLatencyP99High",
        "OutboxStuck",
        "ConsumerLagHigh",
        "DeadLetter",
        "SmsFailures",
        "NothingSentInOfficeHours",
    }
    for rule in rules:
        assert rule["labels"]["severity"] in {"critical", "warning"}, rule["alert"]
        assert rule["annotations"]["summary"], rule["alert"]
        assert metric_names(rule["expr"]), rule["alert"]
    assert len({rule["alert"] for rule in rules}) == len(rules)
    assert len(DASHBOARDS) == 6
    uids = []
    for path in DASHBOARDS:
        dashboard = json.loads(path.read_text(encoding="utf-8"))
        uids.append(dashboard["uid"])
        assert dashboard["panels"], path.name
        for panel in dashboard["panels"]:
            if panel["type"] != "text":
                assert panel["targets"], panel["title"]
                assert panel["datasource"]["uid"] == "guichet-prometheus"
    assert len(set(uids)) == len(uids)


def scrape_urls() -> list[str]:
    urls = []
    for job in load_yaml(OBSERVABILITY / "prometheus.yml")["scrape_configs"]:
        for static in job["static_configs"]:
            for target in static["targets"]:
                urls.append(f"http://{target}{job.get('metrics_path', '/metrics')}")
    return urls


def exported_names(body: str) -> set[str]:
    """Sample names, plus the names a ``# TYPE`` line announces (a labelled series with no child
    yet has no sample but exists): counters with _total, histograms with their suffixes."""
    names = set()
    for line in body.splitlines():
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split(maxsplit=3)
            names.add(name)
            if kind == "counter":
                names.add(name if name.endswith("_total") else f"{name}_total")
            elif kind == "histogram":
                names.update(name + suffix for suffix in HISTOGRAM_SUFFIXES)
        elif line and not line.startswith("#"):
            names.add(re.split(r"[{\s]", line, maxsplit=1)[0])
    return names


@pytest.mark.stack
def test_every_metric_of_every_dashboard_and_alert_is_scraped() -> None:
    exported: set[str] = set()
    unreachable = []
    with httpx.Client(timeout=10) as http:
        for url in scrape_urls():
            try:
                response = http.get(url)
            except httpx.HTTPError as error:
                unreachable.append(f"{url}: {error!r}")
                continue
            if response.status_code != 200:
                unreachable.append(f"{url}: {response.status_code}")
                continue
            exported |= exported_names(response.text)
    assert not unreachable, unreachable
    missing = sorted(
        f"{where}: {name}"
        for where, expr in all_expressions()
        for name in metric_names(expr)
        if name not in exported
    )
    assert not missing, "\n".join(missing)
