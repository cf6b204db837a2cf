"""python manage.py eligibility --award CODE (--person CODE | --unit CODE | --all)
(--year YYYY | --campaign ID) [--on YYYY-MM-DD] [--format json|text]
[--campaign-kind annual|thematic|adhoc|long_service]"""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from units.models import Person, Unit

from ...campaign_rules import CampaignRules
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
        parser.add_argument("--year", type=int, help="The campaign year (required without --campaign).")
        parser.add_argument("--campaign", type=int,
                            help="A campaign's id: judge with its rule set, year and kind.")
        parser.add_argument("--on", type=datetime.date.fromisoformat,
                            help="The evaluation date, YYYY-MM-DD (default today): what had been published by "
                                 "then and the base salary in force then.")
        parser.add_argument("--format", choices=["json", "text"], default="text")
        parser.add_argument("--campaign-kind", choices=CampaignKind.values, default=CampaignKind.ANNUAL)

    def _rules(self, opts) -> CampaignRules:
        if opts["campaign"] is not None:
            from nominations.models import Campaign

            campaign = Campaign.objects.select_related("rule_set").filter(pk=opts["campaign"]).first()
            if campaign is None:
                raise CommandError(f"No campaign with id {opts['campaign']}.")
            if opts["year"] is not None and opts["year"] != campaign.year:
                raise CommandError(f"Campaign {campaign.pk} is for {campaign.year}, not {opts['year']}.")
            return CampaignRules.for_campaign(campaign, on=opts["on"])
        return CampaignRules.for_year(opts["year"], opts["campaign_kind"], on=opts["on"])

    def handle(self, *args, **opts):
        if opts["year"] is None and opts["campaign"] is None:
            raise CommandError("Give --year or --campaign.")
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
        rules = self._rules(opts)
        for start in range(0, len(subjects), CHUNK):
            chunk = subjects[start:start + CHUNK]
            for verdict in rules.evaluate_many([(s, award) for s in chunk]):
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
