"""Offline checks of the production deployment (deploy/images, deploy/compose, deploy/k8s).

Nothing here builds an image or starts a container (no container engine on the build machines):

- Dockerfiles: every path they copy exists (for every service);
- compose: Debian's ``docker-compose config`` (1.29, bundles the Compose Specification's JSON
  schema) and ``jsonschema`` against that bundled schema; skipped when the package is absent;
- Kubernetes: ``kubernetes-validate`` (strict, bundled schemas) for built-in kinds; Strimzi's
  custom resources are not in it, so they get a small structural check here (Kong's: in
  test_kong_ingress.py);
- both: every setting a service needs in production is provided (the settings classes are loaded
  with the environment each deployment gives them).
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml
from pydantic import SecretStr

from beneficiary.settings import BeneficiarySettings
from documents.settings import DocumentsSettings
from identity.settings import IdentitySettings
from invoicing.settings import InvoicingSettings
from kernel.settings import ServiceSettings
from notification.settings import NotificationSettings
from organisation.settings import OrganisationSettings

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "deploy" / "images"
COMPOSE_DIR = ROOT / "deploy" / "compose"
COMPOSE_FILE = COMPOSE_DIR / "compose.yaml"
K8S = ROOT / "deploy" / "k8s"
KUBERNETES_VERSION = "1.37.0"
DEBIAN_COMPOSE_SCHEMA = Path("/usr/lib/python3/dist-packages/compose/config/compose_spec.json")

SETTINGS: dict[str, type[ServiceSettings]] = {
    "identity": IdentitySettings,
    "organisation": OrganisationSettings,
    "beneficiary": BeneficiarySettings,
    "invoicing": InvoicingSettings,
    "notification": NotificationSettings,
    "documents": DocumentsSettings,
}
SERVICES = list(SETTINGS)
# Optional secrets a production deployment may leave empty (SMTP without authentication).
OPTIONAL_SECRETS = {"NOTIFICATION_SMTP_USERNAME", "NOTIFICATION_SMTP_PASSWORD"}
TOPICS = [
    "identity.account",
    "identity.probe",
    "organisation.registration",
    "organisation.membership",
    "beneficiary.beneficiary",
    "invoicing.invoice",
    "documents.file",
]
CRD_GROUPS = {"kafka.strimzi.io", "configuration.konghq.com"}


# --- helpers -------------------------------------------------------------------------------


def _compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE_FILE.read_text())


def _required_compose_variables() -> set[str]:
    return set(re.findall(r"\$\{([A-Z0-9_]+):\?", COMPOSE_FILE.read_text()))


def _compose_environment() -> dict[str, str]:
    """Placeholder values for every variable compose refuses to start without."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DOCKER_", "COMPOSE_"))}
    env.update({name: "x" for name in _required_compose_variables()})
    return env


def _placeholder(name: str) -> str:
    return "[]" if name.endswith("CLIENTS") else "x"


def _interpolate(value: str) -> str:
    """Compose-style substitution with placeholder values: `${X:?..}` -> "x", `${X:-d}` -> d."""

    def one(match: re.Match[str]) -> str:
        name, operator, rest = match.group(1), match.group(2), match.group(3) or ""
        return rest if operator == ":-" else _placeholder(name)

    return re.sub(r"\$\{([A-Z0-9_]+)(:\?|:-)?([^}]*)\}", one, value)


def _k8s_documents() -> list[tuple[str, dict[str, Any]]]:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    documents = []
    for name in kustomization["resources"]:
        for document in yaml.safe_load_all((K8S / name).read_text()):
            if document:
                documents.append((name, document))
    return documents


def _kinds(kind: str) -> list[dict[str, Any]]:
    return [document for _, document in _k8s_documents() if document["kind"] == kind]


def _load_settings(
    monkeypatch: pytest.MonkeyPatch, service: str, env: dict[str, str]
) -> ServiceSettings:
    prefix = service.upper() + "_"
    for name in list(os.environ):
        if name.startswith(prefix):
            monkeypatch.delenv(name)
    for name, value in env.items():
        if name.startswith(prefix):
            monkeypatch.setenv(name, value)
    return SETTINGS[service]()


