from .campaigns import Campaign, PublicHoliday
from .comments import PublicComment
from .council import Ballot, Conflict, Decision, DecisionLine, DecisionRegister, VoteSession
from .dossiers import Attachment, Dossier, Nominee, Transition
from .exports import BundleExport
from .inbox import Notification
from .requirements import RequiredDocument

__all__ = [
    "Attachment", "Ballot", "BundleExport", "Campaign", "Conflict", "Decision", "DecisionLine", "DecisionRegister",
    "Dossier", "Nominee", "Notification", "PublicComment", "PublicHoliday", "RequiredDocument", "Transition",
    "VoteSession",
]
