"""The knowledge base: the report's typology, drivers, mechanisms, CMOCs, actions, maturity
matrix and survey, read from the YAML files in ``advisor.knowledge``."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from advisor.kb.cache import cached

REPORT = (
    "Millar R, Avery Aunger J, Rafferty AM, Greenhalgh J, Mannion R, McLeod H, Faulks D. "
    "Towards achieving interorganisational collaboration between health-care providers: "
    "a realist evidence synthesis. Health Soc Care Deliv Res 2023;11(6). doi:10.3310/KPLT1423"
)

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml reads the knowledge ~8x faster

# Each kind of knowledge, in the order `advisor kb check` reports them.
KINDS: tuple[str, ...] = (
    "forms",
    "drivers",
    "domains",
    "lifecycle_stages",
    "mechanisms",
    "cmocs_functioning",
    "cmocs_performance",
    "performance_mechanisms",
    "actions",
    "maturity_elements",
    "survey_questions",
    "sections",
)
FILES = {
    "forms": "forms.yaml",
    "drivers": "drivers.yaml",
    "domains": "domains.yaml",
    "lifecycle_stages": "lifecycle_stages.yaml",
    "mechanisms": "mechanisms.yaml",
    "cmocs_functioning": "cmocs_functioning.yaml",
    "cmocs_performance": "cmocs_performance.yaml",
    "performance_mechanisms": "performance_mechanisms.yaml",
    "actions": "actions.yaml",
    "maturity_elements": "maturity.yaml",
    "survey_questions": "survey.yaml",
    "sections": "sections.yaml",
}


class Item(BaseModel):
    """One knowledge item; kind-specific fields are kept as extra attributes."""

    model_config = ConfigDict(extra="allow", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    text: str
    source: str
    lines: str | int | None = None
    out_of_scope: str | None = None
    kind: str = ""

    def get(self, key: str, default: Any = None) -> Any:
        """A kind-specific field (e.g. ``integration`` of a form)."""
        return getattr(self, key, default)


@dataclass(frozen=True)
class KnowledgeBase:
    """All knowledge items by kind and by id, with a content-derived version."""

    by_kind: dict[str, tuple[Item, ...]]
    by_id: dict[str, Item]
    version: str
    duplicate_ids: tuple[str, ...]

    def kind(self, kind: str) -> tuple[Item, ...]:
        """The items of one kind, in the report's order."""
        return self.by_kind.get(kind, ())

    def __getitem__(self, item_id: str) -> Item:
        return self.by_id[item_id]

    def __contains__(self, item_id: object) -> bool:
        return item_id in self.by_id


def _parse(texts: dict[str, str]) -> dict[str, Any]:
    """Each knowledge file's YAML as data."""
    return {kind: yaml.load(text, Loader=_LOADER) or {} for kind, text in texts.items()}  # noqa: S506 - safe


@cache
def load_knowledge() -> KnowledgeBase:
    """Load (once per process) every knowledge file shipped in ``advisor.knowledge``.

    The parsed files come from the user's cache when it holds them for exactly these texts
    (see :mod:`advisor.kb.cache`)."""
    root = files("advisor.knowledge")
    texts = {kind: root.joinpath(FILES[kind]).read_text(encoding="utf-8") for kind in KINDS}
    digest = hashlib.sha256()
    for text in texts.values():
        digest.update(text.encode())
    data = cached("knowledge", f"{digest.hexdigest()}-pyyaml{yaml.__version__}", lambda: _parse(texts))
    by_kind: dict[str, tuple[Item, ...]] = {}
    by_id: dict[str, Item] = {}
    duplicates: list[str] = []
    for kind in KINDS:
        items = tuple(Item(**{**entry, "kind": kind}) for entry in data[kind].get("items", []))
        by_kind[kind] = items
        for item in items:
            if item.id in by_id:
                duplicates.append(item.id)
            by_id[item.id] = item
    from advisor import __version__

    version = f"{__version__}+kb.{digest.hexdigest()[:10]}"
    return KnowledgeBase(by_kind, by_id, version, tuple(duplicates))