def _unset_secret_fields(service: str, env: dict[str, str]) -> list[str]:
    """Optional secret fields (generated in local mode) the deployment does not provide."""
    prefix = service.upper() + "_"
    missing = []
    for field, info in SETTINGS[service].model_fields.items():
        if "SecretStr" not in str(info.annotation) and info.annotation is not SecretStr:
            continue
        name = prefix + field.upper()
        if name in OPTIONAL_SECRETS:
            continue
        if info.default is None and not env.get(name):
            missing.append(name)
    return missing


# --- images ---------------------------------------------------------------------------------


@pytest.mark.parametrize("dockerfile", ["python.Dockerfile", "web.Dockerfile"])
def test_dockerfile_copies_existing_paths(dockerfile: str) -> None:
    text = (IMAGES / dockerfile).read_text()
    copies = [
        line.split()[1:]
        for line in text.splitlines()
        if line.startswith("COPY ") and "--from=" not in line
    ]
    assert copies
    for service in SERVICES if "${SERVICE}" in text else [""]:
        for words in copies:
            sources = [w for w in words if not w.startswith("--")][:-1]
            for source in sources:
                path = ROOT / source.replace("${SERVICE}", service)
                assert path.exists(), f"{dockerfile}: COPY source {source} ({path}) missing"
    assert (IMAGES / f"{dockerfile}.dockerignore").is_file()


def test_python_image_runs_as_non_root_and_selects_the_process() -> None:
    text = (IMAGES / "python.Dockerfile").read_text()
    assert "ARG SERVICE" in text
    assert "uv sync --frozen --no-dev" in text
    assert "UV_PROJECT_ENVIRONMENT=/app/.venv" in text
    assert re.search(r"^USER 10001", text, re.M)
    entrypoint = (IMAGES / "entrypoint.sh").read_text()
    for command in ('python -m "$SERVICE"', '"$SERVICE.worker"', '"$SERVICE.migrate"'):
        assert command in entrypoint
    assert os.access(IMAGES / "entrypoint.sh", os.X_OK)
    for service in SERVICES:
        package = ROOT / "services" / service / service
        assert (package / "__main__.py").is_file()
        assert (package / "worker.py").is_file() or (package / "worker").is_dir()
        assert (package / "migrate.py").is_file()


def test_web_image_has_spa_fallback() -> None:
    assert "try_files $uri $uri/ /index.html" in (IMAGES / "web.nginx.conf").read_text()
    assert "npm run build" in (IMAGES / "web.Dockerfile").read_text()


# --- compose --------------------------------------------------------------------------------


def test_compose_matches_the_compose_specification_schema() -> None:
    if not DEBIAN_COMPOSE_SCHEMA.is_file():
        pytest.skip("Debian's docker-compose package (bundled compose_spec.json) not installed")
    schema = json.loads(DEBIAN_COMPOSE_SCHEMA.read_text())
    jsonschema.Draft7Validator(schema).validate(_compose())


