"""The one loader of the content clinicians and hospitals edit: knowledge/ and settings/.

Directories: KNOWLEDGE_DIR (default <repo>/knowledge) and SETTINGS_DIR (default
<repo>/settings); CONTACTS_FILE names a contacts file kept elsewhere.

`current()` returns a Snapshot: every file parsed and validated together, with one content
hash. Both servers call it, so both use the files on disk; when a file changes the whole
set is loaded again, and if any file is invalid (a half-saved edit, a mistyped id) the
previous good snapshot stays in use and the log says which file, line and entry are wrong.
Validation raises ContentError, never `assert`, so it holds under `python -O`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import yaml

from immuno import content_schemas
from immuno.paths import ROOT as REPO

log = logging.getLogger(__name__)


def knowledge_dir() -> Path:
    return Path(os.environ.get("KNOWLEDGE_DIR") or REPO / "knowledge").resolve()


def settings_dir() -> Path:
    return Path(os.environ.get("SETTINGS_DIR") or REPO / "settings").resolve()


def contacts_file() -> Path:
    return Path(os.environ.get("CONTACTS_FILE") or settings_dir() / "contacts.yml").resolve()


class ContentError(ValueError):
    """A content file that cannot be used; str() is `file:line: entry: problem`."""

    def __init__(self, path: Path, line: Optional[int], entry: str, problem: str):
        self.path, self.line, self.entry, self.problem = Path(path), line, entry, problem
        where = f"{_display(self.path)}:{line}" if line else _display(self.path)
        super().__init__(f"{where}: {entry + ': ' if entry else ''}{problem}")


class ContentErrors(ValueError):
    def __init__(self, errors: Sequence[ContentError]):
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# ---- one file -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Document:
    path: Path
    kind: str  # path under knowledge/ ("triage.yml", "lexicon/signs/skin.yml") or settings/
    raw: bytes
    data: Any = field(compare=False)
    root: Any = field(compare=False, repr=False)  # the YAML node tree, for line numbers

    def line(self, path: Sequence[Any]) -> Optional[int]:
        """1-based line of the deepest node of `path` that exists."""
        node, line = self.root, (self.root.start_mark.line + 1 if self.root else None)
        for key in path:
            node, mark = _child(node, key)
            if node is None:
                break
            line = mark.line + 1
        return line

    def entry(self, path: Sequence[Any]) -> str:
        """`signs[id=fever].level` rather than `signs.12.level`."""
        parts, value = [], self.data
        for key in path:
            if isinstance(key, int) and isinstance(value, list) and key < len(value):
                item = value[key]
                label = item.get("id") if isinstance(item, dict) else None
                parts.append(f"[id={label}]" if label else f"[{key}]")
                value = item
            else:
                parts.append(("." if parts else "") + str(key))
                value = value.get(key) if isinstance(value, dict) else None
        return "".join(parts)

    def error(self, path: Sequence[Any], problem: str) -> ContentError:
        return ContentError(self.path, self.line(path), self.entry(path), problem)


def _child(node, key):
    """The child node and where it starts (for a mapping entry: its key)."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == str(key):
                return value_node, key_node.start_mark
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key], node.value[key].start_mark
    return None, None


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ten times faster


