"""Querysets scoped to a user (through accounts.scoping, the one place scoping is decided)."""

from accounts.scoping import scope_to_user

from .models import Attachment, Dossier, Nominee


def dossiers_visible_to(user):
    return scope_to_user(Dossier.objects.all(), user, field="unit")


def nominees_visible_to(user):
    return scope_to_user(Nominee.objects.all(), user, field="dossier__unit")


def attachments_visible_to(user):
    return scope_to_user(Attachment.objects.all(), user, field="dossier__unit")