@pytest.mark.skipif(not shutil.which("docker-compose"), reason="docker-compose not installed")
def test_docker_compose_config_accepts_the_file_and_refuses_missing_secrets() -> None:
    command = ["docker-compose", "-f", str(COMPOSE_FILE), "config", "-q"]
    ok = subprocess.run(command, env=_compose_environment(), capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    env = _compose_environment()
    del env["POSTGRES_PASSWORD"]
    refused = subprocess.run(command, env=env, capture_output=True, text=True)
    assert refused.returncode != 0
    assert "POSTGRES_PASSWORD" in refused.stderr


def test_compose_has_every_process_in_order() -> None:
    services = _compose()["services"]
    for name in ("kong", "kong-config", "kafka", "postgres", "prometheus", "grafana", "web"):
        assert name in services, name
    assert services["kafka"]["image"].startswith("apache/kafka:")
    assert services["kong"]["environment"]["KONG_DATABASE"] == "off"
    for service in SERVICES:
        migrate = services[f"{service}-migrate"]
        assert migrate["command"] == ["migrate"]
        for process in (service, f"{service}-worker"):
            depends = services[process]["depends_on"]
            assert depends[f"{service}-migrate"] == {"condition": "service_completed_successfully"}
        assert services[f"{service}-worker"]["command"] == ["worker"]
    init = (COMPOSE_DIR / "postgres-init.sh").read_text()
    for service in SERVICES:
        assert service in init


def test_compose_mounts_exist() -> None:
    observability = ROOT / "deploy" / "observability"
    for name, service in _compose()["services"].items():
        for volume in service.get("volumes", []):
            source = volume.split(":", 1)[0]
            if not source.startswith("."):
                continue
            path = (COMPOSE_DIR / source).resolve()
            if path.is_relative_to(observability) and not observability.exists():
                continue  # created by the observability work; checked once it lands
            assert path.exists(), f"{name}: bind mount {source} missing"


def test_compose_holds_no_secret() -> None:
    secretive = re.compile(r"(PASSWORD|SECRET|_KEY|CLIENTS|DATABASE_URL)$")
    for name, service in _compose()["services"].items():
        for variable, value in (service.get("environment") or {}).items():
            if secretive.search(variable) and variable not in OPTIONAL_SECRETS:
                assert re.search(r"\$\{[A-Z0-9_]+:\?", str(value)), f"{name}: {variable}"


@pytest.mark.parametrize("service", SERVICES)
def test_compose_provides_production_settings(
    monkeypatch: pytest.MonkeyPatch, service: str
) -> None:
    services = _compose()["services"]
    for process in (service, f"{service}-worker", f"{service}-migrate"):
        env = {k: _interpolate(str(v)) for k, v in services[process]["environment"].items()}
        settings = _load_settings(monkeypatch, service, env)
        assert not settings.is_local
        assert settings.http_host == "0.0.0.0"  # noqa: S104 (inside a container)
        assert _unset_secret_fields(service, env) == []


# --- Kubernetes -----------------------------------------------------------------------------


def test_kustomization_lists_every_manifest() -> None:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    files = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert set(kustomization["resources"]) == files
    assert kustomization["namespace"] == "guichet"


def test_builtin_kinds_pass_kubernetes_validate() -> None:
    checked = 0
    for name, document in _k8s_documents():
        if document["apiVersion"].split("/")[0] in CRD_GROUPS:
            continue
        try:
            kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)
        except kubernetes_validate.ValidationError as error:
            pytest.fail(f"{name} {document['kind']}/{document['metadata']['name']}: {error}")
        checked += 1
    assert checked > 40


def test_no_secret_in_the_tree() -> None:
    assert _kinds("Secret") == []
    secretive = re.compile(r"(PASSWORD|SECRET|_KEY|CLIENTS|DATABASE_URL)$")
    for config_map in _kinds("ConfigMap"):
        for key in config_map["data"]:
            assert not secretive.search(key), f"{config_map['metadata']['name']}: {key}"


def _containers(document: dict[str, Any]) -> list[dict[str, Any]]:
    return document["spec"]["template"]["spec"]["containers"]


