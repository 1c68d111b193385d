"""The knowledge base, read from the YAML files in ``advisor.knowledge``: the report's
typology, drivers, mechanisms, CMOCs, actions, maturity matrix and survey (the evidence),
and, kept apart, the policy guidance the advice must work within (NHS guidance on provider
collaboration; HM Treasury's Green Book). Every item says which of these it comes from."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from advisor.kb.cache import cached
from advisor.kb.models import EVIDENCE_LABEL, GUIDANCE_KINDS, MODELS, Item

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
    "lifecycle_actions",
    "maturity_elements",
    "survey_questions",
    "sections",
    "guidance",
    "green_book",
)
SOURCE_LABELS: tuple[str, ...] = (EVIDENCE_LABEL, *GUIDANCE_KINDS.values())
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
    "lifecycle_actions": "lifecycle_actions.yaml",
    "maturity_elements": "maturity.yaml",
    "survey_questions": "survey.yaml",
    "sections": "sections.yaml",
    "guidance": "guidance.yaml",
    "green_book": "green_book.yaml",
}


@dataclass(frozen=True)
class KnowledgeBase:
    """All knowledge items by kind and by id, with a content-derived version."""

    by_kind: dict[str, tuple[Item, ...]]
    by_id: dict[str, Item]
    version: str
    duplicate_ids: tuple[str, ...]
    documents: dict[str, dict[str, Any]]
    duplicate_documents: tuple[str, ...] = ()

    def kind(self, kind: str) -> tuple[Item, ...]:
        """The items of one kind, in the report's order."""
        return self.by_kind.get(kind, ())

    def __getitem__(self, item_id: str) -> Item:
        return self.by_id[item_id]

    def __contains__(self, item_id: object) -> bool:
        return item_id in self.by_id

    def is_guidance_citation(self, citation: str) -> bool:
        """Whether a citation ('item_id: ...') cites a guidance item rather than the evidence."""
        item = self.by_id.get(citation.partition(": ")[0])
        return item is not None and item.is_guidance

    def count_by_source(self) -> dict[str, int]:
        """How many items come from each source, in :data:`SOURCE_LABELS` order."""
        counts = dict.fromkeys(SOURCE_LABELS, 0)
        for items in self.by_kind.values():
            for item in items:
                counts[item.source_label] = counts.get(item.source_label, 0) + 1
        return counts


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
    documents: dict[str, dict[str, Any]] = {}
    duplicate_documents: list[str] = []
    for kind in KINDS:
        for key, document in (data[kind].get("documents") or {}).items():
            if key in documents:
                duplicate_documents.append(key)
            documents[key] = document
        items = tuple(MODELS[kind].model_validate({**entry, "kind": kind}) for entry in data[kind].get("items", []))
        by_kind[kind] = items
        for item in items:
            if item.id in by_id:
                duplicates.append(item.id)
            by_id[item.id] = item
    from advisor import __version__

    version = f"{__version__}+kb.{digest.hexdigest()[:10]}"
    return KnowledgeBase(by_kind, by_id, version, tuple(duplicates), documents, tuple(duplicate_documents))
