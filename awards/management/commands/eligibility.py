"""python manage.py eligibility --award CODE (--person CODE | --unit CODE | --all) --year YYYY
[--format json|text] [--campaign-kind annual|thematic|adhoc|long_service]"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from units.models import Person, Unit

from ...eligibility import evaluate_many
from ...enums import CampaignKind
from ...models import AwardType

CHUNK = 5000


class Command(BaseCommand):
    help = "Print the eligibility verdict of a person or unit (or of every one with --all) for an award and year."

    def add_arguments(self, parser):
        parser.add_argument("--award", required=True, help="Award code, e.g. BK_TINH.")
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--person", help="A person's code.")
        who.add_argument("--unit", help="A unit's code.")
        who.add_argument("--all", action="store_true", help="Every person and/or unit the award is for.")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["json", "text"], default="text")
        parser.add_argument("--campaign-kind", choices=CampaignKind.values, default=CampaignKind.ANNUAL)

    def handle(self, *args, **opts):
        try:
            award = AwardType.objects.get(code=opts["award"])
        except AwardType.DoesNotExist:
            raise CommandError(f"No award with code {opts['award']!r}.") from None
        if opts["person"]:
            subjects = [self._get(Person, opts["person"])]
        elif opts["unit"]:
            subjects = [self._get(Unit, opts["unit"])]
        else:
            subjects = []
            if award.for_persons:
                subjects += list(Person.objects.order_by("code"))
            if award.for_collectives:
                subjects += list(Unit.objects.order_by("code"))
        for start in range(0, len(subjects), CHUNK):
            chunk = subjects[start:start + CHUNK]
            for verdict in evaluate_many([(s, award) for s in chunk], opts["year"], opts["campaign_kind"]):
                self.stdout.write(self._render(verdict, opts["format"]))

    def _get(self, model, code):
        try:
            return model.objects.get(code=code)
        except model.DoesNotExist:
            raise CommandError(f"No {model._meta.model_name} with code {code!r}.") from None

    def _render(self, verdict, fmt: str) -> str:
        if fmt == "json":
            return json.dumps(verdict.to_dict(), ensure_ascii=False, default=str)
        lines = [f"{verdict.award_code} {verdict.subject_code} {verdict.year} [{verdict.campaign_kind}]: "
                 f"{verdict.verdict} – {verdict.verdict_label}",
                 "  " + _("rule set: %(name)s") % {"name": verdict.rule_set_name or "—"}]
        for c in verdict.criteria:
            flag = " " + _("(optional)") if c.optional else ""
            lines.append(f"  [{c.status}] {c.code}{flag}: {c.message}")
        for c in verdict.advisory:
            lines.append("  " + _("(beside the verdict)") + f" {c.code}: {c.message}")
        return "\n".join(lines)
