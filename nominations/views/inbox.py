from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ..models import Notification


@login_required
def inbox(request):
    qs = Notification.objects.filter(recipient=request.user).order_by("-created_at", "-pk")
    return render(request, "nominations/inbox.html", {
        "page": Paginator(qs, 50).get_page(request.GET.get("page")),
        "unread": qs.filter(read_at__isnull=True).count(),
    })


@login_required
@require_POST
def inbox_open(request, pk):
    note = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if note.read_at is None:
        Notification.objects.filter(pk=note.pk).update(read_at=timezone.now())
    if note.url and url_has_allowed_host_and_scheme(note.url, allowed_hosts={request.get_host()}):
        return redirect(note.url)
    return redirect("nominations:inbox")


@login_required
@require_POST
def inbox_read_all(request):
    Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return redirect("nominations:inbox")
