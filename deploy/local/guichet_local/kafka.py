"""A single-node Kafka 3.9 broker in KRaft mode, run from the jars in deploy/kafka/libs."""

from __future__ import annotations

import base64
import logging
import os
import shutil
import subprocess
import uuid
from pathlib import Path

from aiokafka.client import AIOKafkaClient
from aiokafka.errors import KafkaError

from guichet_local import layout
from guichet_local.processes import StartupError, log_path

NAME = "kafka"
BOOTSTRAP = f"{layout.HOST}:{layout.KAFKA_PORT}"
DATA = layout.KAFKA_RUN / "data"
PROPERTIES = layout.KAFKA_RUN / "server.properties"
LOG4J = layout.KAFKA_RUN / "log4j.properties"
CLUSTER_ID = layout.KAFKA_RUN / "cluster-id"

# Lean on purpose: the whole local suite has to fit in 2.5 GiB. C1-only JIT and the serial
# collector cost little throughput for a single developer but save start time and memory.
JVM_OPTIONS = (
    "-Xms64m",
    "-Xmx384m",
    "-XX:+UseSerialGC",
    "-XX:TieredStopAtLevel=1",
    "-XX:ReservedCodeCacheSize=48m",
    "-XX:MaxMetaspaceSize=128m",
    "-Xss512k",
    "-Djava.awt.headless=true",
)

SERVER_PROPERTIES = """\
# Written by guichet_local at every start.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@{host}:{controller_port}
listeners=PLAINTEXT://{host}:{port},CONTROLLER://{host}:{controller_port}
advertised.listeners=PLAINTEXT://{host}:{port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs={data}
auto.create.topics.enable=true
num.partitions=1
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=5
# Consumers join at once instead of after the default 3 s: tests start consumers often.
group.initial.rebalance.delay.ms=0
# Few threads and a small compaction buffer: the default buffer alone is 128 MiB of heap.
num.network.threads=2
num.io.threads=2
background.threads=2
num.recovery.threads.per.data.dir=1
log.cleaner.threads=1
log.cleaner.dedupe.buffer.size=8388608
log.retention.hours=168
"""

LOG4J_PROPERTIES = """\
# Written by guichet_local at every start: everything into one file under .run/logs.
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.RollingFileAppender
log4j.appender.file.File={log}
log4j.appender.file.Append=true
log4j.appender.file.MaxFileSize=20MB
log4j.appender.file.MaxBackupIndex=1
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.org.apache.kafka.clients=WARN
"""


def installed() -> bool:
    return any(layout.KAFKA_LIBS.glob("kafka_2.13-*.jar"))


def java() -> str:
    home = os.environ.get("JAVA_HOME")
    candidate = Path(home) / "bin" / "java" if home else None
    if candidate and candidate.exists():
        return str(candidate)
    found = shutil.which("java")
    if not found:
        raise StartupError("kafka: no `java` on PATH (run `make install`)")
    return found


def classpath() -> str:
    if not installed():
        raise StartupError(
            f"kafka: no Kafka jars in {layout.KAFKA_LIBS} (run `make install` to fetch them)"
        )
    return str(layout.KAFKA_LIBS / "*")


def new_cluster_id() -> str:
    """A Kafka cluster id: a random UUID in unpadded URL-safe base64 (22 characters)."""
    while True:
        text = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        # Kafka rejects ids that would read like a command-line option.
        if not text.startswith("-"):
            return text


def cluster_id() -> str:
    if CLUSTER_ID.exists():
        return CLUSTER_ID.read_text().strip()
    value = new_cluster_id()
    CLUSTER_ID.write_text(value + "\n")
    return value


def write_config() -> None:
    layout.ensure_dirs()
    PROPERTIES.write_text(
        SERVER_PROPERTIES.format(
            host=layout.HOST,
            port=layout.KAFKA_PORT,
            controller_port=layout.KAFKA_CONTROLLER_PORT,
            data=DATA,
        )
    )
    LOG4J.write_text(LOG4J_PROPERTIES.format(log=log_path(NAME)))


def _java_base() -> list[str]:
    return [java(), *JVM_OPTIONS, f"-Dlog4j.configuration=file:{LOG4J}", "-cp", classpath()]


def format_storage() -> None:
    """Format the KRaft storage once; later starts reuse the data directory."""
    if (DATA / "meta.properties").exists():
        return
    argv = [
        *_java_base(),
        "kafka.tools.StorageTool",
        "format",
        "--ignore-formatted",
        "-t",
        cluster_id(),
        "-c",
        str(PROPERTIES),
    ]
    result = subprocess.run(argv, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        raise StartupError(f"kafka: storage format failed (exit {result.returncode}):\n{output}")


def prepare() -> list[str]:
    """Write the configuration, format storage if needed and return the broker's argv."""
    write_config()
    format_storage()
    return [*_java_base(), "kafka.Kafka", str(PROPERTIES)]


async def broker_ready() -> bool:
    """True once the broker answers a metadata request (an open port is not enough)."""
    client = AIOKafkaClient(bootstrap_servers=BOOTSTRAP, request_timeout_ms=3000)
    try:
        await client.bootstrap()
        return bool(client.cluster.brokers())
    except KafkaError:
        return False
    finally:
        await client.close()


def quiet_client_logs() -> None:
    # aiokafka logs every refused connection while we poll a starting broker.
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)