def _compose_and_load(text: str):
    """The node tree (for line numbers) and the data, from one parse."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        return root, (loader.construct_document(root) if root is not None else None)
    finally:
        loader.dispose()


def _duplicate_keys(path: Path, root) -> List[ContentError]:
    """A key written twice in one mapping: YAML keeps the last one and silently drops the
    entries of the first (a nurse's added phrases would be lost)."""
    errors, stack = [], [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen = set()
            for key_node, value_node in node.value:
                if key_node.value in seen:
                    errors.append(
                        ContentError(
                            path,
                            key_node.start_mark.line + 1,
                            str(key_node.value),
                            f"{key_node.value!r} is written twice here: merge the two",
                        )
                    )
                seen.add(key_node.value)
                stack.append(value_node)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return errors


def parse(path: Path, kind: Optional[str] = None) -> Document:
    """Reads and validates one file; raises ContentErrors naming every problem found."""
    path = Path(path)
    kind = path.name if kind is None else kind
    raw = path.read_bytes()
    try:
        root, data = _compose_and_load(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ContentErrors([ContentError(path, None, "", f"not UTF-8 text ({error.reason})")])
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = " ".join(filter(None, [error.context, error.problem]))
        if error.context_mark and mark and error.context_mark.line != mark.line:
            problem += f" (the block starts at line {error.context_mark.line + 1})"
        raise ContentErrors(
            [ContentError(path, mark.line + 1 if mark else None, "", f"not valid YAML: {problem}")]
        )
    document = Document(path, kind, raw, data, root)
    errors = _duplicate_keys(path, root) if root is not None else []
    errors += [document.error(p, problem) for p, problem in content_schemas.problems(kind, data)]
    if errors:
        raise ContentErrors(errors)
    return document


# ---- the whole set --------------------------------------------------------------------------
def content_files() -> List[Tuple[Path, str]]:
    """(path, kind) of every file of knowledge/ and settings/, CONTACTS_FILE as contacts."""
    contacts = contacts_file()
    knowledge, settings = knowledge_dir(), settings_dir()
    files = [
        (path, path.relative_to(knowledge).as_posix()) for path in sorted(knowledge.rglob("*.yml"))
    ]
    files += [
        (path, path.name) for path in sorted(settings.glob("*.yml")) if path.name != "contacts.yml"
    ]
    return files + [(contacts, "contacts.yml")]


@dataclass(frozen=True)
class Snapshot:
    documents: Dict[str, Document]  # by kind ("triage.yml", "contacts.yml", ...)
    hash: str

    def data(self, kind: str) -> Any:
        return self.documents[kind].data


def _hash(documents: Sequence[Document]) -> str:
    digest = hashlib.sha256()
    for document in documents:
        digest.update(document.kind.encode() + b"\0" + document.raw + b"\0")
    return digest.hexdigest()[:12]


def load_all(files: Optional[Sequence[Tuple[Path, str]]] = None) -> Snapshot:
    """Parses every file; raises ContentErrors listing the problems of all of them."""
    documents, errors = [], []
    for path, kind in files if files is not None else content_files():
        try:
            documents.append(parse(path, kind))
        except ContentErrors as failure:
            errors.extend(failure.errors)
        except OSError as error:
            errors.append(ContentError(path, None, "", f"cannot be read ({error.strerror})"))
    by_kind = {d.kind: d for d in documents}
    errors += [
        ContentError(Path(kind), None, "", "missing")
        for kind in content_schemas.REQUIRED
        if kind not in by_kind and not errors
    ]
    if errors:
        raise ContentErrors(errors)
    errors = [
        by_kind[kind].error(p, problem)
        for kind, p, problem in content_schemas.cross_file_problems(
            {k: d.data for k, d in by_kind.items()}
        )
    ]
    if errors:
        raise ContentErrors(errors)
    return Snapshot(by_kind, _hash(documents))


class _Current:
    """The snapshot in use for one set of directories, reloaded when a file changes and
    kept when the changed files are not valid."""

    def __init__(self):
        self.lock = threading.Lock()
        self.snapshot: Optional[Snapshot] = None
        self.stamp: Optional[Tuple] = None
        self.rejected: Optional[Tuple[Tuple, str]] = None

    @staticmethod
    def _stamp(files: Sequence[Tuple[Path, str]]) -> Tuple:
        stamps = []
        for path, _ in files:
            try:
                stat = path.stat()
                stamps.append(
                    (str(path), stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size)
                )
            except OSError:
                stamps.append((str(path),))
        return tuple(stamps)

    def _unchanged(self, stamp: Tuple) -> bool:
        return stamp == self.stamp or bool(self.rejected and self.rejected[0] == stamp)

    def get(self) -> Snapshot:
        files = content_files()
        stamp = self._stamp(files)
        if self._unchanged(stamp):
            return self.snapshot
        with self.lock:
            if self._unchanged(stamp):
                return self.snapshot
            try:
                snapshot = load_all(files)
            except ContentErrors as failure:
                if self.snapshot is None:
                    raise
                self.rejected = (stamp, str(failure))
                log.error(
                    "content: the edited files are not valid, still using version %s "
                    "until they are fixed:\n%s",
                    self.snapshot.hash,
                    failure,
                )
                return self.snapshot
            previous = self.snapshot
            self.snapshot, self.stamp, self.rejected = snapshot, stamp, None
            if previous is None:
                log.info(
                    "content: version %s loaded from %s and %s",
                    snapshot.hash,
                    knowledge_dir(),
                    settings_dir(),
                )
            elif previous.hash != snapshot.hash:
                log.info("content: version %s replaces %s", snapshot.hash, previous.hash)
            return snapshot


_by_location: Dict[Tuple[Path, Path, Path], _Current] = {}


def _for_location() -> _Current:
    # A last good version only stands in for files at the same place.
    location = (knowledge_dir(), settings_dir(), contacts_file())
    return _by_location.setdefault(location, _Current())


def current() -> Snapshot:
    """The content in use; raises ContentErrors only when no good version was ever loaded."""
    return _for_location().get()


class Derived:
    """What a module builds from the content (compiled criteria, the knowledge index),
    rebuilt once per content version. When building fails on a new version (a check that
    only the builder knows), the last good result stays in use and the log says so."""

    def __init__(self, name: str, build: Callable[[Snapshot], Any]):
        self.name, self.build = name, build
        self.version: Optional[str] = None
        self.rejected: Optional[str] = None
        self.value: Any = None

    def get(self) -> Any:
        snapshot = current()
        if snapshot.hash not in (self.version, self.rejected):
            try:
                value = self.build(snapshot)
            except (KeyError, TypeError, ValueError) as error:
                if self.value is None:
                    raise
                self.rejected = snapshot.hash
                log.error(
                    "content: version %s is not usable for the %s, still using version %s: %s",
                    snapshot.hash,
                    self.name,
                    self.version,
                    error,
                )
                return self.value
            self.version, self.value = snapshot.hash, value
        return self.value


def status() -> Dict[str, Any]:
    """What a status endpoint shows: the version in use, and a rejected edit if any."""
    snapshot = current()
    rejected = _for_location().rejected
    return {
        "content_hash": snapshot.hash,
        "knowledge_dir": str(knowledge_dir()),
        "settings_dir": str(settings_dir()),
        "files": sorted(str(d.path) for d in snapshot.documents.values()),
        "rejected_edit": rejected[1] if rejected else None,
    }
