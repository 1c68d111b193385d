"""`advisor kb`: list, show and check the knowledge base and the rules."""

from __future__ import annotations

import json

import click

from advisor.cli.common import AdvisorUsageError
from advisor.kb.check import check_knowledge
from advisor.kb.load import KINDS, load_knowledge
from advisor.rules.registry import LAYERS, REGISTRY, STRENGTH_WORDS

LIST_KINDS = (*KINDS, "rules")


@click.group("kb")
def kb_group() -> None:
    """Browse and check the knowledge base (the report's evidence, and NHS and HM Treasury
    guidance kept apart from it) and the rules."""


@kb_group.command("list")
@click.argument("kind", type=click.Choice(LIST_KINDS))
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
def kb_list(kind: str, as_json: bool) -> None:
    """List the items of one KIND (or the rules, in reasoning order: by layer, then as registered)
    with their sources; guidance kinds (guidance, green_book) are marked as guidance, never as
    evidence."""
    if kind == "rules":
        rows = [
            {
                "id": s.id,
                "layer": s.layer,
                "phase": s.phase,
                "statement": s.statement,
                "strength": s.strength,
                "lines": list(s.lines),
                "encodes": list(s.encodes),
            }
            for s in sorted(REGISTRY.values(), key=lambda s: LAYERS.index(s.layer))
        ]
    else:
        rows = [
            {
                "id": i.id,
                "name": i.name,
                "basis": i.basis,
                "from": i.source_label,
                "source": i.source,
                **({"out_of_scope": i.out_of_scope} if i.out_of_scope else {}),
            }
            for i in load_knowledge().kind(kind)
        ]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        label = row.get("name") or row.get("statement")
        where = row.get("source") or row.get("layer")
        if row.get("basis") == "guidance":
            where = f"{row['from']}: {where}"
        click.echo(f"{row['id']:<40} {label}  [{where}]")


@kb_group.command("show")
@click.argument("item_id")
def kb_show(item_id: str) -> None:
    """Show one knowledge item or rule: its text, its source and the rules that use it."""
    kb = load_knowledge()
    if item_id in REGISTRY:
        spec = REGISTRY[item_id]
        click.echo(f"rule {spec.id} (layer: {spec.layer}, phase: {spec.phase})")
        click.echo(f"  {spec.statement}")
        click.echo(f"  support: {STRENGTH_WORDS[spec.strength or 'calibration']} ({spec.strength})")
        if spec.lines:
            click.echo(f"  report lines: {', '.join(spec.lines)}")
        if spec.target:
            click.echo(f"  pushes {spec.target} by {spec.delta:+d}")
        if spec.reads:
            click.echo(f"  reads: {', '.join(spec.reads)}")
        if spec.needs:
            click.echo(f"  needs: {', '.join(spec.needs)}")
        click.echo("  encodes:")
        for ref in spec.encodes:
            click.echo(f"    {kb[ref].citation if ref in kb else f'{ref}: MISSING'}")
        return
    if item_id not in kb:
        raise AdvisorUsageError(f"no knowledge item or rule with id {item_id!r}; `advisor kb list KIND` lists the ids")
    item = kb[item_id]
    click.echo(f"{item.id} ({item.kind}): {item.name}")
    click.echo(f"  {' '.join(item.text.split())}")
    if item.is_guidance:
        document = kb.documents.get(item.document or "", {})
        click.echo(f"  from: {item.source_label} (policy guidance, not the report's evidence)")
        published = f"{document.get('publisher', '?')}, {document.get('date', '?')}"
        click.echo(f"  document: {item.document}, {document.get('title', '?')} ({published})")
        click.echo(f"  source: {item.source}")
        click.echo(f"  where: {item.locator}")
        for url in item.urls:
            click.echo(f"  read at: {url}")
        if item.note:
            click.echo(f"  note: {' '.join(str(item.note).split())}")
    else:
        click.echo(f"  from: {item.source_label}")
        click.echo(f"  source: {item.source}" + (f", lines {item.lines}" if item.lines else ""))
    if item.out_of_scope:
        click.echo(f"  out of scope: {' '.join(item.out_of_scope.split())}")
    users = [s.id for s in REGISTRY.values() if item_id in s.encodes]
    click.echo(f"  used by rules: {', '.join(users) if users else 'none'}")


class KnowledgeBaseProblems(click.ClickException):
    """``kb check`` found problems: exit status 1 (the knowledge, not the user's input, is at fault)."""

    exit_code = 1


@kb_group.command("check")
@click.option("--json", "as_json", is_flag=True, help="Output the report as JSON.")
def kb_check(as_json: bool) -> None:
    """Validate knowledge and rules; report coverage. Exits 1 when there is any problem."""
    report = check_knowledge()
    if as_json:
        click.echo(
            json.dumps(
                {key: report[key] for key in ("coverage", "guidance", "sources", "problems")},
                indent=2,
                sort_keys=True,
            )
        )
    else:
        click.echo(f"knowledge base {report['version']}, {report['rules']} rules")
        click.echo("items by source: " + "; ".join(f"{label} {n}" for label, n in report["sources"].items()))
        click.echo("the evidence (report):")
        for kind, c in report["coverage"].items():
            click.echo(
                f"  {kind:<24} {c['total']:>3} items: {c['reasoned_on']:>3} reasoned on by rules, "
                f"{c['used_as_data']:>2} used as data, {c['out_of_scope']:>2} out of scope"
            )
            if "data_use" in c:
                click.echo(f"  {'':<24} as data: {c['data_use']}")
        click.echo("policy guidance (kept apart from the evidence):")
        for kind, c in report["guidance"].items():
            click.echo(f"  {kind:<24} {c['total']:>3} items: {c['cited_by_rules']:>3} cited by rules")
        for problem in report["problems"]:
            click.echo(f"PROBLEM: {problem}")
        if not report["problems"]:
            click.echo("ok")
    if report["problems"]:
        raise KnowledgeBaseProblems(f"{len(report['problems'])} problem(s) in the knowledge base or the rules")
