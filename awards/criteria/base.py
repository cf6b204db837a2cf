"""The registry of criterion kinds. Each kind declares its parameters (name, type, choices, default) so an
administrator's parameters are checked on save, and evaluates one subject against the records snapshot."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from ..eligibility.messages import gettext as _
from ..eligibility.verdict import COLLECTIVE, PERSON

REQUIRED = object()
REGISTRY: dict[str, "CriterionKind"] = {}


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # int | decimal | bool | choice | award | str
    default: Any = REQUIRED
    choices: tuple = ()
    minimum: Any = None
    maximum: Any = None
    help: str = ""

    def coerce(self, value, known_awards=None):
        """Return the stored (JSON) form of value, or raise ValueError with a clear message."""
        if self.type == "int":
            if isinstance(value, bool) or not isinstance(value, int | str):
                raise ValueError(_("expected a whole number"))
            try:
                value = int(value)
            except ValueError:
                raise ValueError(_("expected a whole number")) from None
        elif self.type == "decimal":
            if isinstance(value, bool):
                raise ValueError(_("expected a number"))
            try:
                value = Decimal(str(value))
            except InvalidOperation:
                raise ValueError(_("expected a number")) from None
            if not value.is_finite():
                raise ValueError(_("expected a number"))
        elif self.type == "bool":
            if not isinstance(value, bool):
                raise ValueError(_("expected true or false"))
        elif self.type in ("choice", "award", "str"):
            if not isinstance(value, str) or not value.strip():
                raise ValueError(_("expected a text value"))
            value = value.strip()
            if self.type == "award":
                from ..models import AwardType

                exists = value in known_awards if known_awards is not None else (
                    AwardType.objects.filter(code=value).exists())
                if not exists:
                    raise ValueError(_("no award type with code “%(code)s”") % {"code": value})
            if self.choices and value not in self.choices:
                raise ValueError(_("must be one of: %(choices)s") % {"choices": ", ".join(self.choices)})
        if self.minimum is not None and value < self.minimum:
            raise ValueError(_("must be at least %(min)s") % {"min": self.minimum})
        if self.maximum is not None and value > self.maximum:
            raise ValueError(_("must be at most %(max)s") % {"max": self.maximum})
        if self.type == "decimal":
            value = str(value)
        return value

    def describe(self) -> str:
        text = f"{self.name} ({self.type}"
        if self.choices:
            text += ": " + "|".join(self.choices)
        if self.default is not REQUIRED:
            text += f", default {self.default!r}"
        return text + ")"


class CriterionKind:
    """Base class. Subclasses set name, label, params, subjects and implement evaluate(ctx, p)."""

    name = ""
    label = ""
    params: tuple[Param, ...] = ()
    subjects = frozenset({PERSON, COLLECTIVE})
    advisory = False  # reported beside the verdict, never changes it

    def normalise(self, params: dict, known_awards=None) -> dict:
        """Stored form with every parameter present (defaults filled). Assumes validate() passed."""
        out = {}
        for param in self.params:
            if param.name in params:
                out[param.name] = param.coerce(params[param.name], known_awards)
            else:
                out[param.name] = param.default
        return out

    def validate(self, params, known_awards=None) -> list[str]:
        if not isinstance(params, dict):
            return [_("Parameters must be a JSON object.")]
        errors = []
        known = {p.name for p in self.params}
        for name in sorted(set(params) - known):
            errors.append(
                _("Unknown parameter “%(name)s” for kind “%(kind)s”; allowed: %(allowed)s.")
                % {"name": name, "kind": self.name, "allowed": ", ".join(sorted(known)) or "—"}
            )
        for param in self.params:
            if param.name not in params:
                if param.default is REQUIRED:
                    errors.append(_("Parameter “%(name)s” is required.") % {"name": param.name})
                continue
            try:
                param.coerce(params[param.name], known_awards)
            except ValueError as exc:
                errors.append(_("Parameter “%(name)s”: %(error)s.") % {"name": param.name, "error": exc})
        return errors

    def parse(self, params: dict) -> dict:
        """Typed parameters for evaluation (decimals as Decimal), defaults filled."""
        out = {}
        for param in self.params:
            value = params.get(param.name, param.default)
            if param.type == "decimal" and value is not REQUIRED and value is not None:
                value = Decimal(str(value))
            out[param.name] = value
        return out

    def span(self, p: dict) -> int:
        """How many years back (including the campaign year) the records must reach."""
        return 1

    def awards_quota(self, p: dict) -> set[str]:
        """Awards whose holders per unit this criterion counts (loaded in one grouped query)."""
        return set()

    def evaluate(self, ctx, p: dict):  # pragma: no cover - abstract
        raise NotImplementedError

    def schema_text(self) -> str:
        return "; ".join(param.describe() for param in self.params) or "—"


def register(cls):
    REGISTRY[cls.name] = cls()
    return cls


def get_kind(name: str) -> CriterionKind:
    return REGISTRY[name]


def validate_criterion(kind: str, params, applies_to: str = "both") -> dict:
    """Errors by field name for a Criterion row; empty when valid."""
    if kind not in REGISTRY:
        return {
            "kind": _("Unknown criterion kind “%(kind)s”. Known kinds: %(known)s.")
            % {"kind": kind, "known": ", ".join(sorted(REGISTRY))}
        }
    spec = REGISTRY[kind]
    errors = {}
    param_errors = spec.validate(params)
    if param_errors:
        errors["params"] = param_errors
    if applies_to in (PERSON, COLLECTIVE) and applies_to not in spec.subjects:
        errors["applies_to"] = _("Kind “%(kind)s” cannot be applied to this recipient.") % {"kind": kind}
    return errors


