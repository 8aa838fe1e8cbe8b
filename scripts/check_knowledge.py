#!/usr/bin/env python3
"""Validates every file of knowledge/ and settings/ (KNOWLEDGE_DIR, SETTINGS_DIR,
CONTACTS_FILE) as the servers load them; prints one `file:line: entry: problem` per error.

Exit 0 when the content can be used, 1 otherwise."""

import sys

from immuno import content, content_schemas


def main() -> int:
    files = content.content_files()
    try:
        snapshot = content.load_all(files)
    except content.ContentErrors as failure:
        for error in failure.errors:
            print(error)
        print(
            f"{len(failure.errors)} problem(s): the servers keep the last good version "
            "until they are fixed",
            file=sys.stderr,
        )
        return 1
    unchecked = [
        str(path)
        for path, kind in files
        if content_schemas.schema_kind(kind) not in content_schemas.SCHEMAS
    ]
    print(f"content version {snapshot.hash}: {len(files)} files valid")
    if unchecked:
        print("read as YAML only (no schema): " + ", ".join(unchecked))
    return 0


if __name__ == "__main__":
    sys.exit(main())
