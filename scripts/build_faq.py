#!/usr/bin/env python3
"""Generate the staff FAQ page (web/faq/index.html) from the knowledge files.

Content comes only from `immuno.knowledge.load_knowledge().faq()` (every answer the
assistant gives, with its source, grouped by topic) and from the triage criteria
(`immuno.triage.load_criteria()`, knowledge/triage.yml). The output is deterministic
(no date), so tests/e2e/test_faq.py can compare the served page with a fresh build
and fail when they drift apart.

Usage:
  scripts/build_faq.py            write web/faq/index.html
  scripts/build_faq.py --check    exit 1 when web/faq/index.html is out of date
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Any, Iterable

from immuno import interface
from immuno.normalize import fold
from immuno.paths import ROOT

OUTPUT = ROOT / "web" / "faq" / "index.html"
LEVELS = ("emergency", "urgent", "advice")


# ----------------------------------------------------------------- data access ----
def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _items(collection: Any) -> list[tuple[str, Any]]:
    """(id, item) pairs of a mapping or of a list of items that carry an `id`."""
    if collection is None:
        return []
    if isinstance(collection, Mapping):
        return [(str(k), v) for k, v in collection.items()]
    return [(str(_get(item, "id", i)), item) for i, item in enumerate(collection)]


def load_faq() -> list:
    from immuno.knowledge import load_knowledge

    return load_knowledge().faq()


def load_triage() -> Any:
    """The triage criteria: immuno.triage.load_criteria() (raw YAML until it exists)."""
    try:
        from immuno.triage import load_criteria
    except ImportError:
        import yaml

        return yaml.safe_load((ROOT / "knowledge" / "triage.yml").read_text(encoding="utf-8"))
    return load_criteria()


def triage_rows(criteria: Any) -> list[dict]:
    """One row per category: its signs by level (combinations included), in file order."""
    rows: dict[str, dict] = {}
    for cat_id, cat in _items(_get(criteria, "categories")):
        rows[cat_id] = {
            "id": cat_id,
            "label": str(_get(cat, "label", cat_id)),
            "source": str(_get(cat, "source", "") or ""),
            "min_level": str(_get(cat, "min_level", "") or ""),
            "advice": str(_get(cat, "advice", "") or ""),
            "signs": {level: [] for level in LEVELS},
        }
    for key in ("signs", "combinations"):
        for _, sign in _items(_get(criteria, key)):
            category, level = _get(sign, "category"), _get(sign, "level")
            level = getattr(level, "value", level)
            if category in rows and level in LEVELS:
                label = str(_get(sign, "label", "") or _get(sign, "id", ""))
                if label not in rows[category]["signs"][level]:
                    rows[category]["signs"][level].append(label)
    return list(rows.values())


def level_messages(criteria: Any) -> list[tuple[str, str, str]]:
    levels = _get(criteria, "levels") or {}
    out = []
    for level in LEVELS:
        item = levels.get(level) if isinstance(levels, Mapping) else dict(_items(levels)).get(level)
        if item is not None:
            out.append((level, str(_get(item, "message", "")), str(_get(item, "source", ""))))
    return out


# --------------------------------------------------------------------- render ----
def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-") or "x"


def _paragraphs(text: str, indent: str) -> str:
    parts = [p.strip() for p in str(text).split("\n") if p.strip()]
    return "\n".join(f"{indent}<p>{escape(p)}</p>" for p in parts)


def _list(items: Iterable[str]) -> str:
    items = list(items)
    if not items:
        return '<span class="none">-</span>'
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def render(sections: list | None = None, criteria: Any = None) -> str:
    sections = load_faq() if sections is None else sections
    criteria = load_triage() if criteria is None else criteria
    rows = triage_rows(criteria)
    messages = level_messages(criteria)
    total = sum(len(s.entries) for s in sections)
    t = interface.section("faq")  # every French word of the page: knowledge/interface.yml
    level_names = t["level_names"]

    out: list[str] = []
    w = out.append
    w("<!doctype html>")
    w('<html lang="fr">')
    w("<head>")
    w('  <meta charset="utf-8">')
    w('  <meta name="viewport" content="width=device-width, initial-scale=1">')
    w(f"  <title>{escape(t['title'])}</title>")
    w('  <link rel="icon" href="data:,">')
    w('  <link rel="stylesheet" href="faq.css">')
    w('  <script src="faq.js" defer></script>')
    w("</head>")
    w("<body>")
    w(f'  <a class="skip" href="#faq-content">{escape(t["skip"])}</a>')
    w('  <header class="faq-header">')
    w(f"    <h1>{escape(t['title'])}</h1>")
    w(f"    <p>{t['intro'].format(total=total)}</p>")  # holds <code> markup
    w(f'    <p class="faq-emergency"><strong>{escape(t["emergency"])}</strong></p>')
    w(
        f'    <p><a href="unanswered.html">{escape(t["unanswered_link"])}</a> '
        f"{escape(t['unanswered_note'])}</p>"
    )
    w("  </header>")
    w('  <div class="faq-search" role="search">')
    w(f'    <label for="faq-search-input">{escape(t["search_label"])}</label>')
    w(
        '    <input id="faq-search-input" type="search" autocomplete="off" '
        f'aria-describedby="faq-search-count" placeholder="{escape(t["search_placeholder"])}">'
    )
    counts = " ".join(
        f'data-{key.replace("_", "-")}="{escape(t[key])}"'
        for key in ("count_all", "count_found_one", "count_found_many")
    )
    w(
        f'    <p id="faq-search-count" role="status" aria-live="polite" {counts}>'
        f"{escape(t['count_all'].format(count=total))}</p>"
    )
    w("  </div>")
    w(f'  <nav class="faq-toc" aria-label="{escape(t["contents"])}">')
    w(f"    <h2>{escape(t['contents'])}</h2>")
    w("    <ol>")
    for section in sections:
        sid = "theme-" + _slug(section.id or section.title)
        w(f'      <li><a href="#{sid}">{escape(section.title)}</a> ({len(section.entries)})</li>')
    w(f'      <li><a href="#triage">{escape(t["triage_title"])}</a></li>')
    w("    </ol>")
    w("  </nav>")
    w('  <main id="faq-content">')
    for section in sections:
        sid = "theme-" + _slug(section.id or section.title)
        w(f'    <section class="faq-section" id="{sid}" aria-labelledby="{sid}-title">')
        w(f'      <h2 id="{sid}-title">{escape(section.title)}</h2>')
        for n, entry in enumerate(section.entries):
            eid = "q-" + _slug(entry.id or f"{sid}-{n}")
            search = fold(" ".join((entry.question, str(entry.answer), entry.source)))
            w(f'      <article class="faq-entry" id="{eid}" data-search="{escape(search)}">')
            w(f'        <h3 class="faq-q">{escape(entry.question)}</h3>')
            w('        <div class="faq-a">')
            w(_paragraphs(entry.answer, "          "))
            w("        </div>")
            w(
                f'        <p class="faq-source"><span class="label">{escape(t["source"])}</span> '
                f'<span class="text">{escape(entry.source)}</span></p>'
            )
            w("      </article>")
        w("    </section>")

    w('    <section class="faq-section triage" id="triage" aria-labelledby="triage-title">')
    w(f'      <h2 id="triage-title">{escape(t["triage_title"])}</h2>')
    w(f"      <p>{escape(t['triage_intro'], quote=False)}</p>")
    if messages:
        w('      <table class="triage-levels">')
        w(f"        <caption>{escape(t['levels_caption'])}</caption>")
        w(
            f'        <thead><tr><th scope="col">{escape(t["level"])}</th>'
            f'<th scope="col">{escape(t["message"])}</th>'
            f'<th scope="col">{escape(t["source"].rstrip(" :"))}</th></tr></thead>'
        )
        w("        <tbody>")
        for level, message, source in messages:
            w(
                f'          <tr class="level-{level}"><th scope="row">{escape(level_names[level])}</th>'
                f"<td>{escape(message)}</td><td>{escape(source)}</td></tr>"
            )
        w("        </tbody>")
        w("      </table>")
    w('      <table class="triage-criteria" id="triage-criteria">')
    w(f"        <caption>{escape(t['criteria_caption'])}</caption>")
    w(
        f'        <thead><tr><th scope="col">{escape(t["category"])}</th>'
        + "".join(f'<th scope="col">{escape(level_names[lv])}</th>' for lv in LEVELS)
        + f'<th scope="col">{escape(t["advice"])}</th>'
        f'<th scope="col">{escape(t["source"].rstrip(" :"))}</th></tr></thead>'
    )
    w("        <tbody>")
    for row in rows:
        search = fold(
            " ".join(
                [row["label"], row["advice"], row["source"]]
                + [s for lv in LEVELS for s in row["signs"][lv]]
            )
        )
        w(
            f'          <tr id="triage-{_slug(row["id"])}" data-category="{escape(row["id"])}" '
            f'data-search="{escape(search)}">'
            f'<th scope="row">{escape(row["label"])}</th>'
            + "".join(f'<td class="level-{lv}">{_list(row["signs"][lv])}</td>' for lv in LEVELS)
            + f"<td>{escape(row['advice']) or '-'}</td><td>{escape(row['source'])}</td></tr>"
        )
    w("        </tbody>")
    w("      </table>")
    w("    </section>")
    w("  </main>")
    digest = hashlib.sha256("\n".join(out).encode()).hexdigest()[:12]
    w(f'  <footer class="faq-footer"><p>{escape(t["footer"].format(digest=digest))}</p></footer>')
    w("</body>")
    w("</html>")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when the page is stale")
    parser.add_argument("--output", default=str(OUTPUT))
    args = parser.parse_args(argv)
    html = render()
    path = Path(args.output)
    if args.check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != html:
            print(f"build_faq: {path} is out of date: run scripts/build_faq.py", file=sys.stderr)
            return 1
        print(f"build_faq: {path} is up to date", file=sys.stderr)
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    print(f"build_faq: wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