def test_deployments_probe_scale_and_survive_disruptions() -> None:
    deployments = {d["metadata"]["name"]: d for d in _kinds("Deployment")}
    autoscaled = {h["spec"]["scaleTargetRef"]["name"] for h in _kinds("HorizontalPodAutoscaler")}
    budgets = [p["spec"]["selector"]["matchLabels"] for p in _kinds("PodDisruptionBudget")]
    services = {s["metadata"]["name"]: s for s in _kinds("Service")}
    for service in SERVICES:
        api = _containers(deployments[service])[0]
        assert api["livenessProbe"]["httpGet"]["path"] == "/healthz"
        assert api["readinessProbe"]["httpGet"]["path"] == "/readyz"
        worker = _containers(deployments[f"{service}-worker"])[0]
        assert worker["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "metrics"}
        assert services[service]["spec"]["ports"][0]["port"] == 8000
    for name, deployment in deployments.items():
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
        assert any(budget.items() <= labels.items() for budget in budgets), f"no PDB for {name}"
        if name != "web":
            assert name in autoscaled, f"no HPA for {name}"
    jobs = {j["metadata"]["name"]: j for j in _kinds("Job")}
    for service in SERVICES:
        assert _containers(jobs[f"{service}-migrate"])[0]["args"] == ["migrate"]


@pytest.mark.parametrize("service", SERVICES)
def test_k8s_provides_production_settings(monkeypatch: pytest.MonkeyPatch, service: str) -> None:
    config_maps = {c["metadata"]["name"]: c["data"] for c in _kinds("ConfigMap")}
    workloads = [
        d
        for d in [*_kinds("Deployment"), *_kinds("Job")]
        if d["metadata"]["name"] in (service, f"{service}-worker", f"{service}-migrate")
    ]
    assert len(workloads) == 3
    for workload in workloads:
        container = _containers(workload)[0]
        env: dict[str, str] = {}
        for source in container["envFrom"]:
            env.update(config_maps[source["configMapRef"]["name"]])
        for variable in container["env"]:
            reference = variable["valueFrom"]["secretKeyRef"]
            assert reference["name"] == f"guichet-{service}"
            if not reference.get("optional"):
                env[variable["name"]] = _placeholder(variable["name"])
        settings = _load_settings(monkeypatch, service, env)
        assert not settings.is_local
        assert _unset_secret_fields(service, env) == []


def test_strimzi_resources() -> None:
    """Structural check: Strimzi's CRDs are not in kubernetes-validate."""
    (kafka,) = _kinds("Kafka")
    pools = _kinds("KafkaNodePool")
    cluster = kafka["metadata"]["name"]
    assert kafka["apiVersion"] == "kafka.strimzi.io/v1beta2"
    assert kafka["metadata"]["annotations"]["strimzi.io/kraft"] == "enabled"
    assert kafka["metadata"]["annotations"]["strimzi.io/node-pools"] == "enabled"
    assert "zookeeper" not in kafka["spec"]
    assert pools
    assert all(p["metadata"]["labels"]["strimzi.io/cluster"] == cluster for p in pools)
    roles = {role for pool in pools for role in pool["spec"]["roles"]}
    assert roles == {"controller", "broker"}
    brokers = sum(p["spec"]["replicas"] for p in pools if "broker" in p["spec"]["roles"])
    topics = {t["spec"]["topicName"]: t for t in _kinds("KafkaTopic")}
    assert set(topics) == {*TOPICS, *(t + ".dlq" for t in TOPICS)}
    for topic in topics.values():
        assert topic["metadata"]["labels"]["strimzi.io/cluster"] == cluster
        assert re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", topic["metadata"]["name"])
        assert 1 <= topic["spec"]["replicas"] <= brokers
        assert topic["spec"]["partitions"] >= 1
    bootstrap = f"{cluster}-kafka-bootstrap:9092"
    for data in (c["data"] for c in _kinds("ConfigMap")):
        assert all(v == bootstrap for k, v in data.items() if k.endswith("_KAFKA_BOOTSTRAP"))


def test_topics_are_the_ones_the_contracts_declare() -> None:
    declared = set()
    for module in (ROOT / "contracts" / "contracts").glob("*.py"):
        declared |= set(re.findall(r'TOPIC: ClassVar\[str\] = "([^"]+)"', module.read_text()))
    assert declared == set(TOPICS)


def test_compose_prometheus_scrapes_the_jobs_of_deploy_observability() -> None:
    observability = ROOT / "deploy" / "observability" / "prometheus.yml"
    reference = yaml.safe_load(observability.read_text())
    ours = yaml.safe_load((COMPOSE_DIR / "prometheus.yml").read_text())
    assert ours["rule_files"] == reference["rule_files"]
    jobs = {job["job_name"]: job for job in ours["scrape_configs"]}
    for job in ("services", "workers"):
        reference_labels = [
            group["labels"]
            for item in reference["scrape_configs"]
            if item["job_name"] == job
            for group in item["static_configs"]
        ]
        assert [group["labels"] for group in jobs[job]["static_configs"]] == reference_labels
    services = _compose()["services"]
    for job in jobs.values():
        for group in job["static_configs"]:
            (target,) = group["targets"]
            assert target.split(":")[0] in services, target
    mounts = services["prometheus"]["volumes"]
    assert "../observability/alerts.yml:/etc/prometheus/alerts.yml:ro" in mounts
