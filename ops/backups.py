"""Consistent backups and their restore: the database (pg_dump on PostgreSQL, SQLite's online backup API on
SQLite), the media files, and a manifest with each file's SHA-256 and every table's row count.

A backup directory:
    manifest.json        written last (its presence marks a complete backup)
    database.pgdump      pg_dump's custom format, or
    database.sqlite3     a copy made by the online backup API
    media/...            the files under MEDIA_ROOT (uploads, certificate PDFs), as they were

The database is copied first, in one snapshot (PostgreSQL: pg_dump runs on a snapshot exported by the
transaction that also counts the rows; SQLite: the backup API copies one consistent state); media files are
copied after it, so every file a row names is there (a file uploaded meanwhile is an unnamed extra)."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

FORMAT = "laurel-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MEDIA = "media"


class BackupError(Exception):
    pass


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _count_rows(cursor, tables) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _vendor() -> str:
    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(_("Backups support PostgreSQL and SQLite, not %(vendor)s.") % {"vendor": vendor})
    return vendor


# --- PostgreSQL -------------------------------------------------------------------------------------------

def _pg_command(program: str, *args: str) -> tuple[list[str], dict]:
    db = connection.settings_dict
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    if (db.get("OPTIONS") or {}).get("sslmode"):
        env["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    command = [program, "--no-password"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            command += [flag, str(db[key])]
    return [*command, *args, "--dbname", db["NAME"]], env


def _run(command, env):
    if shutil.which(command[0]) is None:
        raise BackupError(_("%(program)s is not installed (PostgreSQL's client tools).") % {"program": command[0]})
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{command[0]}: {done.stderr.strip()[-2000:]}")


def _pg_dump(path: Path) -> dict[str, int]:
    """pg_dump on the snapshot of a read-only transaction that also counts the rows: dump and counts agree."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = _count_rows(cursor, connection.introspection.table_names(cursor))
        command, env = _pg_command("pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                                   f"--snapshot={snapshot}", f"--file={path}")
        _run(command, env)
    return counts


def _pg_restore(path: Path, *, clean: bool):
    if clean:
        with transaction.atomic(), connection.cursor() as cursor:
            for info in connection.introspection.get_table_list(cursor):
                kind = "VIEW" if info.type == "v" else "TABLE"
                cursor.execute(f"DROP {kind} IF EXISTS {connection.ops.quote_name(info.name)} CASCADE")
    connection.close()
    extra = ["--clean", "--if-exists"] if clean else []
    command, env = _pg_command("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
                               "--single-transaction", *extra)
    command.append(str(path))
    _run(command, env)


# --- SQLite -----------------------------------------------------------------------------------------------

def _sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return [name for (name,) in rows]


def _sqlite_backup(path: Path) -> dict[str, int]:
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)  # one step: a single consistent state of the database
        counts = _count_rows(target.cursor(), _sqlite_tables(target))
    finally:
        target.close()
    return counts


def _sqlite_restore(path: Path):
    connection.ensure_connection()
    source = sqlite3.connect(path)
    try:
        source.backup(connection.connection)  # replaces the whole database, whatever it held
    finally:
        source.close()


# --- backup -----------------------------------------------------------------------------------------------

def _files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()) if root.exists() else []


def _applied_migrations() -> dict[str, str]:
    latest = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, name), name)
    return dict(sorted(latest.items()))


def create_backup(target: Path) -> dict:
    target = Path(target)
    if connection.in_atomic_block:  # SQLite's backup would wait forever for our own transaction to end
        raise BackupError(_("A backup is taken outside any transaction."))
    if target.exists() and any(target.iterdir()):
        raise BackupError(_("%(path)s is not empty; choose a new directory.") % {"path": target})
    vendor = _vendor()
    target.mkdir(parents=True, exist_ok=True)
    database_file = DATABASE_FILES[vendor]
    counts = (_pg_dump if vendor == "postgresql" else _sqlite_backup)(target / database_file)
    media_root = Path(settings.MEDIA_ROOT)
    for source in _files_under(media_root):
        copy = target / MEDIA / source.relative_to(media_root)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, copy)
    files = {}
    for path in _files_under(target):
        files[path.relative_to(target).as_posix()] = {"sha256": sha256_of(path), "size": path.stat().st_size}
    manifest = {
        "format": FORMAT, "version": VERSION, "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": {"vendor": vendor, "file": database_file, "tables": counts,
                     "migrations": _applied_migrations()},
        "files": files,
    }
    partial = target / (MANIFEST + ".partial")
    partial.write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    partial.rename(target / MANIFEST)
    return manifest


