from django.dispatch import Signal

# Sent after an import has committed. kwargs: kind (str, e.g. "ratings" or "par"), years (set[int]),
# unit_ids (set[int] of units whose records changed; people's units for person records).
records_imported = Signal()
