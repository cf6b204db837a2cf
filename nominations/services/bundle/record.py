"""What a dossier's bundle holds, read once: the dossier, its nominees, documents, moves and comments, and
where each document goes in the ZIP. The PDF and the archive both read this, so the PDF's list of files
always names the paths the ZIP really has."""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils import timezone

from accounts.roles import Role
from config.text import clean_name

from ...enums import Move
from ...models import Attachment, Dossier, Nominee, PublicComment, Transition
from ..attachments import download_name

DOSSIER_FOLDER = "tai-lieu-ho-so"  # the dossier's own documents (proposal letter, minutes …)
# Moves whose comment is a person's words (a return's reason, a refusal …); the other moves' comment field
# holds a detail (a file name, the fields edited), shown in the timeline only.
COMMENT_MOVES = frozenset({Move.SUBMIT, Move.RESUBMIT, Move.RECALL, Move.START_REVIEW, Move.RETURN, Move.ACCEPT,
                           Move.FORWARD, Move.APPROVE, Move.REJECT})
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
_UNSAFE = re.compile(r'[\\/<>:"|?*;$`\x00-\x1f\x7f]')
PART_LIMIT = 100  # characters per path part: deep folders stay under Windows' 260-character paths


def safe_part(text: str, fallback: str = "tep") -> str:
    """One part of a path in the ZIP: NFC, one line, no separator or character a file system refuses, no
    leading dot (hidden or "..") and no Windows device name, at most PART_LIMIT characters (the extension
    kept)."""
    text = clean_name(text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = _UNSAFE.sub("_", text).strip(" .")
    if len(text) > PART_LIMIT:
        stem, dot, ext = text.rpartition(".")
        text = (stem[: PART_LIMIT - len(ext) - 1].rstrip(" .") + "." + ext) if dot and len(ext) <= 8 \
            else text[:PART_LIMIT].rstrip(" .")
    if not text:
        text = fallback
    return "_" + text if _WINDOWS_RESERVED.match(text) else text


def unique_name(name: str, taken: set[str]) -> str:
    """`name`, or "name (2).ext", "name (3).ext" … so that no two files of a folder share a name, also on
    file systems that ignore case. `taken` holds the lower-cased names already used (it is updated)."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, ext = name, ""
    candidate, number = name, 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{stem} ({number})" + (f".{ext}" if ext else "")
    taken.add(candidate.lower())
    return candidate


def local(moment, pattern: str = "%d/%m/%Y %H:%M") -> str:
    """A stored moment in the province's time zone (settings.TIME_ZONE), dd/mm/yyyy HH:MM."""
    return timezone.localtime(moment).strftime(pattern) if moment else "—"


def day(value) -> str:
    return f"{value:%d/%m/%Y}" if value else "—"


def actor_label(user) -> str:
    return str(user) if user else "—"


def role_label(user) -> str:
    """The actor's roles now (the audit row keeps who, not the role held then), a unit officer with the unit."""
    if user is None:
        return ""
    labels = []
    for role in Role:
        if role.value in user.roles:
            label = str(role.label)
            if role == Role.UNIT_OFFICER and user.unit_id:
                label += f" ({user.unit.name})"
            labels.append(label)
    return ", ".join(labels)


@dataclass
class Document:
    attachment: Attachment
    path: str  # inside the dossier's part of the ZIP


@dataclass
class NomineeEntry:
    number: int
    nominee: Nominee
    folder: str
    documents: list[Document] = field(default_factory=list)


@dataclass
class Comment:
    at: object
    by: object
    move: str  # a Move, or "" for a nominee's return comment that no move holds
    about: str  # "" for the dossier, else the nominee's name
    text: str


@dataclass
class DossierRecord:
    dossier: Dossier
    pdf_name: str
    nominees: list[NomineeEntry]
    documents: list[Document]  # the dossier's own (no nominee)
    transitions: list[Transition]
    comments: list[Comment]
    public_comments: list = field(default_factory=list)  # PublicComment rows sent while the dossier was posted

    @property
    def all_documents(self) -> list[Document]:
        return self.documents + [doc for entry in self.nominees for doc in entry.documents]


def _comments(transitions, nominees) -> list[Comment]:
    """The people's words on the dossier: every comment given with a move (returns, refusals, submissions …)
    and each nominee's current return comment that no move holds (a nominee still proposed is not moved
    when the dossier is returned, only its comment is kept)."""
    found = [Comment(t.at, t.actor, t.move, t.nominee.subject_name if t.nominee else "", t.comment)
             for t in transitions if t.move in COMMENT_MOVES and t.comment.strip()]
    said = {(t.nominee_id, t.comment.strip()) for t in transitions if t.move == Move.RETURN}
    last_return = next((t for t in reversed(transitions) if t.move == Move.RETURN and not t.nominee_id), None)
    for entry in nominees:
        nominee = entry.nominee
        if nominee.return_comment.strip() and (nominee.pk, nominee.return_comment.strip()) not in said:
            found.append(Comment(last_return.at if last_return else None, last_return.actor if last_return else None,
                                 "", nominee.subject_name, nominee.return_comment))
    found.sort(key=lambda c: (c.at is None, c.at or 0))
    return found


def load(dossier) -> DossierRecord:
    """Everything the bundle shows, in a fixed number of queries whatever the dossier's size."""
    dossier = Dossier.objects.select_related("unit__parent", "campaign", "created_by").get(pk=dossier.pk)
    nominees = list(dossier.nominees.select_related("award", "person__unit", "unit").order_by("subject_name", "pk"))
    attachments = list(Attachment.objects.filter(dossier=dossier).select_related("uploaded_by")
                       .order_by("kind", "uploaded_at", "pk"))
    transitions = list(Transition.objects.filter(dossier=dossier).select_related("actor__unit", "nominee")
                       .prefetch_related("actor__groups").order_by("at", "pk"))
    top_level: set[str] = {f"{dossier.code}-ho-so.pdf".lower(), DOSSIER_FOLDER, "manifest.json", "sha256sums"}
    entries = []
    for number, nominee in enumerate(nominees, start=1):
        folder = unique_name(safe_part(f"{number:02d} {nominee.subject_name} ({nominee.subject_code})",
                                       f"{number:02d}"), top_level)
        entries.append(NomineeEntry(number, nominee, folder))
    by_nominee = {entry.nominee.pk: entry for entry in entries}
    documents, taken = [], {}
    for attachment in attachments:
        entry = by_nominee.get(attachment.nominee_id)
        folder = entry.folder if entry else DOSSIER_FOLDER
        name = unique_name(safe_part(download_name(attachment)), taken.setdefault(folder, set()))
        document = Document(attachment, f"{folder}/{name}")
        (entry.documents if entry else documents).append(document)
    public_comments = list(PublicComment.objects.filter(nominee__dossier=dossier)
                           .select_related("nominee", "answered_by").order_by("created_at", "pk"))
    return DossierRecord(dossier=dossier, pdf_name=f"{dossier.code}-ho-so.pdf", nominees=entries,
                         documents=documents, transitions=transitions, comments=_comments(transitions, entries),
                         public_comments=public_comments)