# --- restore ----------------------------------------------------------------------------------------------

def verify_backup(source: Path) -> dict:
    """The manifest, once every file it lists has its size and SHA-256 and no other file is there."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(_("%(path)s has no readable manifest: not a complete backup (%(error)s).")
                          % {"path": source, "error": error}) from error
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(_("%(path)s is not a Laurel backup of a known version.") % {"path": source})
    listed = manifest["files"]
    present = {p.relative_to(source).as_posix() for p in _files_under(source)} - {MANIFEST}
    problems = [_("missing: %(name)s") % {"name": name} for name in sorted(set(listed) - present)]
    problems += [_("not in the manifest: %(name)s") % {"name": name} for name in sorted(present - set(listed))]
    for name in sorted(set(listed) & present):
        path = source / name
        if path.stat().st_size != listed[name]["size"] or sha256_of(path) != listed[name]["sha256"]:
            problems.append(_("checksum differs: %(name)s") % {"name": name})
    if manifest["database"]["file"] not in listed:
        problems.append(_("missing: %(name)s") % {"name": manifest["database"]["file"]})
    if problems:
        raise BackupError(_("The backup is damaged; nothing was restored.") + " " + "; ".join(problems))
    return manifest


def _media_conflicts(source: Path, manifest: dict) -> list[str]:
    media_root = Path(settings.MEDIA_ROOT)
    conflicts = []
    for name, meta in manifest["files"].items():
        if name.startswith(MEDIA + "/"):
            existing = media_root / name[len(MEDIA) + 1:]
            if existing.exists() and sha256_of(existing) != meta["sha256"]:
                conflicts.append(name[len(MEDIA) + 1:])
    return conflicts


def restore_backup(source: Path, *, force: bool = False) -> dict:
    """Into an empty database (no table at all); --force replaces what is there (tables and same-named media)."""
    source = Path(source)
    manifest = verify_backup(source)
    vendor = _vendor()
    if manifest["database"]["vendor"] != vendor:
        raise BackupError(_("This backup is of a %(theirs)s database; this installation uses %(ours)s.")
                          % {"theirs": manifest["database"]["vendor"], "ours": vendor})
    existing = connection.introspection.table_names()
    if existing and not force:
        raise BackupError(_("The database is not empty (%(count)d tables). Restore into an empty database, or "
                            "use --force to replace its contents.") % {"count": len(existing)})
    conflicts = _media_conflicts(source, manifest)
    if conflicts and not force:
        raise BackupError(_("Media files would be overwritten (%(names)s); use --force to replace them.")
                          % {"names": ", ".join(conflicts[:5])})
    database_file = source / manifest["database"]["file"]
    if vendor == "postgresql":
        _pg_restore(database_file, clean=bool(existing))
    else:
        _sqlite_restore(database_file)
    with connection.cursor() as cursor:
        counts = _count_rows(cursor, manifest["database"]["tables"])
    if counts != manifest["database"]["tables"]:
        wrong = sorted(t for t in counts if counts[t] != manifest["database"]["tables"][t])
        raise BackupError(_("Row counts differ after the restore: %(tables)s") % {"tables": ", ".join(wrong)})
    media_root = Path(settings.MEDIA_ROOT)
    restored_files = 0
    for name in manifest["files"]:
        if name.startswith(MEDIA + "/"):
            target = media_root / name[len(MEDIA) + 1:]
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / name, target)
            restored_files += 1
    return {"tables": len(counts), "rows": sum(counts.values()), "media_files": restored_files}
