"""The harness's sections, in report order. Each module measures with `run(context)` (results go
into `context.out`) and writes its part of the report with `render(context, out)`."""

from . import accuracy, burst, ceiling, efficiency, ingest, memory, peer, trace

SECTIONS = {"efficiency": efficiency, "memory": memory, "accuracy": accuracy, "ceiling": ceiling, "peer": peer,
            "ingest": ingest, "burst": burst, "trace": trace}
DEFAULT = ("efficiency", "memory", "accuracy", "ceiling", "peer", "burst")
# Rendered after the targets, each with its own.
AFTER_TARGETS = ("ingest", "burst", "trace")
