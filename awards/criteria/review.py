"""Points only people can judge: always 'unknown' (needs review) unless marked optional."""

from django.utils.translation import gettext_lazy

from ..eligibility.messages import gettext as _
from ..eligibility.verdict import UNKNOWN, Outcome
from .base import CriterionKind, Param, register

TOPICS = {
    "outstanding_achievement": gettext_lazy("an outstanding achievement"),
    "notable_achievement": gettext_lazy("a notable achievement"),
    "unity_democracy": gettext_lazy("unity and democracy within the collective"),
    "cluster_vote": gettext_lazy("the emulation cluster's choice"),
    "other_paths": gettext_lazy("an outstanding achievement in a movement, or several achievements of provincial "
                                "influence"),
    "movement_leader": gettext_lazy("leading an emulation movement of at least three years"),
}


@register
class ReviewerJudgement(CriterionKind):
    name = "reviewer_judgement"
    label = gettext_lazy("A point judged by the reviewers")
    params = (Param("topic", "choice", "outstanding_achievement", choices=tuple(TOPICS)),)

    def evaluate(self, ctx, p):
        return Outcome(
            UNKNOWN, _("To be judged by the reviewers: %(topic)s.") % {"topic": TOPICS[p["topic"]]},
            {"topic": p["topic"]},
        )
