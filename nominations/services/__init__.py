"""The moves of the nomination workflow: one function each; nothing else writes a state field."""

from .attachments import add_attachment, remove_attachment
from .council import approve_nominee, cast_vote, close_vote, open_vote
from .decisions import decide, default_issuer_line, preview_decision, publish
from .dossiers import (
    DuplicateNominee,
    IncompleteDossier,
    add_nominee,
    create_dossier,
    delete_draft,
    recall,
    reevaluate,
    remove_nominee,
    resubmit,
    submit,
    update_dossier,
    update_nominee,
)
from .errors import MoveRefused, NotAllowed
from .review import accept_nominee, forward_to_council, reject_nominee, return_for_revision, start_review
from .signing import sign_decision

__all__ = [
    "DuplicateNominee", "IncompleteDossier", "MoveRefused", "delete_draft", "recall",
    "NotAllowed", "accept_nominee", "add_attachment", "add_nominee",
    "approve_nominee", "cast_vote", "close_vote", "create_dossier", "decide", "default_issuer_line", "preview_decision",
    "forward_to_council", "open_vote", "publish", "reevaluate", "reject_nominee", "remove_attachment",
    "remove_nominee", "resubmit", "return_for_revision", "sign_decision", "start_review", "submit", "update_dossier",
    "update_nominee",
]
